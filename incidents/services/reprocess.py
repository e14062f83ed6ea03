"""Re-processing a stored report: geoparse and extract again, keep the analysts' work.

After the gazetteer grew (or extraction improved), a report's mentions and automatic
incidents may be out of date. `report_reprocess` runs the pipeline again and writes the
result in one transaction:

- incidents an analyst owns (review status confirmed or corrected, or with any
  GeocodeChange) are never touched, and a fresh finding of the same clause is dropped
  in their favour;
- automatic and needs-review incidents are updated in place when the new run finds the
  same clause and event type (their ids, and links from other reports, stay), except for
  the fields an analyst set on them (``Incident.analyst_fields``), which are never
  rewritten; created when new; soft-deleted (restorable, with a reason) when no longer
  found, unless an analyst set any of their fields; a stale one that other reports share
  is kept when nothing new replaces it, so their event is not lost;
- mentions are replaced;
- running it twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.gis.measure import D
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from incidents.models import GeocodeChange, Incident, Mention, Report
from incidents.services.analysis import report_analyse
from incidents.services.ingest import SAME_EVENT_KM, incidents_build, incidents_split_known, mentions_build

ANALYST_STATUSES = (Incident.Review.CONFIRMED, Incident.Review.CORRECTED)
# What a re-run may rewrite on an automatic incident; everything extraction decides.
_FIELDS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "location",
    "estimate",
    "uncertainty_km",
    "location_name",
    "place_id",
    "geo_precision",
    "admin1",
    "admin2",
    "country_code",
    "summary",
    "start",
    "end",
    "confidence",
    "review_status",
)


@dataclass(slots=True)
class ReprocessResult:
    report_id: int
    kept: int = 0  # owned by an analyst, untouched
    unchanged: int = 0
    updated: int = 0
    created: int = 0
    deleted: int = 0
    linked: int = 0  # found again as another report's incident: linked, not stored
    mentions: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.updated or self.created or self.deleted)

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


def analyst_owned(queryset):
    """Incidents an analyst confirmed, corrected or moved: re-processing keeps them."""
    moved = GeocodeChange.objects.filter(incident=OuterRef("pk"))
    return queryset.filter(Q(review_status__in=ANALYST_STATUSES) | Exists(moved))


def _key(incident: Incident) -> tuple:
    return (incident.start, incident.end, incident.event_type, incident.sub_event_type)


def _overlaps(a: Incident, b: Incident) -> bool:
    return a.start < b.end and b.start < a.end


def _machine_fields(incident: Incident) -> list[str]:
    """The fields a re-run may rewrite on this incident: none an analyst set."""
    mine = {"place_id" if name == "place" else name for name in incident.analyst_fields}
    return [name for name in _FIELDS if name not in mine]


def _same_values(old: Incident, new: Incident) -> bool:
    for name in _machine_fields(old):
        a, b = getattr(old, name), getattr(new, name)
        if name in ("location", "estimate") and a is not None and b is not None:
            if not a.equals_exact(b, 1e-9):
                return False
        elif a != b:
            return False
    return True


def _same_event(old: Incident, new: Incident) -> bool:
    """The cross-report rule of report_ingest: sub-type, +-1 day, within SAME_EVENT_KM."""
    if old.location is None or new.location is None or old.sub_event_type != new.sub_event_type:
        return False
    if abs((old.event_date - new.event_date).days) > 1:
        return False
    return Incident.objects.filter(
        pk=old.pk, location__distance_lte=(new.location, D(km=SAME_EVENT_KM))
    ).exists()


def report_reprocess(*, report: Report) -> ReprocessResult:
    """Geoparse and extract `report` again without overwriting an analyst's work.

    The analysis runs before the transaction (it is the slow part); the writes run in one
    transaction with the report row locked, so two re-runs of one report serialise.
    """
    published = report.published_at.date() if report.published_at else None
    analysis = report_analyse(text=report.text, published=published)
    result = ReprocessResult(report_id=report.pk)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        Mention.objects.filter(report=report).delete()
        mentions = Mention.objects.bulk_create(mentions_build(report=report, toponyms=analysis.toponyms))
        result.mentions = len(mentions)

        current = Incident.objects.filter(report=report)
        owned = list(analyst_owned(current))
        result.kept = len(owned)
        replaceable = {i.pk: i for i in current.exclude(pk__in=[i.pk for i in owned])}
        fresh = [
            i
            # An undated event falls back to the ingest day, as it did at ingest, not today.
            for i in incidents_build(
                report=report,
                extracted=analysis.incidents,
                published=published or report.ingested_at.date(),
            )
            if not any(_overlaps(i, mine) for mine in owned)
        ]

        by_key = {}
        for old in sorted(replaceable.values(), key=lambda i: i.pk):
            by_key.setdefault(_key(old), old)
        unmatched = []
        for new in fresh:
            old = by_key.pop(_key(new), None)
            if old is None:
                unmatched.append(new)
                continue
            del replaceable[old.pk]
            if _same_values(old, new):
                result.unchanged += 1
                continue
            fields = _machine_fields(old)
            for name in fields:
                setattr(old, name, getattr(new, name))
            old._change_reason = "reprocessed"
            old.save(update_fields=[*fields, "updated_at"])
            result.updated += 1

        # Links this report made to other reports' incidents are made afresh below.
        report.linked_incidents.clear()
        created, known = incidents_split_known(incidents=unmatched)
        for incident in known:
            incident.other_reports.add(report)
        result.linked = len(known)
        bulk_create_with_history(created, Incident, default_change_reason="reprocessed")
        result.created = len(created)
        result.deleted = _delete_stale(list(replaceable.values()), created)
    return result


def _delete_stale(stale: list[Incident], created: list[Incident]) -> int:
    """Soft-delete incidents no longer found; one that other reports share hands its links
    to a new incident of the same event, or stays when there is none; one with a field an
    analyst set stays."""
    deleted = 0
    for old in stale:
        if old.analyst_fields:
            continue
        others = list(old.other_reports.all())
        if others:
            heir = next((new for new in created if new.pk and _same_event(old, new)), None)
            if heir is None:
                continue
            heir.other_reports.add(*others)
        old.deleted_at = timezone.now()
        old.deleted_reason = "no longer found when the report was reprocessed"
        old._change_reason = "reprocessed: no longer found"
        old.save(update_fields=["deleted_at", "deleted_reason", "updated_at"])
        deleted += 1
    return deleted
