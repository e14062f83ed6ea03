"""Analysts' edits of incidents: versioned saves, reverts, soft delete and restore.

Every save goes through ``incident_update``: the version the editor loaded is checked in
the UPDATE itself (``... WHERE id = %s AND version = %s``), so of two editors who loaded
version 3 only the first saves; the second gets ``EditConflict`` with the change the
first made, never a silent overwrite. django-simple-history records every save with
who, when and why (the history is the audit trail; a revert is one more save).
Reports and incidents are never deleted outright: they are marked, with a reason, and
can be restored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from incidents.models import GeocodeChange, Incident, Report
from incidents.selectors.history import EDITABLE, HistoryEntry, incident_changes_since

GEOCODE = ("location", "place", "geo_precision")


class EditConflict(Exception):
    """Someone saved the incident since the editor loaded it: ``changes`` says what."""

    def __init__(self, *, incident: Incident, changes: list[HistoryEntry]):
        self.incident = incident
        self.changes = changes
        who = ", ".join(sorted({c.user for c in changes})) or "someone"
        super().__init__(f"{who} saved this incident since you opened it (version {incident.version})")


class EditError(ValueError):
    """The edit cannot be made (deleted incident, missing reason...): the message says why."""


@dataclass(frozen=True, slots=True)
class UpdateResult:
    incident: Incident
    changed: tuple[str, ...]


# Forms show a point to 6 decimals (~0.1 m): a point within that is the same point.
_SAME_POINT_DEGREES = 1e-6


def _same(a, b) -> bool:
    if hasattr(a, "equals_exact") and b is not None:
        return a.equals_exact(b, _SAME_POINT_DEGREES)
    return a == b


def _current(incident: Incident, name: str):
    return incident.place_id if name == "place" else getattr(incident, name)


def _baseline(incident_id: int) -> None:
    """An incident stored before history was kept gets its first record now, so the first
    change has a "before" to show and to revert to."""
    incident = Incident.all_objects.get(pk=incident_id)
    if not incident.history.exists():
        incident.history.model.objects.create(
            **{f.attname: getattr(incident, f.attname) for f in incident.history.model.tracked_fields},
            history_date=incident.created_at or timezone.now(), history_type="+",
            history_change_reason="as stored before history was kept",
        )


@transaction.atomic
def incident_update(*, incident_id: int, version: int, changes: dict, user, reason: str = "",
                    status: str | None = None) -> UpdateResult:
    """Apply an analyst's ``changes`` ({field: value}, ``place`` a Place or None) to the
    incident at ``version``; fields that really change become the analyst's (reprocessing
    keeps them). ``status`` sets the review status (default: corrected when a field
    changed). Raises EditConflict when the incident moved past ``version``, EditError when
    it is deleted or a field is not editable."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise EditError(f"not editable: {', '.join(sorted(unknown))}")
    if not Incident.objects.filter(pk=incident_id).exists():
        raise EditError("this incident is deleted: restore it first")
    _baseline(incident_id)
    # The version check is in the UPDATE: of two saves of one version, one row count is 0.
    claimed = Incident.objects.filter(pk=incident_id, version=version).update(version=F("version") + 1)
    if not claimed:
        current = Incident.all_objects.get(pk=incident_id)
        since = incident_changes_since(incident=current, version=version)
        raise EditConflict(incident=current, changes=since)
    incident = Incident.objects.get(pk=incident_id)
    before = {name: _current(incident, name) for name in GEOCODE}
    before_location = incident.location
    changed = []
    for name, value in changes.items():
        new = value.pk if name == "place" and value is not None else value
        if _same(_current(incident, name), new):
            continue
        setattr(incident, "place_id" if name == "place" else name, new)
        changed.append(name)
    if "location" in changed:
        incident.estimate = incident.location  # an analyst's point is the best estimate there is
        incident.uncertainty_km = None
    incident.analyst_fields = sorted(set(incident.analyst_fields) | set(changed))
    incident.review_status = status or (Incident.Review.CORRECTED if changed else incident.review_status)
    incident._change_reason = reason.strip()[:100] or None
    incident._history_user = user if getattr(user, "is_authenticated", False) else None
    incident.save()
    if set(changed) & set(GEOCODE):
        GeocodeChange.objects.create(
            incident=incident, changed_by=incident._history_user,
            old_location=before_location, new_location=incident.location,
            old_place_id=before["place"], new_place_id=incident.place_id,
            old_geo_precision=before["geo_precision"], new_geo_precision=incident.geo_precision,
            reason=reason.strip(),
        )
    return UpdateResult(incident=incident, changed=tuple(changed))


