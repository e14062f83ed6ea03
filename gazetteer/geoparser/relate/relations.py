"""What the text says around a resolved name, read from right before and right after it:
a stated distance and direction, a direction alone, the outskirts, "between X and Y", the
"X-Y road", "X <area word>" (a region), "near X"; else the place itself. Each sets the
relation fields of a new Toponym: a displaced point (geopy geodesic), its uncertainty radius
and the geo_precision the relation implies (precision.py, vocab.AREA_WORDS)."""

import re

from geopy.distance import geodesic

from .. import precision as P
from .. import vocab as lx
from ..precision import round6
from ..types import Kind, Relation, Toponym
from ..vocab import AreaWord
from ..vocab import patterns as pt

_BEARING = lx.BEARINGS


_DIR = rf"({pt.words(lx.CARDINALS)})(?:[- ]?({pt.words(lx.SIDES)}))?"


_ERN = f"(?:{lx.ADJECTIVE_ENDING})?"


_MILE_KM = lx.MILE_KM


_OF_SETTLEMENT = rf"(?:the[ \t]+)?(?:{pt.group(lx.SETTLEMENTS)}[ \t]+of[ \t]+)?$"


# Measured back from the toponym's start: the cue must end right before the name.
_UNITS = pt.words((*lx.KM_UNITS, lx.KMS, *lx.MILE_UNITS))


_DISTANCE = re.compile(
    rf"(\d+(?:[.,]\d+)?)[ \t]*({_UNITS})[ \t]+(?:to[ \t]+the[ \t]+)?"
    rf"{_DIR}{_ERN}[ \t]+(?:of|from)[ \t]+{_OF_SETTLEMENT}", re.I)


_DIRECTION = re.compile(rf"\b{_DIR}{_ERN}[ \t]+(?:of|from)[ \t]+{_OF_SETTLEMENT}", re.I)


_OUTSKIRTS = re.compile(rf"\b{pt.group(lx.EDGES)}[ \t]+(?:of|to)[ \t]+{_OF_SETTLEMENT}", re.I)


_NEAR = re.compile(rf"\b{pt.group(lx.NEAR)}[ \t]+{_OF_SETTLEMENT}", re.I)


_BETWEEN = re.compile(
    rf"\b{lx.BETWEEN}[ \t]+(?:the[ \t]+)?(?:{pt.group(lx.SETTLEMENTS_PLURAL)}[ \t]+of[ \t]+)?$", re.I)


_AND = re.compile(rf"^[ \t]+{lx.LIST_AND}[ \t]+(?:the[ \t]+)?$")


# Matched from a toponym's end up to the next toponym's start (pos/endpos, no slice).
_ROAD = re.compile(r"[ \t]*[-–][ \t]*$")


_ROAD_AFTER = re.compile(rf"^[ \t]+{pt.group(lx.ROAD_WORDS)}\b", re.I)


_REGION_BEFORE = re.compile(rf"\b{_DIR}{_ERN}[ \t]+$", re.I)


# The area words that make "X <word>" a region of X (vocab.AREA_WORDS: their precision
# and extent), matched at a toponym's end within 30 characters (pos/endpos, no slice).
_REGIONS = {w: area for w, area in lx.AREA_WORDS.items() if area.precision is not None}


_REGION_AFTER = re.compile(rf"[ \t]+({pt.words(_REGIONS)})\b", re.I)


# A word matched through a look-alike letter (re.I matches U+0130, U+0131 for "i", U+017F
# for "s") lowercases to no key: it keeps the key it starts with ("mountainſ"), else it is
# a region of the default extent, as it always was.
_ODD_REGION = AreaWord(P.REGION, 30.0)


# Every word that may start a relative cue, for one substring search before the anchored
# ones (a cue word inside another word only costs that search).
_CUE_WORDS = (*lx.CARDINALS, *lx.EDGES, *(p.split(" ")[0] for p in lx.NEAR), lx.BETWEEN)


