"""Learning from a correction: a pick teaches an alias scoped to the report's governorate;
an editor's new place is found by the next report that names it."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point

from gazetteer.geoparser import name_key
from gazetteer.index import gazetteer_index_reset
from gazetteer.models import Alias, Place, PlaceName, Source
from incidents.models import Mention
from incidents.services.ingest import report_ingest
from incidents.services.review import mention_pick, place_add_and_pick
from incidents.sources.document import ReportDocument
from tests.factories import IncidentFactory, PlaceFactory, PlaceNameFactory, user_with_role

pytestmark = pytest.mark.django_db
PUBLISHED = dt.datetime(2021, 5, 18, 9, 0, tzinfo=dt.UTC)


def _place(name, governorate, lon, lat, population=1000, code="PPL"):
    place = PlaceFactory(name=name, admin1_code=governorate, population=population, feature_code=code,
                         point=Point(lon, lat, srid=4326))
    PlaceNameFactory(place=place, name=name, key=name_key(name), script=PlaceName.Script.LATIN)
    return place


@pytest.fixture
def gazetteer():
    gazetteer_index_reset()
    places = {
        "mosul": _place("Mosul", "Nineveh", 43.119, 36.335, 1_683_000, "PPLA"),
        "tikrit": _place("Tikrit", "Saladin", 43.679, 34.607, 160_000, "PPLA"),
        # Two namesakes: the resolver takes the big one (in Nineveh) wherever the text is.
        "rabia_big": _place("Rabia", "Nineveh", 42.10, 36.80, 500_000, "PPLA2"),
        "rabia_small": _place("Rabia", "Saladin", 42.05, 36.75, 10),
    }
    yield places
    gazetteer_index_reset()


def _ingest(text):
    document = ReportDocument(text=text, title="T", publisher="Wire", published_at=PUBLISHED)
    return report_ingest(document=document).report


def _rabia(report):
    return Mention.objects.get(report=report, surface="Rabia")


@pytest.mark.parametrize(("other_town", "expected"), [
    ("Tikrit", "rabia_small"),  # the governorate the correction was made in: learned
    ("Mosul", "rabia_big"),  # another governorate: as before
])
def test_a_pick_is_learned_in_its_governorate_only(gazetteer, other_town, expected):
    first = _ingest("Gunmen attacked a checkpoint in Rabia on Monday, police in Tikrit said.")
    assert _rabia(first).place == gazetteer["rabia_big"]  # the machine's mistake
    incident = IncidentFactory(report=first, start=0, end=len(first.text))
    editor = user_with_role("editor")

    mention_pick(incident_id=incident.pk, version=incident.version, mention_id=_rabia(first).pk,
                 place=gazetteer["rabia_small"], user=editor, reason="the Rabia of Saladin")

    alias = Alias.objects.get()
    assert (alias.surface, alias.place) == ("Rabia", gazetteer["rabia_small"])
    assert alias.context_admin1 == "Saladin"
    nxt = _ingest(f"A roadside bomb exploded in Rabia on Tuesday, officials in {other_town} said.")
    assert _rabia(nxt).place == gazetteer[expected]


def test_an_editors_new_place_is_found_by_the_next_report(gazetteer):
    first = _ingest("Clashes broke out in Ain Al-Jahsh on Monday, police in Mosul said.")
    assert not Mention.objects.filter(report=first, surface="Ain Al-Jahsh", place__isnull=False).exists()
    incident = IncidentFactory(report=first, start=0, end=len(first.text))
    parent = _place("Ninawa", "Nineveh", 42.8, 36.2, 3_000_000, "ADM1")
    mention = Mention.objects.filter(report=first, surface="Ain Al-Jahsh").first()

    place_add_and_pick(
        incident_id=incident.pk, version=incident.version, mention_id=mention.pk if mention else None,
        name="Ain Al-Jahsh", name_ar="عين الجحش", lon=43.05, lat=36.0, parent=parent,
        user=user_with_role("editor"), reason="village south of Mosul")

    place = Place.objects.get(name="Ain Al-Jahsh")
    assert place.source == Source.ANALYST
    assert sorted(place.names.values_list("name", flat=True)) == ["Ain Al-Jahsh", "عين الجحش"]
    assert place.history.get().history_user.groups.filter(name="editor").exists()
    incident.refresh_from_db()
    assert incident.place == place and incident.location.equals_exact(place.point, 1e-9)
    nxt = _ingest("A drone struck a house in Ain Al-Jahsh on Tuesday.")
    assert Mention.objects.get(report=nxt, surface="Ain Al-Jahsh").place == place
