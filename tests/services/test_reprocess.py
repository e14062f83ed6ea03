"""report_reprocess: re-geoparse and re-extract without overwriting an analyst's work."""

import datetime as dt
import io

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from gazetteer.index import gazetteer_index_reset
from incidents.models import Incident, Mention
from incidents.services.ingest import report_ingest
from incidents.services.relocate import incident_relocate
from incidents.services.reprocess import report_reprocess
from incidents.sources.document import ReportDocument
from incidents.tasks import report_reprocess_task
from tests.factories import IncidentFactory, PlaceFactory, PlaceNameFactory, UserFactory

PUBLISHED = dt.datetime(2021, 5, 18, 9, 0, tzinfo=dt.UTC)
TEXT = (
    "Iraqi aircraft struck ISIS hideouts southwest of Hammam Al-Alil on Monday. "
    "In a separate operation, the army arrested two suspects in Tal Afar on Sunday."
)


@pytest.fixture
def gazetteer(db):
    mosul = PlaceFactory(name="Mosul", population=1683000, feature_code="PPLA", point=Point(43.11889, 36.335))
    PlaceNameFactory(place=mosul, name="Mosul")
    tal_afar = PlaceFactory(name="Tall ‘Afar", point=Point(42.44806, 36.37913))
    PlaceNameFactory(place=tal_afar, name="Tal Afar")
    gazetteer_index_reset()
    return {"mosul": mosul, "tal_afar": tal_afar}


def _grow_gazetteer():
    """The gazetteer learns Hammam Al-Alil, which the report names."""
    hammam = PlaceFactory(name="Hamaam Alalil Centre", point=Point(43.2549, 36.1676))
    PlaceNameFactory(place=hammam, name="Hammam Al-Alil")
    gazetteer_index_reset()
    return hammam


def _ingest(text=TEXT, publisher="Wire"):
    document = ReportDocument(text=text, title="T", publisher=publisher, published_at=PUBLISHED)
    return report_ingest(document=document).report


def _snapshot(incident):
    incident.refresh_from_db()
    values = {f.attname: getattr(incident, f.attname) for f in Incident._meta.concrete_fields}
    values["location"] = incident.location.wkt if incident.location else None
    return values


def _strike(report):
    return Incident.objects.get(report=report, sub_event_type="Air/drone strike")


def test_a_grown_gazetteer_locates_an_automatic_incident_in_place(gazetteer):
    report = _ingest()
    strike = _strike(report)
    assert strike.location is None and strike.review_status == Incident.Review.NEEDS_REVIEW
    hammam = _grow_gazetteer()

    result = report_reprocess(report=report)

    strike_after = _strike(report)
    assert strike_after.pk == strike.pk  # same clause and type: updated, not replaced
    assert strike_after.place == hammam and strike_after.location.distance(hammam.point) < 1e-6
    assert strike_after.review_status == Incident.Review.AUTO
    assert Mention.objects.get(report=report, surface="Hammam Al-Alil").place == hammam
    assert (result.updated, result.created, result.deleted, result.kept) == (1, 0, 0, 0)
    assert Incident.objects.filter(report=report).count() == 2


def test_a_corrected_incident_survives_reprocessing_unchanged(gazetteer):
    report = _ingest()
    strike = _strike(report)
    analyst = UserFactory(username="fixer")
    incident_relocate(
        incident=strike,
        location=Point(43.30, 36.10, srid=4326),
        place=gazetteer["mosul"],
        geo_precision=2,
        user=analyst,
        reason="the source names the village",
    )
    before = _snapshot(strike)
    _grow_gazetteer()  # the automatic answer would now differ from the analyst's

    result = report_reprocess(report=report)
    report_reprocess(report=report)

    assert _snapshot(strike) == before
    assert result.kept == 1
    # The fresh finding of the same clause is dropped in favour of the analyst's row.
    assert Incident.objects.filter(report=report, sub_event_type="Air/drone strike").count() == 1
    assert strike.geocode_changes.count() == 1


@pytest.mark.parametrize("status", [Incident.Review.CONFIRMED, Incident.Review.CORRECTED])
def test_confirmed_or_corrected_incidents_are_not_touched(gazetteer, status):
    report = _ingest()
    arrest = Incident.objects.get(report=report, sub_event_type="Arrests")
    Incident.objects.filter(pk=arrest.pk).update(
        review_status=status, actor1="Police Forces of Iraq", fatalities=3
    )
    before = _snapshot(arrest)

    result = report_reprocess(report=report)

    assert _snapshot(arrest) == before
    assert result.kept == 1 and result.updated == 0
    assert Incident.objects.filter(report=report, sub_event_type="Arrests").count() == 1


