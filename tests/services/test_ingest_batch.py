"""Batched ingest: a batch stores exactly what one-by-one ingest stores (rows, links,
history, the map's counts), dedupes within the batch and against stored reports, lets a
bad report fail alone, and costs a fixed number of queries whatever its size."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext

import incidents.services.ingest_batch as ingest_batch
from gazetteer.index import gazetteer_index_reset
from incidents.models import DayCount, Incident, IngestFailure, MapCell, Mention, Report
from incidents.services.ingest import report_ingest, reports_ingest, sources_ingest
from incidents.sources.document import IngestError, ReportDocument
from tests.factories import PlaceFactory, PlaceNameFactory

pytestmark = pytest.mark.django_db

TUESDAY = dt.datetime(2021, 5, 18, 9, 0, tzinfo=dt.UTC)  # "yesterday" and "Monday": May 17


@pytest.fixture
def towns(db):
    for name, lon, lat in [("Mosul", 43.11889, 36.335), ("Tal Afar", 42.44806, 36.37913),
                           ("Kirkuk", 44.39222, 35.46806)]:
        PlaceNameFactory(place=PlaceFactory(name=name, population=100000, feature_code="PPLA",
                                            point=Point(lon, lat)), name=name)
    gazetteer_index_reset()


def _doc(text, *, publisher="Wire", published=TUESDAY, origin=""):
    return ReportDocument(text=text, title=text[:30], publisher=publisher, published_at=published,
                          origin=origin)


STORED_BEFORE = [
    _doc("Gunmen killed a shopkeeper in Kirkuk yesterday, a medical source said.", publisher="Old"),
    _doc("Several mortar shells landed in farmland near Tal Afar today.", publisher="Old"),
]
BATCH = [
    _doc("An air strike hit an ISIS hideout in Mosul yesterday."),
    # The same event from another publisher, in the same batch: linked, not stored twice.
    _doc("Warplanes struck ISIS positions in Mosul on Monday, a security source said.",
         publisher="Other", published=dt.datetime(2021, 5, 17, 20, 0, tzinfo=dt.UTC)),
    _doc("An air strike hit an ISIS  hideout\nin Mosul yesterday."),  # same text re-wrapped
    _doc("Gunmen shot dead a shopkeeper in Kirkuk on Monday."),  # the stored event
    STORED_BEFORE[1],  # the stored text itself
    _doc("An air strike hit tunnels southwest of Hammam Al-Alil today."),  # unresolved
    # Two events of one report never merge with each other.
    _doc("An IED exploded in Mosul today. Later another IED exploded in Mosul, police said."),
    _doc("Clashes broke out between the army and ISIS in Tal Afar today."),
]


def _snapshot() -> dict:
    """What ingest stored, without ids: reports by hash, their rows, links and history."""
    hashes = dict(Report.all_objects.values_list("id", "content_hash"))
    incident_key = {i.pk: (hashes[i.report_id], i.start, i.sub_event_type)
                    for i in Incident.all_objects.all()}
    machine = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "fatalities",
               "location_name", "place_id", "geo_precision", "admin1", "country_code", "summary",
               "start", "end", "review_status", "confidence", "uncertainty_km")
    return {
        "reports": sorted((r.content_hash, r.title, r.publisher, r.published_at, r.origin)
                          for r in Report.all_objects.all()),
        "mentions": sorted((hashes[m.report_id], m.start, m.end, m.surface, m.kind, m.place_id,
                            m.needs_review, m.review_reason, str(m.candidates))
                           for m in Mention.objects.all()),
        "incidents": sorted((hashes[i.report_id], *(getattr(i, f) for f in machine),
                             i.location.wkt if i.location else None,
                             i.estimate.wkt if i.estimate else None)
                            for i in Incident.all_objects.all()),
        "links": sorted((incident_key[link.incident_id], hashes[link.report_id])
                        for link in Incident.other_reports.through.objects.all()),
        "report_history": sorted((hashes[h.id], h.history_type, h.history_change_reason, h.title)
                                 for h in Report.history.all()),
        "incident_history": sorted((incident_key[h.id], h.history_type, h.history_change_reason)
                                   for h in Incident.history.all()),
        "map_cells": sorted(MapCell.objects.filter(n__gt=0)
                            .values_list("level", "cx", "cy", "event_type", "n")),
        "day_counts": sorted(DayCount.objects.filter(n__gt=0).values_list("day", "event_type", "n")),
    }


def _wipe():
    Report.all_objects.all().delete()  # cascades to mentions, incidents, links
    Report.history.all().delete()
    Incident.history.all().delete()


def test_a_batch_stores_what_one_by_one_ingest_stores(towns):
    reports_ingest(documents=STORED_BEFORE)
    one_by_one = [report_ingest(document=d) for d in BATCH]
    expected = _snapshot()
    _wipe()
    reports_ingest(documents=STORED_BEFORE)
    batched = reports_ingest(documents=BATCH)
    assert _snapshot() == expected
    assert [r.created for r in batched] == [r.created for r in one_by_one]
    # The table is a real test: it has cross-report links, in the batch and to stored rows.
    assert len(expected["links"]) >= 2 and expected["map_cells"] and expected["day_counts"]


def test_duplicates_within_the_batch_and_against_stored_reports(towns):
    stored = report_ingest(document=STORED_BEFORE[1]).report
    first, rewrapped, again = reports_ingest(documents=[BATCH[0], BATCH[2], STORED_BEFORE[1]])
    assert first.created and not rewrapped.created and not again.created
    assert rewrapped.report == first.report and again.report == stored
    assert Report.objects.count() == 2


def test_the_same_event_in_two_reports_of_a_batch_is_linked_to_the_first(towns):
    first, second = reports_ingest(documents=BATCH[:2])
    incident = Incident.objects.get()
    assert incident.report == first.report
    assert list(incident.other_reports.all()) == [second.report]


def test_two_events_of_one_report_are_both_kept(towns):
    (result,) = reports_ingest(documents=[BATCH[6]])
    assert Incident.objects.filter(report=result.report).count() == 2


def _unreadable():
    raise IngestError("empty report")


def _sources(documents):
    return [(f"doc-{i}", "api", lambda d=d: d) for i, d in enumerate(documents)]


@pytest.mark.parametrize("where", ["load", "analysis", "write"])
def test_a_bad_report_fails_alone_and_is_recorded(towns, monkeypatch, where):
    bad = _doc("BOOM: an air strike hit Kirkuk today.")
    if where == "load":
        sources = _sources([BATCH[0], BATCH[7]])
        sources.insert(1, ("doc-bad", "api", _unreadable))
    else:
        sources = _sources([BATCH[0], bad, BATCH[7]])
        sources[1] = ("doc-bad", "api", sources[1][2])
        target, name = ((ingest_batch, "report_analyse") if where == "analysis"
                        else (ingest_batch, "incidents_build"))
        real = getattr(target, name)

        def explode(**kwargs):
            if "BOOM" in (kwargs.get("text") or kwargs["report"].text):
                raise RuntimeError("disk full")
            return real(**kwargs)

        monkeypatch.setattr(target, name, explode)
    outcomes = sources_ingest(sources=sources)
    assert [o.status for o in outcomes] == ["ingested", "failed", "ingested"]
    failure = IngestFailure.objects.get()
    assert (failure.origin, failure.channel) == ("doc-bad", "api")
    assert failure.reason == outcomes[1].reason
    assert (failure.reason == "internal error (RuntimeError): disk full") == (where != "load")
    assert Report.objects.count() == 2 and not Report.objects.filter(text__contains="BOOM").exists()
    assert all(o.report_id and o.incidents >= 1 for o in (outcomes[0], outcomes[2]))


def _queries(documents) -> int:
    with CaptureQueriesContext(connection) as queries:
        reports_ingest(documents=documents)
    return len(queries)


def test_a_batch_costs_the_same_queries_whatever_its_size(towns):
    texts = [f"Clashes broke out in {town} on {day}." for town in ("Mosul", "Kirkuk", "Tal Afar")
             for day in ("Monday", "Friday", "Wednesday")]  # 2+ days apart: not one event
    reports_ingest(documents=[_doc(texts[0])])  # builds the gazetteer index and the actor list
    small, large = _queries([_doc(t) for t in texts[1:3]]), _queries([_doc(t) for t in texts[3:]])
    assert Incident.objects.count() == len(texts)  # all new: the same statements in both
    assert large == small <= 12
