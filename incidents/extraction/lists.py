"""One incident per place when a clause lists several places with one predicate.

"Clashes in A, B and C", "airstrikes on the villages of A and B": ACLED codes one event at
each place (coordination.py finds the list; "between A and B" is one scene).
"""

from __future__ import annotations

from gazetteer.geoparser.areagrid import AreaGrid
from gazetteer.geoparser.types import Toponym
from incidents.extraction.coordination import coordinated
from incidents.extraction.locate import Location, Seats, event_toponym, in_span, locate_at

__all__ = ["listed_locations"]


def listed_locations(text: str, span: tuple[int, int], toponyms: list[Toponym], first: Location,
                     seats: Seats | None = None, areas: AreaGrid | None = None) -> list[Location]:
    """The locations of the other places the clause at ``span`` lists with the one its
    event was located at (``first``), each at a point of its own (none repeats ``first``'s
    or another's, and a name without a point adds nothing)."""
    start, end = span
    found = in_span(toponyms, start, end)
    if len(found) < 2 or first.toponym is None:
        return []
    best = event_toponym(text, found, start)
    members, between = coordinated(text, found, best)
    if len(members) < 2 or between:
        return []
    seen = {(first.lat, first.lon)}
    out = []
    for t in members:
        if t is best:
            continue
        location = locate_at(text, t, found, start, seats, areas)
        point = (location.lat, location.lon)
        if location.lat is None or point in seen:
            continue
        seen.add(point)
        out.append(location)
    return out
