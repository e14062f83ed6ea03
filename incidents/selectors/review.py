"""The review queue: which incidents need an analyst's look first, and why.

Reasons are data (``REASONS``), derived from what the pipeline stored:

- a Mention's ``review_reason`` (set when the mentions are written, by
  ``mention_review_reason``): an unresolved toponym (no gazetteer entry), a namesake
  outside a stated container (candidates were found but none was taken), candidates
  within ``CLOSE_MARGIN`` of each other, low confidence;
- the incident's own fields: a fallback to a coarse area (geo_precision 3), low
  confidence, a possible duplicate (another report's live incident of the same
  sub-type at the same place within a day, not yet linked).

An incident carries a mention's reason when the mention lies inside its sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import DateField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from incidents.filters import FilterError, parse_date
from incidents.models import Incident, Mention
from incidents.taxonomy import GeoPrecision

# Two candidates whose scores differ by less than this are a coin toss for the resolver.
CLOSE_MARGIN = 0.1
LOW_CONFIDENCE = 0.5

UNRESOLVED, OUTSIDE, CLOSE, LOW = "unresolved", "outside_container", "close_candidates", "low_confidence"
COARSE, DUPLICATE = "coarse_area", "possible_duplicate"
MENTION_REASONS = (UNRESOLVED, OUTSIDE, CLOSE, LOW)
REASONS = {
    UNRESOLVED: "Unresolved toponym",
    OUTSIDE: "Namesake outside the stated container",
    CLOSE: "Candidates within a small score margin",
    COARSE: "Fell back to a coarse area",
    LOW: "Low confidence",
    DUPLICATE: "Possible duplicate",
}
OPEN_STATUSES = (Incident.Review.AUTO, Incident.Review.NEEDS_REVIEW)
QUEUE_LENGTH = 500  # rows a page shows; filters narrow it


def mention_review_reason(*, kind: str, place_id: int | None, confidence: float, candidates: list) -> str:
    """Why a mention needs a look ("" when it does not): see the module docstring."""
    if kind != "place":
        return ""
    if place_id is None:
        return OUTSIDE if candidates else UNRESOLVED
    scores = sorted((c.get("score", 0.0) for c in candidates), reverse=True)
    if len(scores) >= 2 and scores[0] - scores[1] < CLOSE_MARGIN:
        return CLOSE
    return LOW if confidence < LOW_CONFIDENCE else ""


def _mentions_of(reason: str):
    return Mention.objects.filter(
        report=OuterRef("report"), start__gte=OuterRef("start"), end__lte=OuterRef("end"),
        review_reason=reason)


def _duplicates():
    """Another report's live incident of the same sub-type at the same place within a day,
    not already linked to this one."""
    day = dt.timedelta(days=1)
    return Incident.objects.filter(
        place=OuterRef("place"), sub_event_type=OuterRef("sub_event_type"),
        event_date__gte=ExpressionWrapper(OuterRef("event_date") - day, output_field=DateField()),
        event_date__lte=ExpressionWrapper(OuterRef("event_date") + day, output_field=DateField()),
    ).exclude(report=OuterRef("report")).exclude(pk=OuterRef("pk")).exclude(other_reports=OuterRef("report"))


def _reason_conditions() -> dict[str, Q]:
    return {
        UNRESOLVED: Q(_r_unresolved=True),
        OUTSIDE: Q(_r_outside=True),
        CLOSE: Q(_r_close=True),
        LOW: Q(_r_low=True) | Q(confidence__lt=LOW_CONFIDENCE),
        COARSE: Q(geo_precision=GeoPrecision.REGION),
        DUPLICATE: Q(_r_duplicate=True),
    }


def _annotated(queryset: QuerySet[Incident]) -> QuerySet[Incident]:
    return queryset.annotate(
        _r_unresolved=Exists(_mentions_of(UNRESOLVED)),
        _r_outside=Exists(_mentions_of(OUTSIDE)),
        _r_close=Exists(_mentions_of(CLOSE)),
        _r_low=Exists(_mentions_of(LOW)),
        _r_duplicate=Exists(_duplicates()),
    )


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """The queue's filters: reason, governorate (admin1), event dates, publisher."""

    reason: str = ""
    governorate: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    publisher: str = ""

    @classmethod
    def from_query(cls, query: Mapping) -> QueueFilter:
        """Parse a query string; FilterError with a message fit for the user on bad input."""
        reason = (query.get("reason") or "").strip()
        if reason and reason not in REASONS:
            raise FilterError(f"unknown reason {reason!r}; one of: {', '.join(REASONS)}")
        date_from = parse_date("date_from", query["date_from"]) if query.get("date_from") else None
        date_to = parse_date("date_to", query["date_to"]) if query.get("date_to") else None
        if date_from and date_to and date_from > date_to:
            raise FilterError("date_from is after date_to")
        return cls(reason=reason, governorate=(query.get("governorate") or "").strip()[:200],
                   date_from=date_from, date_to=date_to,
                   publisher=(query.get("publisher") or "").strip()[:200])

    def apply(self, queryset: QuerySet[Incident]) -> QuerySet[Incident]:
        if self.governorate:
            queryset = queryset.filter(admin1=self.governorate)
        if self.date_from:
            queryset = queryset.filter(event_date__gte=self.date_from)
        if self.date_to:
            queryset = queryset.filter(event_date__lte=self.date_to)
        if self.publisher:
            queryset = queryset.filter(report__publisher=self.publisher)
        return queryset


