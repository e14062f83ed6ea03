"""An incident's history as analysts read it: who changed what, when, why, from what to what.

Built on django-simple-history's records (``Incident.history``): each record is compared
with the one before it; fields of bookkeeping (version, timestamps) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import capfirst

from gazetteer.models import Place
from incidents.models import Incident
from incidents.taxonomy import GeoPrecision, TimePrecision

# What an analyst may set on an incident (model field names; "place" is the FK).
EDITABLE = (
    "event_type", "sub_event_type", "event_date", "time_precision", "actor1", "actor2",
    "fatalities", "location", "place", "geo_precision", "location_name",
)
_HIDDEN = {"version", "analyst_fields", "created_at", "updated_at", "estimate", "uncertainty_km"}
_CHOICES = {"geo_precision": dict(GeoPrecision.choices), "time_precision": dict(TimePrecision.choices),
            "review_status": dict(Incident.Review.choices)}


@dataclass(slots=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(slots=True)
class HistoryEntry:
    history_id: int
    when: object
    user: str
    reason: str
    kind: str  # created, changed, deleted
    version: int
    changes: list[FieldChange] = field(default_factory=list)
    revertible: bool = False


def _show(name: str, value, places: dict[int, str]) -> str:
    if value is None or value == "":
        return "—"
    if name == "place":
        return places.get(value, f"place {value}")
    if name in ("location",):
        return f"{value.y:.5f}, {value.x:.5f}"
    if name in _CHOICES:
        return str(_CHOICES[name].get(value, value))
    return str(value)


def _entries(records: list) -> list[HistoryEntry]:
    labels = {f.name: capfirst(str(f.verbose_name)) for f in Incident._meta.get_fields()
              if hasattr(f, "verbose_name")}
    diffs = []
    for record in records:
        previous = record.prev_record
        diff = record.diff_against(previous).changes if previous is not None else []
        diffs.append((record, [c for c in diff if c.field not in _HIDDEN]))
    place_ids = {v for _, diff in diffs for c in diff if c.field == "place" for v in (c.old, c.new) if v}
    places = dict(Place.objects.filter(pk__in=place_ids).values_list("pk", "name"))
    out = []
    for record, diff in diffs:
        changes = [FieldChange(field=c.field, label=labels.get(c.field, c.field),
                               old=_show(c.field, c.old, places), new=_show(c.field, c.new, places))
                   for c in diff]
        deleted = any(c.field == "deleted_at" for c in diff)
        kind = "created" if record.history_type == "+" else ("deleted/restored" if deleted else "changed")
        user = record.history_user.get_username() if record.history_user_id else "the pipeline"
        out.append(HistoryEntry(
            history_id=record.history_id, when=record.history_date, user=user,
            reason=record.history_change_reason or "", kind=kind, version=record.version,
            changes=changes, revertible=any(c.field in EDITABLE for c in diff),
        ))
    return out


def incident_history(*, incident: Incident) -> list[HistoryEntry]:
    """Every recorded state change of the incident, newest first."""
    records = list(incident.history.select_related("history_user").order_by("-history_date", "-history_id"))
    return _entries(records)


def incident_changes_since(*, incident: Incident, version: int) -> list[HistoryEntry]:
    """The saves made after ``version`` (what a second editor missed), oldest first."""
    records = list(incident.history.filter(version__gt=version).select_related("history_user")
                   .order_by("history_date", "history_id"))
    return [entry for entry in _entries(records) if entry.changes]
