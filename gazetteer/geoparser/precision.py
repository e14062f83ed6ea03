"""Where the geoparser's geo_precision comes from: the one table of what each relation
implies, with the radius of uncertainty that goes with it.

ACLED's scale: 1 the named town itself; 2 near a town or a small part of an area, coded
to that town; 3 a larger region, coded to its capital or a named natural location. The
stages decide the relation (relate/, resolve/ for an unknown name inside a known one and
for compass parts, the online geocoder) and read its precision here; "X <area word>"
("Nineveh province", "the Mosul outskirts") takes the area word's own precision and
extent from vocab.AREA_WORDS. Incident extraction codes events with its own rules
(incidents/extraction/locate.py, from the same vocabulary).
"""

from __future__ import annotations

from .types import Relation

TOWN = 1  # the named town itself
NEAR_TOWN = 2  # near a town, or a small part of an area
REGION = 3  # a larger region

# The precision each relation implies, for the relations that imply one alone.
OF_RELATION = {
    Relation.DISTANCE: NEAR_TOWN, Relation.DIRECTION: NEAR_TOWN, Relation.OUTSKIRTS: NEAR_TOWN,
    Relation.BETWEEN: NEAR_TOWN, Relation.ROAD: NEAR_TOWN, Relation.NEAR: NEAR_TOWN,
    Relation.PART: REGION, Relation.GEOCODED: NEAR_TOWN,
}

# The named place itself: a town, or a country, region or administrative area (coded as
# a region: ACLED codes a governorate to its capital), with the uncertainty km of each.
SELF_TOWN = (2.0, TOWN)
SELF_REGION = (50.0, REGION)
# Feature codes that make a resolved place an area, not a town.
AREA_CODES = frozenset({"ADM1", "ADM2", "ADM3", "PCLI", "RGN"})

# An unknown name inside a known one takes the container's point; how far from it the
# place may lie, and the precision, follow what the container is: a town (near it: 2), a
# sub-district or district (a small part of an area: 2), a governorate or a region (a
# larger region: 3). A country is too wide: "the X area in Iraq" stays without a point.
WITHIN = {"ADM3": (15.0, NEAR_TOWN), "ADM2": (30.0, NEAR_TOWN), "ADM1": (80.0, REGION)}
WITHIN_TOWN = (10.0, NEAR_TOWN)
WITHIN_REGION = (150.0, REGION)
# A name that contains a town's ("Old Mosul"): near that town.
INNER_TOWN = (10.0, NEAR_TOWN)
# A place the online geocoder found: near the point it gave.
GEOCODED = (10.0, OF_RELATION[Relation.GEOCODED])


_ROUNDED: dict[float, float] = {}  # coordinate -> round(coordinate, 6)


def round6(x: float) -> float:
    """round(x, 6) of a coordinate, memoised: the same points (a country's, a big town's)
    recur in every report, and round() to digits is a slow decimal conversion."""
    if type(x) is not float or x == 0.0:
        return round(x, 6)  # 1 and 1.0, 0.0 and -0.0 are one key but round differently
    rounded = _ROUNDED.get(x)
    if rounded is None:
        if len(_ROUNDED) >= 100_000:
            _ROUNDED.clear()
        rounded = _ROUNDED[x] = round(x, 6)
    return rounded

