"""Cross-report deduplication: is a new incident one that another report already gave?

Two reports describe the same event when its sub-type matches, the dates are at most a
day apart and the points at most SAME_EVENT_KM apart. A batch of incidents is checked
against the stored ones with ONE query (the union of every incident's condition, so the
database decides the distance exactly as the single-incident query did) and against the
batch's own earlier incidents in Python, in order, so a batch gives the same answer as
ingesting its reports one by one.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from functools import reduce
from operator import or_

from django.contrib.gis.measure import D
from django.db.models import Q

from incidents.models import Incident

SAME_EVENT_KM = 10
_DAY = dt.timedelta(days=1)
# Mean radius of WGS 84 (PostGIS's ST_DistanceSphere): used only where the database has not
# already settled the question (points of this batch, or a stored row near two new points).
_EARTH_M = 6_371_008.8


def incidents_match_known(*, incidents: Sequence[Incident]) -> list[Incident | None]:
    """For each incident, in order, the event it repeats, or None when it is new.

    A match is a stored incident of another report (the lowest id, as before), else an
    earlier NEW incident of this list from another report (stored ones come first: they
    have the lower ids). Each incident's `report` must be set (saved or not).
    """
    located = [i for i in incidents if i.location is not None]
    stored = _stored_candidates(located)
    matches: list[Incident | None] = []
    earlier: list[Incident] = []
    for incident in incidents:
        match = None
        if incident.location is not None:
            match = next((row for row, admitted in stored if row.report_id != incident.report_id
                          and _same_event(row, incident, settled=_settled(admitted, incident))),
                         None)
            if match is None:
                match = next((e for e in earlier if e.report is not incident.report
                              and _same_event(e, incident, settled=False)), None)
        matches.append(match)
        if match is None:
            earlier.append(incident)
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


def _key(incident: Incident) -> tuple:
    return incident.sub_event_type, incident.event_date, incident.location.x, incident.location.y


def _stored_candidates(located: list[Incident]) -> list[tuple[Incident, list[tuple]]]:
    """The live stored incidents that match at least one of `located`, lowest id first,
    each with the conditions (keys) that admit it by sub-type and date."""
    if not located:
        return []
    conditions = {_key(i): i for i in located}  # one condition per distinct event
    query = reduce(or_, (
        Q(sub_event_type=i.sub_event_type,
          event_date__range=(i.event_date - _DAY, i.event_date + _DAY),
          location__distance_lte=(i.location, D(km=SAME_EVENT_KM)))
        for i in conditions.values()))
    rows = Incident.objects.filter(query).order_by("id")
    return [(row, [k for k in conditions if _type_and_date(row, k[0], k[1])]) for row in rows]


def _settled(admitted: list[tuple], incident: Incident) -> bool:
    """The database checked this row's distance to `incident`'s point: every condition
    that admits the row by sub-type and date is at that point."""
    point = (incident.location.x, incident.location.y)
    return all((k[2], k[3]) == point for k in admitted)


def _type_and_date(row: Incident, sub_event_type: str, event_date: dt.date) -> bool:
    return row.sub_event_type == sub_event_type and abs((row.event_date - event_date).days) <= 1


def _same_event(known: Incident, new: Incident, *, settled: bool) -> bool:
    if not _type_and_date(known, new.sub_event_type, new.event_date):
        return False
    return settled or _distance_m(known.location, new.location) <= SAME_EVENT_KM * 1000


def _distance_m(a, b) -> float:
    """Great-circle distance (haversine) between two lon/lat points, in metres."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a.x, a.y, b.x, b.y))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_M * math.asin(min(1.0, math.sqrt(h)))
