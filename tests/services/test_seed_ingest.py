"""Acceptance: the seed report (../shared/seed) through the real pipeline and gazetteer."""

import io
import json

import pytest
from django.core.management import call_command
from geopy.distance import geodesic

from incidents.models import Incident, Mention, Report
from tests.conftest import shared_path

SEED = ("seed", "000_1b5e2521021af511.txt")
GOLD = ("data", "eval", "dev", "seed_gold.json")


@pytest.fixture
def seed_report(db, default_gazetteer):
    call_command("ingest", str(shared_path(*SEED)), stdout=io.StringIO())
    return Report.objects.get()


def _gold_point(surface):
    gold = json.loads(shared_path(*GOLD).read_text())
    entry = next(t for t in gold["toponyms"] if t["surface"] == surface)
    return entry["lat"], entry["lon"]


def test_seed_yields_incidents_and_strips_furniture(seed_report):
    assert seed_report.incidents.count() >= 3
    assert "Leave a Reply" not in seed_report.text
    assert "Facebook" not in seed_report.text
    assert seed_report.publisher == "Shafaq News"
    assert seed_report.published_at.date().isoformat() == "2021-05-18"
    surfaces = set(Mention.objects.values_list("surface", flat=True))
    assert not surfaces & {"Facebook", "Logo", "Log Out", "Leave a Reply"}


@pytest.mark.parametrize("surface", ["Mosul", "Tal Afar"])
def test_seed_places_resolve_within_5km(seed_report, surface):
    mentions = Mention.objects.filter(report=seed_report, surface=surface, kind="place")
    assert mentions, f"{surface} not recognised"
    for mention in mentions:
        assert mention.place is not None, f"{surface} left unresolved"
        point = (mention.place.point.y, mention.place.point.x)
        assert geodesic(point, _gold_point(surface)).km < 5


def test_hammam_al_alil_is_resolved_or_flagged(seed_report):
    mention = Mention.objects.get(report=seed_report, surface="Hammam Al-Alil")
    if mention.place is None:
        assert mention.needs_review
    else:
        point = (mention.place.point.y, mention.place.point.x)
        assert geodesic(point, _gold_point("Hammam Al-Alil")).km < 5


def test_ingesting_twice_changes_nothing(seed_report):
    before = (Report.objects.count(), Mention.objects.count(), Incident.objects.count())
    call_command("ingest", str(shared_path(*SEED)), stdout=io.StringIO())
    assert (Report.objects.count(), Mention.objects.count(), Incident.objects.count()) == before
