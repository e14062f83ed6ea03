"""Hostile report text through the whole ingest (geoparse, extract, store) on both databases.

Whatever the text (mixed scripts, bidi marks, huge tokens and names, event sentences with
absurd numbers and dates), ``report_ingest`` stores the report, its mentions and
incidents within the columns' limits, or refuses it with an IngestError: never a
database error (a 10,000-letter "place name" must not overflow a 300-character column).
"""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.index import gazetteer_index_reset
from incidents.models import Incident, Mention, Report
from incidents.services.ingest import report_ingest
from incidents.sources.document import IngestError, ReportDocument
from incidents.sources.payloads import document_from_fields
from tests.factories import PlaceFactory, PlaceNameFactory
from tests.hostile.strategies import BOUNDED, HOSTILE_TEXT

PUBLISHED = dt.datetime(2021, 5, 18, 9, 0, tzinfo=dt.UTC)
DB_BOUNDED = settings(BOUNDED, max_examples=min(BOUNDED.max_examples, 20),
                      suppress_health_check=[*BOUNDED.suppress_health_check,
                                             HealthCheck.function_scoped_fixture])
EVENTS = [
    "An IED attack in Mosul killed 99999999999999999999 people.",
    "Clashes broke out near " + "Al-" * 200 + "Mosul yesterday.",
    "An air strike hit " + "Kharbat" * 300 + " village near Mosul.",
    "Gunmen attacked a checkpoint in " + " ".join(["Tal"] * 200) + " Afar.",
    "ISIS fighters were killed in the " + "Ninawa " * 100 + "desert, 99999 km south of Mosul.",
    "اشتباكات في الموصل " + "ال" * 500,
]
EVENT = st.sampled_from(EVENTS)


@pytest.fixture
def gazetteer(db):
    mosul = PlaceFactory(name="Mosul", population=1683000, feature_code="PPLA", point=Point(43.11889, 36.335))
    PlaceNameFactory(place=mosul, name="Mosul")
    PlaceNameFactory(place=mosul, name="الموصل")
    gazetteer_index_reset()
    yield
    gazetteer_index_reset()


def check_stored() -> None:
    for mention in Mention.objects.select_related("report"):
        assert mention.report.text[mention.start:mention.end][:300] == mention.surface
    for incident in Incident.objects.all():
        assert len(incident.location_name) <= 200 and (incident.fatalities or 0) < 2**31


@DB_BOUNDED
@given(HOSTILE_TEXT, EVENT, HOSTILE_TEXT)
def test_hostile_reports_are_stored_within_limits_or_refused(gazetteer, before, event, after):
    text = f"{before}\n{event}\n{after}"
    try:  # the form's and the API's path: fields -> document -> ingest
        document = document_from_fields(text=text, title="T", publisher="P", published_at=PUBLISHED)
    except IngestError:
        return
    report_ingest(document=document)
    check_stored()


@pytest.mark.parametrize("event", EVENTS)
def test_each_hostile_event_sentence_is_stored(gazetteer, event):
    report_ingest(document=ReportDocument(text=event, title="T", publisher="P", published_at=PUBLISHED))
    assert Report.objects.count() == 1
    check_stored()