def _queue_base(filters: QueueFilter) -> QuerySet[Incident]:
    return _annotated(filters.apply(Incident.objects.filter(review_status__in=OPEN_STATUSES)))


def review_queue(*, filters: QueueFilter) -> tuple[list[tuple[Incident, list[str]]], dict[str, int]]:
    """(incidents needing a look with their reasons, most urgent first; count per reason).

    Counts ignore the reason filter, so the analyst sees what each filter would give.
    """
    conditions = _reason_conditions()
    base = _queue_base(filters)
    counts = {name: base.filter(condition).count() for name, condition in conditions.items()}
    rows = []
    for incident in _chosen(base, filters).select_related("report")[:QUEUE_LENGTH]:
        reasons = [name for name in REASONS if _has(incident, name)]
        rows.append((incident, reasons))
    return rows, counts


def _chosen(base: QuerySet[Incident], filters: QueueFilter) -> QuerySet[Incident]:
    """The queue's incidents in its order: least confident first, then the latest."""
    conditions = _reason_conditions()
    any_reason = Q()
    for condition in conditions.values():
        any_reason |= condition
    return base.filter(conditions[filters.reason] if filters.reason else any_reason).order_by(
        "confidence", "-event_date", "pk")


def queue_next(*, after: int) -> int | None:
    """The incident after ``after`` in the unfiltered queue (its first when ``after`` is not
    in it), None when nothing else needs a look: where "skip" and "confirm" go next."""
    ids = list(_chosen(_queue_base(QueueFilter()), QueueFilter()).values_list("pk", flat=True)[:QUEUE_LENGTH])
    rest = ids[ids.index(after) + 1:] if after in ids else ids
    return next((pk for pk in rest if pk != after), None)


def _has(incident: Incident, reason: str) -> bool:
    if reason == COARSE:
        return incident.geo_precision == GeoPrecision.REGION
    if reason == LOW:
        return incident._r_low or incident.confidence < LOW_CONFIDENCE
    return bool(getattr(incident, {UNRESOLVED: "_r_unresolved", OUTSIDE: "_r_outside",
                                   CLOSE: "_r_close", DUPLICATE: "_r_duplicate"}[reason]))


def deleted_incidents(*, filters: QueueFilter) -> list[Incident]:
    """Soft-deleted incidents, last deleted first: what an editor may restore."""
    deleted = Incident.all_objects.filter(deleted_at__isnull=False).select_related("report")
    return list(filters.apply(deleted).order_by("-deleted_at", "-pk")[:500])


def review_choices() -> dict[str, list[str]]:
    """The governorates and publishers the queue's filters offer."""
    open_ = Incident.objects.filter(review_status__in=OPEN_STATUSES)
    return {
        "governorates": sorted(set(open_.exclude(admin1="").values_list("admin1", flat=True))),
        "publishers": sorted(set(open_.exclude(report__publisher="").values_list(
            "report__publisher", flat=True))),
    }
