"""Relative and vague locations: what the text says around each resolved name.

"60 km south of Mosul", "southwest of Hammam Al-Alil", "on the outskirts of Al-Shirqat",
"near Tal Afar", "between Hit and Haditha", "the Kirkuk-Baghdad road", "western Mosul
desert", "Nineveh province" (relations.py), and unknown names stated inside a known one
("Ain Al-Jahsh area in Mosul", "Foua and Kfraya in Idlib"), which fall back to its point.
"""


from .. import precision as P
from ..containers import containers
from ..precision import round6
from ..text import Document
from ..types import Kind, Relation, Toponym
from .relations import distance_km_points, relate_one

__all__ = ["distance_km_points", "relate"]


_LOCATED_KINDS = frozenset({Kind.PLACE, Kind.COUNTRY, Kind.REGION})


def _within(container: Toponym) -> tuple[float, int] | None:
    """(uncertainty km, geo_precision) of an unknown name placed at its container, or
    None when the container is a country."""
    if container.kind == Kind.COUNTRY:
        return None
    if container.kind == Kind.REGION:
        return P.WITHIN_REGION
    place = container.place
    return P.WITHIN.get(place.feature_code, P.WITHIN_TOWN) if place is not None else P.WITHIN_TOWN


def _fall_back(t: Toponym, container: Toponym) -> Toponym:
    """An unknown name placed at its container's point (relation "within"), when the
    container has a point and is not a country; else the name as it is."""
    within = _within(container)
    point = container.point
    if not within or point is None:
        return t
    lat, lon = point
    radius, precision = within
    event_lat, event_lon = lat, lon
    if container.relation == Relation.PART:
        # "X in the eastern countryside of Aleppo": the event is where that part is (resolve/).
        event_lat, event_lon, radius = container.event_lat, container.event_lon, container.uncertainty_km
    return t.related(Relation.WITHIN, container.text, "", None, round6(event_lat), round6(event_lon),
                     round(radius, 1), precision, lat, lon)


def relate(text: str | Document, toponyms: list[Toponym]) -> list[Toponym]:
    """The toponyms with the relation fields of every located one; unknown names inside a
    known one fall back to it (``_within``; ``place`` stays None so they remain unresolved)."""
    text = Document.of(text).text
    positions = [i for i, t in enumerate(toponyms) if t.kind in _LOCATED_KINDS]
    located = [toponyms[i] for i in positions]
    # Only a toponym without a point can take its container's: look for the others' none.
    pointless = [i for i, t in enumerate(located)  # t.point is None, without the property
                 if t.place is None and (t.lat is None or t.lon is None)]
    if pointless:
        for i, container in containers(text, located, pointless).items():
            t = located[i]
            if t.place is None and t.point is None:
                located[i] = _fall_back(t, located[container.index])  # as it is by now
    for k, t in enumerate(located):
        if t.relation or t.geo_precision is not None:
            continue  # placed already: by resolve (a country, a part, an inner town), a fallback
        place = t.place  # t.point without the property call
        if place is not None:
            lat, lon = place.lat, place.lon
        elif t.lat is not None and t.lon is not None:
            lat, lon = t.lat, t.lon
        else:
            continue
        located[k] = relate_one(text, t, located, k, lat, lon)
    out = list(toponyms)
    for i, t in zip(positions, located, strict=True):
        out[i] = t
    return out
