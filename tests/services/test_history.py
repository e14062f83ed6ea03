"""Versioned saves, the history timeline, revert, soft delete and what reprocess leaves alone."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point

from incidents.models import GeocodeChange, Incident, Report
from incidents.selectors.history import incident_history
from incidents.services.history import (
    EditConflict,
    EditError,
    incident_restore,
    incident_revert,
    incident_soft_delete,
    incident_update,
    report_restore,
    report_soft_delete,
)
from incidents.services.reprocess import _machine_fields
from incidents.services.review import incidents_confirm, incidents_merge
from tests.factories import IncidentFactory, PlaceFactory, ReportFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return user_with_role("editor", username="alice")


def test_every_field_edit_is_recorded_with_who_when_before_after_and_why(editor):
    incident = IncidentFactory(fatalities=2, actor1="Military Forces of Iraq")
    incident_update(incident_id=incident.pk, version=incident.version, user=editor,
                    changes={"fatalities": 5, "actor1": "Police Forces of Iraq",
                             "event_date": dt.date(2021, 5, 16)},
                    reason="the ministry's statement")

    latest = incident_history(incident=incident)[0]
    assert latest.user == "alice" and latest.reason == "the ministry's statement"
    assert {(c.field, c.old, c.new) for c in latest.changes} >= {
        ("fatalities", "2", "5"),
        ("actor1", "Military Forces of Iraq", "Police Forces of Iraq"),
        ("event_date", "2021-05-17", "2021-05-16"),
    }
    incident.refresh_from_db()
    assert incident.version == 2 and incident.review_status == Incident.Review.CORRECTED
    assert set(incident.analyst_fields) == {"fatalities", "actor1", "event_date"}


def test_the_second_save_of_one_version_is_a_conflict_naming_the_first(editor):
    incident = IncidentFactory(fatalities=2)
    bob = user_with_role("editor", username="bob")
    loaded = incident.version
    incident_update(incident_id=incident.pk, version=loaded, changes={"fatalities": 4}, user=editor)

    with pytest.raises(EditConflict) as conflict:
        incident_update(incident_id=incident.pk, version=loaded, changes={"fatalities": 9}, user=bob)

    assert "alice" in str(conflict.value)
    (change,) = conflict.value.changes
    assert change.user == "alice"
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("fatalities", "2", "4"), ("review_status", "Automatic", "Corrected")]
    incident.refresh_from_db()
    assert incident.fatalities == 4  # never a silent overwrite


def test_revert_restores_the_location_and_place_and_is_itself_recorded(editor):
    mosul = PlaceFactory(name="Mosul")
    hammam = PlaceFactory(name="Hammam al Alil", point=Point(43.259, 36.159, srid=4326))
    incident = IncidentFactory(place=mosul)
    original = incident.location.clone()
    incident_update(incident_id=incident.pk, version=1, user=editor, reason="moved",
                    changes={"location": hammam.point, "place": hammam, "geo_precision": 2})
    assert GeocodeChange.objects.filter(incident=incident).count() == 1
    moved = incident_history(incident=incident)[0]

    incident_revert(incident_id=incident.pk, history_id=moved.history_id, version=2, user=editor)

    incident.refresh_from_db()
    assert incident.place == mosul and incident.location.equals_exact(original, 1e-9)
    assert incident.geo_precision == 1
    assert incident_history(incident=incident)[0].reason.startswith("revert of the change")


@pytest.mark.parametrize(("changes", "message"), [
    ({"summary": "x"}, "not editable"),
    ({"confidence": 1.0}, "not editable"),
])
def test_only_analyst_fields_can_be_edited(editor, changes, message):
    incident = IncidentFactory()
    with pytest.raises(EditError, match=message):
        incident_update(incident_id=incident.pk, version=1, changes=changes, user=editor)


def test_soft_deleted_incidents_and_reports_are_hidden_and_restorable(editor):
    report = ReportFactory()
    kept, gone = IncidentFactory(report=report), IncidentFactory(report=report)
    incident_soft_delete(incident_id=gone.pk, user=editor, reason="not an event")
    with pytest.raises(EditError, match="say why"):
        report_soft_delete(report_id=report.pk, user=editor, reason=" ")
    assert report_soft_delete(report_id=report.pk, user=editor, reason="duplicate feed item") == 1
    assert not Report.objects.filter(pk=report.pk).exists() and not Incident.objects.exists()
    assert Incident.all_objects.count() == 2  # nothing is deleted outright

    assert report_restore(report_id=report.pk, user=editor) == 1
    assert list(Incident.objects.all()) == [kept]  # the one deleted on its own stays deleted
    incident_restore(incident_id=gone.pk, user=editor)
    assert Incident.objects.count() == 2


def test_reprocess_never_rewrites_a_field_an_analyst_set(editor):
    incident = IncidentFactory(review_status=Incident.Review.AUTO)
    incident_update(incident_id=incident.pk, version=1, changes={"fatalities": 7}, user=editor,
                    status=Incident.Review.AUTO)
    incident.refresh_from_db()
    assert "fatalities" not in _machine_fields(incident) and "actor1" in _machine_fields(incident)


def test_bulk_confirm_and_merge_are_in_the_history(editor):
    first, second = IncidentFactory(), IncidentFactory()
    assert incidents_confirm(incident_ids=[first.pk], user=editor) == 1
    assert incident_history(incident=first)[0].changes[0].new == "Confirmed"

    keep = incidents_merge(incident_ids=[second.pk, first.pk], user=editor)

    assert keep == first
    assert list(keep.other_reports.all()) == [second.report]
    merged = Incident.all_objects.get(pk=second.pk)
    assert merged.merged_into == first and merged.deleted_at is not None
    assert incident_history(incident=first)[0].reason == f"merged #{second.pk}"