_CUE_ANY = re.compile(pt.words(_CUE_WORDS))


_REGIONAL_KINDS = frozenset({Kind.COUNTRY, Kind.REGION})


_SELF, _NEAR_TOWN = Relation.SELF, P.NEAR_TOWN


_BLANK = frozenset(" \t")


_ROAD_GAP = frozenset(" \t-–")


# The first two letters of a _REGION_AFTER word as re.I matches them (it also matches
# U+0130 and U+0131 for "i", U+017F for "s"), to skip the regex after most names.
_FOLD = {"i": "iIİı", "s": "sSſ"}


_REGION_HEADS = frozenset(
    a + b for word in _REGIONS
    for a in _FOLD.get(word[0], word[0] + word[0].upper())
    for b in _FOLD.get(word[1], word[1] + word[1].upper()))


# One geodesic (WGS-84) for every call: geopy's result does not depend on the object.
_GEODESIC = geodesic()


def compass_code(first: str, second: str | None) -> str:
    """The bearing code of a compass word or two ("north", "east": "NE"; "west": "W")."""
    code = first[0].upper() + (second[0].upper() if second else "")
    return code if code in _BEARING else first[0].upper()


def _set(t: Toponym, relation: Relation, lat: float, lon: float, radius: float, precision: int,
         anchor: Toponym, direction: str = "", distance: float | None = None) -> Toponym:
    return t.related(relation, anchor.text, direction, distance, round6(lat), round6(lon),
                     round(radius, 1), precision)


def displaced(lat: float, lon: float, direction: str, km: float) -> tuple[float, float]:
    """(lat, lon) km away from a point in a compass direction ("N", "SE"...), on the ellipsoid."""
    # Same as geodesic(kilometers=km).destination(...), without a geodesic object per call.
    dest = _GEODESIC.destination((lat, lon), _BEARING[direction], km)
    return dest.latitude, dest.longitude


def _road_gap(text: str, end: int, start: int) -> bool:
    """_ROAD.match(text, end, start): a gap of blanks and one dash; the regex runs only
    when the gap's first two characters are such."""
    if text[end:end + 1] not in _ROAD_GAP:
        return False
    second = min(end + 1, start - 1)
    return text[second:second + 1] in _ROAD_GAP and _ROAD.match(text, end, start) is not None


def _region_after(text: str, end: int):
    """_REGION_AFTER.match at a toponym's end, skipped when the next word cannot be one."""
    if text[end:end + 1] not in _BLANK:
        return None
    head = text[end + 1:end + 3]
    if head in _REGION_HEADS or head[:1] in _BLANK:
        return _REGION_AFTER.match(text, end, end + 30)
    return None


# The words a relation cue ends with, right before the blanks before a name: "north of",
# "outskirts of the town of", "close to", "between", "near" (_DISTANCE ... _NEAR: their
# "of", "from", "to", "the", and the last words of BETWEEN and NEAR). Folded as re.I
# matches an ASCII letter: lower() but for U+0130 and U+0131 ("i") and U+017F ("s").
_CUE_LAST_WORDS = tuple(sorted({"the", "of", "from", "to", lx.BETWEEN, *(p.split(" ")[-1] for p in lx.NEAR)}))
_CUE_LAST_LEN = max(map(len, _CUE_LAST_WORDS))
_CUE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def _cue_may_end(before: str) -> bool:
    """False when no relation cue (_DISTANCE, _DIRECTION, _OUTSKIRTS, _BETWEEN, _NEAR) can end
    ``before``: each ends with one of _CUE_LAST_WORDS and blanks (or those and a last
    newline, as their $ reads). A cheap test before those searches, which try every position."""
    if before.endswith("\n"):
        before = before[:-1]
    if not before.endswith((" ", "\t")):
        return False
    return before.rstrip(" \t")[-_CUE_LAST_LEN:].translate(_CUE_FOLD).lower().endswith(_CUE_LAST_WORDS)


