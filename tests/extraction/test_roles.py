"""Who acted settles the coding (roles.coding_by_actor): the taker of territory, and a
detention that was a fight's outcome. Pure (no Django), invented sentences."""

import datetime as dt

import pytest

from incidents.extraction.pipeline import extract_incidents


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a raid or a sweep alone is an arrest, even by a de facto authority
        ("HTS fighters arrested three Islamic State members in a raid on Monday.", "Arrests"),
        ("The SDF detained two ISIS suspects during a security sweep.", "Arrests"),
        # a detention told with fighting is the battle's outcome
        ("After clashes with the cell, HTS fighters arrested one Islamic State member.", "Armed clash"),
        # the taker of territory decides regained or overtaken
        ("The Syrian army took control of the village.", "Government regains territory"),
        ("HTS fighters took control of the village.", "Non-state actor overtakes territory"),
    ],
)
def test_the_actor_settles_the_coding(text, sub_event_type):
    (incident,) = extract_incidents(text, published=dt.date(2024, 5, 1), toponyms=[])
    assert incident.sub_event_type == sub_event_type