def incident_revert(*, incident_id: int, history_id: int, version: int, user) -> UpdateResult:
    """Undo one recorded change: the fields it changed go back to what they were before it
    (a new, versioned save; the reverted change stays in the history)."""
    incident = Incident.all_objects.get(pk=incident_id)
    record = incident.history.filter(history_id=history_id).first()
    if record is None:
        raise EditError("no such change in this incident's history")
    previous = record.prev_record
    if previous is None:
        raise EditError("this is the incident as first stored: there is nothing before it")
    delta = record.diff_against(previous, included_fields=list(EDITABLE))
    if not delta.changes:
        raise EditError("this change touched no field an analyst edits")
    from gazetteer.models import Place

    changes = {}
    for change in delta.changes:
        value = change.old
        if change.field == "place":
            value = Place.objects.filter(pk=value).first() if value is not None else None
        changes[change.field] = value
    when = timezone.localtime(record.history_date)
    return incident_update(incident_id=incident_id, version=version, changes=changes, user=user,
                           reason=f"revert of the change of {when:%Y-%m-%d %H:%M}")


def _deleted_by(instance, user, reason: str) -> None:
    instance._change_reason = reason[:100]
    instance._history_user = user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def incident_soft_delete(*, incident_id: int, user, reason: str) -> Incident:
    """Mark an incident deleted, with a reason (required); restorable."""
    if not reason.strip():
        raise EditError("say why the incident is deleted")
    incident = Incident.objects.select_for_update().filter(pk=incident_id).first()
    if incident is None:
        raise EditError("no such incident, or it is deleted already")
    incident.deleted_at, incident.deleted_reason = timezone.now(), reason.strip()
    incident.version += 1
    _deleted_by(incident, user, f"deleted: {reason.strip()}")
    incident.save()
    return incident


@transaction.atomic
def incident_restore(*, incident_id: int, user) -> Incident:
    """Bring a soft-deleted incident back."""
    incident = Incident.all_objects.select_for_update().get(pk=incident_id)
    if incident.deleted_at is None:
        raise EditError("the incident is not deleted")
    incident.deleted_at, incident.deleted_reason = None, ""
    incident.version += 1
    _deleted_by(incident, user, "restored")
    incident.save()
    return incident


@transaction.atomic
def report_soft_delete(*, report_id: int, user, reason: str) -> int:
    """Mark a report and its live incidents deleted (one reason, one time); returns how
    many incidents went with it."""
    if not reason.strip():
        raise EditError("say why the report is deleted")
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise EditError("no such report, or it is deleted already")
    now = timezone.now()
    report.deleted_at, report.deleted_reason = now, reason.strip()
    _deleted_by(report, user, f"deleted: {reason.strip()}")
    report.save()
    count = 0
    for incident in Incident.objects.filter(report=report):
        incident.deleted_at, incident.deleted_reason = now, f"its report was deleted: {reason.strip()}"
        incident.version += 1
        _deleted_by(incident, user, "deleted with its report")
        incident.save()
        count += 1
    return count


@transaction.atomic
def report_restore(*, report_id: int, user) -> int:
    """Bring back a deleted report and the incidents that were deleted with it."""
    report = Report.all_objects.select_for_update().get(pk=report_id)
    if report.deleted_at is None:
        raise EditError("the report is not deleted")
    when = report.deleted_at
    report.deleted_at, report.deleted_reason = None, ""
    _deleted_by(report, user, "restored")
    report.save()
    count = 0
    for incident in Incident.all_objects.filter(report=report, deleted_at=when):
        incident.deleted_at, incident.deleted_reason = None, ""
        incident.version += 1
        _deleted_by(incident, user, "restored with its report")
        incident.save()
        count += 1
    return count