def _region_word(word: str) -> AreaWord:
    """The vocabulary's entry of a region word as _REGION_AFTER matched it, lowercased."""
    area = _REGIONS.get(word)
    if area is None:
        area = next((a for w, a in _REGIONS.items() if word.startswith(w)), _ODD_REGION)
    return area


def relate_one(text: str, t: Toponym, toponyms: list[Toponym], k: int, lat: float,
                lon: float) -> Toponym:
    """One toponym whose point is (lat, lon), with its relation."""
    start, end = t.start, t.end
    # No cue word: skip the anchored searches (most names, all the time).
    before = text[max(0, start - 60):start] if _CUE_ANY.search(
        text[max(0, start - 40):start].lower()) else ""
    cue = bool(before) and _cue_may_end(before)
    nxt = toponyms[k + 1] if k + 1 < len(toponyms) else None
    if cue and (m := _DISTANCE.search(before)):
        km = float(m.group(1).replace(",", "."))
        km *= _MILE_KM if m.group(2).lower().startswith(lx.MILE_UNITS) else 1.0
        direction = compass_code(m.group(3), m.group(4))
        return _set(t, Relation.DISTANCE, *displaced(lat, lon, direction, km), max(3.0, 0.2 * km),
                    _NEAR_TOWN, t, direction, round(km, 1))
    elif cue and (m := _DIRECTION.search(before)):
        # No distance stated: reports mean the countryside within a few km of the place.
        direction = compass_code(m.group(1), m.group(2))
        return _set(t, Relation.DIRECTION, *displaced(lat, lon, direction, 5.0), 10.0, _NEAR_TOWN, t,
                    direction)
    elif cue and _OUTSKIRTS.search(before):
        return _set(t, Relation.OUTSKIRTS, lat, lon, 5.0, _NEAR_TOWN, t)
    elif cue and _BETWEEN.search(before) and nxt is not None and _AND.match(
            text[end:nxt.start]) and nxt.point:
        (lat2, lon2), km = nxt.point, distance_km_points(t.point, nxt.point)
        return _set(t, Relation.BETWEEN, (lat + lat2) / 2, (lon + lon2) / 2, km / 2 + 5.0,
                    _NEAR_TOWN, t)
    elif nxt is not None and _road_gap(text, end, nxt.start) and _ROAD_AFTER.match(
            text[nxt.end:]) and nxt.point:
        (lat2, lon2), km = nxt.point, distance_km_points(t.point, nxt.point)
        return _set(t, Relation.ROAD, (lat + lat2) / 2, (lon + lon2) / 2, km / 2 + 5.0,
                    _NEAR_TOWN, t)
    elif m := _region_after(text, end):
        area = _region_word(m.group(1).lower())
        side = _REGION_BEFORE.search(before)
        direction = compass_code(side.group(1), side.group(2)) if side else ""
        radius = area.extent_km
        point = displaced(lat, lon, direction, radius / 2) if direction else (lat, lon)
        return _set(t, Relation.REGION, *point, radius, area.precision, t, direction)
    elif cue and _NEAR.search(before):
        return _set(t, Relation.NEAR, lat, lon, 10.0, _NEAR_TOWN, t)
    return itself(t, lat, lon)


def itself(t: Toponym, lat: float, lon: float) -> Toponym:
    """The place itself (most names): _set inlined, its radii need no rounding."""
    place = t.place
    if t.kind in _REGIONAL_KINDS or (place is not None and place.feature_code in P.AREA_CODES):
        return t.related(_SELF, t.text, "", None, round6(lat), round6(lon), *P.SELF_REGION)
    return t.related(_SELF, t.text, "", None, round6(lat), round6(lon), *P.SELF_TOWN)


def distance_km_points(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between two (lat, lon) points."""
    # geodesic(a, b).kilometers, which adds measure() to 0 and then 0.0 (-0.0 becomes 0.0)
    return _GEODESIC.measure(a, b) + 0.0
