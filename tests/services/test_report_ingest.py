"""report_ingest: one transaction, idempotent, review flags, cross-report deduplication."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point

from gazetteer.index import gazetteer_index_reset
from incidents.models import Incident, Mention, Report
from incidents.services.ingest import report_ingest
from incidents.sources.document import ReportDocument
from tests.factories import AdminAreaFactory, PlaceFactory, PlaceNameFactory, square

PUBLISHED = dt.datetime(2021, 5, 18, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def small_gazetteer(db):
    mosul = PlaceFactory(name="Mosul", population=1683000, feature_code="PPLA", point=Point(43.11889, 36.335))
    PlaceNameFactory(place=mosul, name="Mosul")
    tal_afar = PlaceFactory(name="Tall ‘Afar", population=0, point=Point(42.44806, 36.37913))
    PlaceNameFactory(place=tal_afar, name="Tall ‘Afar")
    PlaceNameFactory(place=tal_afar, name="Tal Afar")
    gazetteer_index_reset()
    return {"mosul": mosul, "tal_afar": tal_afar}


def _doc(text, **extra):
    return ReportDocument(text=text, title="T", publisher="Wire", published_at=PUBLISHED, **extra)


def test_ingest_stores_report_mentions_and_located_incidents(small_gazetteer):
    result = report_ingest(document=_doc("An air strike hit an ISIS hideout in Tal Afar yesterday."))
    assert result.created
    mention = Mention.objects.get(report=result.report, surface="Tal Afar")
    assert mention.place == small_gazetteer["tal_afar"]
    incident = Incident.objects.get(report=result.report)
    assert incident.sub_event_type == "Air/drone strike"
    assert incident.event_date == dt.date(2021, 5, 17)
    assert incident.place == small_gazetteer["tal_afar"]
    assert incident.location.distance(small_gazetteer["tal_afar"].point) < 1e-6
    assert incident.review_status == Incident.Review.AUTO


def test_ingesting_the_same_text_twice_is_a_no_op(small_gazetteer):
    first = report_ingest(document=_doc("Clashes broke out in Mosul today."))
    second = report_ingest(document=_doc("Clashes  broke out\nin Mosul today."))
    assert not second.created and second.report == first.report
    assert Report.objects.count() == 1 and Incident.objects.count() == 1


def test_unresolved_place_is_kept_and_flagged(small_gazetteer):
    result = report_ingest(document=_doc("An air strike hit tunnels southwest of Hammam Al-Alil today."))
    mention = Mention.objects.get(report=result.report, surface="Hammam Al-Alil")
    assert mention.place is None and mention.needs_review
    incident = Incident.objects.get(report=result.report)
    assert incident.review_status == Incident.Review.NEEDS_REVIEW


def test_same_event_from_another_publisher_is_linked_not_duplicated(small_gazetteer):
    first = report_ingest(document=_doc("An air strike hit an ISIS hideout in Mosul yesterday."))
    second = report_ingest(
        document=ReportDocument(
            text="Warplanes struck ISIS positions in Mosul on Monday, a security source said.",
            publisher="Other Wire",
            published_at=dt.datetime(2021, 5, 17, 20, 0, tzinfo=dt.UTC),
        )
    )
    assert second.created
    incident = Incident.objects.get()
    assert incident.report == first.report
    assert list(incident.other_reports.all()) == [second.report]


def test_a_failure_mid_write_leaves_nothing(small_gazetteer, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Incident.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        report_ingest(document=_doc("Clashes broke out in Mosul today."))
    assert Report.objects.count() == 0 and Mention.objects.count() == 0


def test_cached_geocoder_answers_place_names_the_gazetteer_lacks(small_gazetteer):
    from gazetteer.models import GeocodeCache
    from incidents.services.analysis import report_analyse

    GeocodeCache.objects.create(
        provider="nominatim", query="Hammam Al-Alil", countries="iq,sy", found=True, lat=36.1676, lon=43.2549
    )
    analysis = report_analyse(text="An air strike hit tunnels near Hammam Al-Alil today.", published=None)
    toponym = next(t for t in analysis.toponyms if t.text == "Hammam Al-Alil")
    assert toponym.place is None  # still an analyst's call
    assert (toponym.lat, toponym.lon, toponym.relation) == (36.1676, 43.2549, "geocoded")


@pytest.mark.parametrize(
    ("sentence", "on_line"),
    [
        ("Joint centres were opened today to secure the Iraqi-Syrian border.", True),
        ("Joint centres were opened today to secure the Syrian-Turkish border.", False),
    ],
)
def test_border_events_are_coded_to_the_iraq_syria_line(small_gazetteer, sentence, on_line):
    from django.contrib.gis.geos import LineString, MultiLineString

    from gazetteer.models import Border

    line = MultiLineString(LineString((38.8, 33.4), (41.0, 34.4), (42.3, 37.1)), srid=4326)
    Border.objects.create(code="IQ-SY", name="Iraq-Syria border", source="natural_earth", geom=line)
    result = report_ingest(document=_doc(sentence))
    incident = Incident.objects.get(report=result.report)
    assert incident.geo_precision == 3
    if on_line:
        assert incident.location.distance(line) < 1e-9
        assert incident.review_status == Incident.Review.AUTO
    else:
        assert incident.location is None
        assert incident.review_status == Incident.Review.NEEDS_REVIEW


def test_places_inside_organisation_names_are_not_linked(small_gazetteer):
    result = report_ingest(
        document=_doc("The Mosul Operations Command said an IED exploded near Tal Afar today.")
    )
    org = Mention.objects.filter(report=result.report, kind="organisation")
    assert org.exists() and all(m.place is None for m in org)
    assert Mention.objects.get(report=result.report, surface="Tal Afar").place == small_gazetteer["tal_afar"]


def test_an_event_in_a_part_of_a_country_is_stored_located_and_not_flagged(small_gazetteer):
    AdminAreaFactory(level=0, pcode="IQ", country_code="IQ", geom=square(40, 30, 3))
    gazetteer_index_reset()
    text = "A drone strike hit a militant hideout in northern Iraq on Sunday, killing five militants."
    incident = Incident.objects.get(report=report_ingest(document=_doc(text)).report)
    assert (incident.location_name, incident.geo_precision, incident.country_code) == (
        "Northern Iraq", 3, "IQ")
    assert (round(incident.location.y, 3), round(incident.location.x, 3)) == (32.5, 41.5)
    assert incident.place is None and incident.review_status == Incident.Review.AUTO
