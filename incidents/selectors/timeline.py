"""The map's timeline (a selector): incidents per day, week or month, by event type.

The timeline answers "when" for what the map shows "where": every filter of the map
applies (the view's bounding box, types, country, review status, search) except the
dates, so the bars span the whole record and the analyst picks a period on them; the
period picked is the map's date filter. One grouped query (day, type, count); buckets
are filled in Python, empty ones included, so the axis runs without gaps. When the
filters are a view's box and event types only and the box holds every located
incident, the day counts come from ``DayCount`` (kept exact by triggers) instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Count, F, Max, Min, Sum
from django.db.models.functions import TruncMonth, TruncWeek, TruncYear

from incidents.extraction.taxonomy import EVENT_TYPES
from incidents.filters import IncidentFilter
from incidents.models import DayCount, Incident

from .map_data import located_extent

# One bar a day up to about three months, a week (from Monday) up to three years, a
# month up to thirty years, then a year: a stray date (a feed's 1970-01-01) stretches
# the record to tens of bars, not thousands.
DAY_SPAN_DAYS = 92
WEEK_SPAN_DAYS = 3 * 366
MONTH_SPAN_DAYS = 30 * 366


def _unit(first: dt.date, last: dt.date) -> str:
    span = (last - first).days + 1
    if span <= DAY_SPAN_DAYS:
        return "day"
    if span <= WEEK_SPAN_DAYS:
        return "week"
    return "month" if span <= MONTH_SPAN_DAYS else "year"


def _bucket_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next_start(start: dt.date, unit: str) -> dt.date:
    """The first day of the next bucket (dt.date.max's bucket has none: the last day is kept)."""
    try:
        if unit == "day":
            return start + dt.timedelta(days=1)
        if unit == "week":
            return start + dt.timedelta(days=7)
        if unit == "month":
            return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return start.replace(year=start.year + 1)
    except (OverflowError, ValueError):
        return dt.date.max


def _holds_every_incident(bbox: tuple[float, float, float, float] | None) -> bool:
    if bbox is None:
        return False
    extent = located_extent()
    if extent is None:
        return False
    return bbox[0] <= extent[0] and bbox[1] <= extent[1] and extent[2] <= bbox[2] and extent[3] <= bbox[3]


_TRUNC = {"week": TruncWeek, "month": TruncMonth, "year": TruncYear}


Rows = list[tuple[dt.date, str, int]]


def _day_counts(filters: IncidentFilter) -> tuple[Rows, dt.date | None, dt.date | None]:
    """(day or bucket start, type, n) rows, and the first and last day with an incident."""
    if filters.only_grid_keys and _holds_every_incident(filters.bbox):
        days = DayCount.objects.filter(n__gt=0)
        if filters.event_types:
            days = days.filter(event_type__in=filters.event_types)
        span = days.aggregate(first=Min("day"), last=Max("day"))
        if span["first"] is None:
            return [], None, None
        trunc = _TRUNC.get(_unit(span["first"], span["last"]))
        # Summed per bucket in the database: a few hundred rows, whatever the archive's length.
        grouped = days.annotate(bucket=trunc("day")) if trunc else days.annotate(bucket=F("day"))
        rows = grouped.order_by().values_list("bucket", "event_type").annotate(total=Sum("n"))
        return list(rows), span["first"], span["last"]
    rows = list(
        filters.apply(Incident.objects.all())
        .order_by()  # the model's ordering would split the groups by id
        .values_list("event_date", "event_type")
        .annotate(n=Count("id"))
    )
    if not rows:
        return [], None, None
    return rows, min(r[0] for r in rows), max(r[0] for r in rows)


def incident_timeline(*, filters: IncidentFilter) -> dict[str, Any]:
    """Counts per bucket for the filters without their dates.

    ``{"unit": "day"|"week"|"month"|"year", "total": n, "event_types": [...], "buckets":
    [{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "total": n, "counts": {type: n}}]}``;
    ``end`` is the bucket's last day, so a bucket's dates are a ready date filter.
    """
    undated = dataclasses.replace(filters, date_from=None, date_to=None)
    rows, first, last = _day_counts(undated)  # one row per (day or bucket, type)
    out: dict[str, Any] = {"unit": "day", "total": 0, "event_types": list(EVENT_TYPES), "buckets": []}
    if not rows:
        return out
    unit = _unit(first, last)
    buckets: dict[dt.date, dict[str, int]] = {}
    for day, event_type, n in rows:
        into = buckets.setdefault(_bucket_start(day, unit), {})
        into[event_type] = into.get(event_type, 0) + n
    start, stop = _bucket_start(first, unit), _bucket_start(last, unit)
    while start <= stop:
        following = _next_start(start, unit)
        counts = buckets.get(start, {})
        out["buckets"].append({
            "start": start.isoformat(),
            "end": (following - dt.timedelta(days=1) if following != dt.date.max else following).isoformat(),
            "total": sum(counts.values()),
            "counts": {t: counts[t] for t in EVENT_TYPES if t in counts},
        })
        if following == dt.date.max:
            break
        start = following
    out["unit"] = unit
    out["total"] = sum(r[2] for r in rows)
    return out
