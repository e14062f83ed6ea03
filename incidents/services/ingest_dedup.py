"""Cross-report deduplication: is a new incident one that another report already gave?

Two reports describe the same event when its sub-type matches, the dates are at most a
day apart and the points at most SAME_EVENT_KM apart. A batch of incidents is checked
with ONE query: the batch as a VALUES table joined to the stored incidents (the date
index finds each one's few days) and to itself, with the database's own great-circle
distance (the one `location__distance_lte` uses), so a batch gives the same answers as
ingesting its reports one by one, in order.
"""

# SQL text is built from this module's constants and placeholders only, never from input.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import connection

from incidents.models import Incident

SAME_EVENT_KM = 10
_DAY = dt.timedelta(days=1)

# The distance the ORM's `location__distance_lte=(point, D(km=...))` computes on each
# backend on a geodetic SRID; the SQL below is built from these constants only.
_DISTANCE = {
    "postgresql": "ST_DistanceSphere({a}, {b})",
    "sqlite": "Distance({a}, {b}, 0)",
}
_POINT = {
    "postgresql": "ST_SetSRID(ST_MakePoint({t}.lon, {t}.lat), {srid})",
    "sqlite": "MakePoint({t}.lon, {t}.lat, {srid})",
}


def incidents_match_known(*, incidents: Sequence[Incident]) -> list[Incident | None]:
    """For each incident, in order, the event it repeats, or None when it is new.

    A match is a live stored incident of another report (the lowest id, as before), else
    an earlier NEW incident of this list from another report (stored ones come first:
    they have the lower ids). Each incident's `report` must be set (saved or not).
    """
    stored, earlier = _pairs(incidents)
    found = {k: min(ids) for k, ids in (
        (k, [pk for pk, report_id in rows if report_id != incidents[k].report_id])
        for k, rows in stored.items()) if ids}
    rows = Incident.objects.in_bulk(list(set(found.values()))) if found else {}
    matches: list[Incident | None] = []
    for k, incident in enumerate(incidents):
        match = rows.get(found[k]) if k in found else None
        if match is None:
            match = next((incidents[j] for j in sorted(earlier.get(k, ()))
                          if matches[j] is None and incidents[j].report is not incident.report), None)
        matches.append(match)
    return matches


def incidents_split_known(*, incidents: list[Incident]) -> tuple[list[Incident], list[Incident]]:
    """Separate the new incidents from those already known (returned as the known rows,
    each once, in order)."""
    new, known = [], []
    for incident, match in zip(incidents, incidents_match_known(incidents=incidents), strict=True):
        if match is None:
            new.append(incident)
        elif not any(match is k for k in known):
            known.append(match)
    return new, known


def _pairs(incidents: Sequence[Incident]) -> tuple[dict[int, list[tuple[int, int]]], dict[int, set[int]]]:
    """{k: [(stored id, its report id)]} and {k: {earlier j}} of the same event, by position."""
    ops = connection.ops
    rows = [
        (k, i.sub_event_type, ops.adapt_datefield_value(i.event_date),
         ops.adapt_datefield_value(i.event_date - _DAY), ops.adapt_datefield_value(i.event_date + _DAY),
         float(i.location.x), float(i.location.y))
        for k, i in enumerate(incidents) if i.location is not None
    ]
    if not rows:
        return {}, {}
    vendor = connection.vendor
    srid = int(Incident._meta.get_field("location").srid)
    distance, point = _DISTANCE[vendor], _POINT[vendor]
    near_stored = distance.format(a="i.location", b=point.format(t="v", srid=srid))
    near_earlier = distance.format(a=point.format(t="a", srid=srid), b=point.format(t="b", srid=srid))
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    table = Incident._meta.db_table
    sql = (
        f"WITH v (k, sub, day, lo, hi, lon, lat) AS (VALUES {values}) "
        f"SELECT v.k, i.id, i.report_id, NULL FROM v JOIN {table} i "
        "ON i.sub_event_type = v.sub AND i.event_date BETWEEN v.lo AND v.hi "
        f"WHERE i.deleted_at IS NULL AND i.location IS NOT NULL AND {near_stored} <= %s "
        "UNION ALL "
        "SELECT a.k, NULL, NULL, b.k FROM v a JOIN v b "
        "ON b.k < a.k AND a.sub = b.sub AND a.day BETWEEN b.lo AND b.hi "
        f"WHERE {near_earlier} <= %s"
    )
    metres = SAME_EVENT_KM * 1000.0
    stored: dict[int, list[tuple[int, int]]] = {}
    earlier: dict[int, set[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row] + [metres, metres])
        for k, pk, report_id, j in cursor.fetchall():
            if pk is not None:
                stored.setdefault(k, []).append((pk, report_id))
            else:
                earlier.setdefault(k, set()).add(j)
    return stored, earlier