def test_reprocessing_twice_changes_nothing_the_second_time(gazetteer):
    report = _ingest()
    _grow_gazetteer()
    report_reprocess(report=report)
    ids = sorted(Incident.objects.filter(report=report).values_list("pk", flat=True))
    snapshots = [_snapshot(i) for i in Incident.objects.filter(report=report).order_by("pk")]
    mentions = sorted(Mention.objects.filter(report=report).values_list("surface", "place_id"))

    again = report_reprocess(report=report)

    assert not again.changed and again.unchanged == 2
    assert sorted(Incident.objects.filter(report=report).values_list("pk", flat=True)) == ids
    assert [_snapshot(i) for i in Incident.objects.filter(report=report).order_by("pk")] == snapshots
    assert sorted(Mention.objects.filter(report=report).values_list("surface", "place_id")) == mentions


def test_stale_automatic_incidents_go_unless_other_reports_share_them(gazetteer):
    report = _ingest()
    stale = IncidentFactory(
        report=report, sub_event_type="Armed clash", event_type="Battles", start=500, end=520
    )
    shared = IncidentFactory(
        report=report, sub_event_type="Attack", event_type="Violence against civilians", start=600, end=620
    )
    other = _ingest(text="Gunmen shot a farmer dead in a village yesterday.", publisher="Other")
    shared.other_reports.add(other)

    result = report_reprocess(report=report)

    assert not Incident.objects.filter(pk=stale.pk).exists()
    assert list(Incident.objects.get(pk=shared.pk).other_reports.all()) == [other]
    assert result.deleted == 1


def test_links_to_another_reports_incident_are_kept_not_duplicated(gazetteer):
    first = _ingest(text="An air strike hit an ISIS hideout in Mosul yesterday.")
    second = _ingest(
        text="Warplanes struck ISIS positions in Mosul on Monday, a source said.", publisher="Other"
    )
    assert Incident.objects.count() == 1

    result = report_reprocess(report=second)

    incident = Incident.objects.get()
    assert incident.report == first and list(incident.other_reports.all()) == [second]
    assert (result.linked, result.created) == (1, 0)


def test_a_failure_mid_write_rolls_everything_back(gazetteer, monkeypatch):
    report = _ingest()
    _grow_gazetteer()
    mentions = sorted(Mention.objects.filter(report=report).values_list("pk", "place_id"))
    snapshots = [_snapshot(i) for i in Incident.objects.filter(report=report).order_by("pk")]

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("incidents.services.reprocess.incidents_split_known", explode)
    with pytest.raises(RuntimeError):
        report_reprocess(report=report)
    assert sorted(Mention.objects.filter(report=report).values_list("pk", "place_id")) == mentions
    assert [_snapshot(i) for i in Incident.objects.filter(report=report).order_by("pk")] == snapshots


def test_command_reprocesses_all_and_prints_a_summary(gazetteer):
    report = _ingest()
    _grow_gazetteer()
    out, err = io.StringIO(), io.StringIO()
    call_command("reprocess", "--all", stdout=out, stderr=err)
    assert "reprocessed 1 report(s), 1 changed, 0 failed" in out.getvalue()
    assert "1 updated" in out.getvalue()
    assert "report" in err.getvalue()  # the progress bar
    assert _strike(report).location is not None


def test_command_rejects_bad_arguments(gazetteer):
    report = _ingest()
    with pytest.raises(CommandError, match="either --all or"):
        call_command("reprocess", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no such report: 999999"):
        call_command("reprocess", str(report.pk), "999999", stdout=io.StringIO())


def test_command_lists_a_failing_report_and_goes_on(gazetteer, monkeypatch):
    good, bad = _ingest(), _ingest(text="Clashes broke out in Mosul today.", publisher="B")
    real = report_reprocess

    def flaky(*, report):
        if report.pk == bad.pk:
            raise ValueError("broken report")
        return real(report=report)

    monkeypatch.setattr("incidents.management.commands.reprocess.report_reprocess", flaky)
    _grow_gazetteer()
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 report"):
        call_command("reprocess", str(bad.pk), str(good.pk), "--no-progress", stdout=out)
    assert f"failed report {bad.pk}: ValueError: broken report" in out.getvalue()
    assert _strike(good).location is not None


def test_celery_task_reprocesses_by_id(gazetteer):
    report = _ingest()
    _grow_gazetteer()
    assert report_reprocess_task.delay(report.pk).get()["updated"] == 1
    assert report_reprocess_task.delay(987654).get() == {"report_id": 987654, "error": "no such report"}


def test_an_undated_report_keeps_its_dates_on_a_later_day(gazetteer, monkeypatch):
    document = ReportDocument(text="Clashes broke out in Mosul.", title="T", publisher="Wire")
    report = report_ingest(document=document).report
    ingest_day = Incident.objects.get(report=report).event_date
    later = dt.datetime.combine(ingest_day + dt.timedelta(days=30), dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)

    result = report_reprocess(report=report)

    assert not result.changed and Incident.objects.get(report=report).event_date == ingest_day
