"""Analysts extend the actor dictionary in the admin; extraction uses it at once."""

import pytest

from incidents.extraction.actors import actor_mentions
from incidents.models import ActorAlias
from incidents.selectors.actors import extra_actors
from incidents.services.analysis import report_analyse


def test_extra_entries_match_like_built_in_ones():
    extra = (("Saraya Awliya al-Dam", ("Awliya al-Dam", "SAD"), False),)
    found = actor_mentions("Rockets fired by Awliya al-Dam hit the base; sad news.", extra=extra)
    assert [(m.text, m.name) for m in found] == [("Awliya al-Dam", "Saraya Awliya al-Dam")]
    assert actor_mentions("Rockets fired by Awliya al-Dam hit the base.") == []


@pytest.mark.django_db
def test_admin_rows_reach_the_extraction():
    text = "Fighters of the Sinjar Protection Brigade arrested two ISIS suspects in Sinjar today."
    before = report_analyse(text=text, published=None).incidents
    assert before and before[0].actor1 != "Sinjar Protection Brigade"
    name = "Sinjar Protection Brigade"
    ActorAlias.objects.create(name=name, alias=name, state_force=True)
    assert extra_actors() == (("Sinjar Protection Brigade", ("Sinjar Protection Brigade",), True),)
    after = report_analyse(text=text, published=None).incidents
    assert after[0].sub_event_type == "Arrests"
    assert after[0].actor1 == "Sinjar Protection Brigade"
