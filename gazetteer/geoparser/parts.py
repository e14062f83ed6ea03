"""Parts of a country or governorate: "northern Iraq", "the east of Syria", "central Anbar".

A compass part of an area is the piece of its outline inside one band of a 3 x 3 grid
laid over the outline's bounding box: "northern" is the top row, "north-eastern" the
top-right cell, "central" the middle cell. Its point is the piece's centroid (a point on
the piece when the centroid falls outside it) and its radius half the diagonal of the
piece's bounding box. ``area_parts`` computes them from an outline (gazetteer/index.py
passes the loaded country and governorate outlines); ``apply_parts`` finds the compass
words in the text and codes the toponym to its part: relation "part", the part's point
as the event point, its radius as the uncertainty, geo_precision 3 (a region: precision.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from . import vocab as lx
from .precision import OF_RELATION
from .types import Kind, Relation, Toponym
from .vocab import patterns as pt

# (row, column) cells of the 3 x 3 grid, row 0 the south and column 0 the west.
_CELLS = {
    "N": [(2, 0), (2, 1), (2, 2)], "S": [(0, 0), (0, 1), (0, 2)],
    "E": [(0, 2), (1, 2), (2, 2)], "W": [(0, 0), (1, 0), (2, 0)],
    "NE": [(2, 2)], "NW": [(2, 0)], "SE": [(0, 2)], "SW": [(0, 0)], "C": [(1, 1)],
}
DIRECTIONS = tuple(_CELLS)

_SIDES, _ERN = pt.words(lx.SIDES), lx.ADJECTIVE_ENDING
_DIR = (rf"({pt.words(lx.POLES)})(?:[- ]?({_SIDES}))?(?:{_ERN})?|({_SIDES})(?:{_ERN})?"
        rf"|({pt.words(lx.CENTRE_ADJECTIVES)})")
# "northern Iraq", "north-east Syria", "central Anbar": the compass word right before.
_BEFORE = re.compile(rf"(?<![\w-])(?:{_DIR})[ \t]+$", re.I)
# "the north of Iraq", "the south-eastern part of Syria".
_PART_OF = re.compile(
    rf"(?<![\w-])the[ \t]+(?:{_DIR}|({pt.words(lx.CENTRE_NOUNS)}))[ \t]+(?:{pt.group(lx.PART_WORDS)}[ \t]+)?"
    r"of[ \t]+(?:the[ \t]+)?$", re.I)
_DISTANCE_BEFORE = re.compile(rf"\d[ \t]*{pt.group(lx.DISTANCE_STEMS)}", re.I)
_KM = 111.32  # km per degree of latitude
_NOT_WORD = re.compile(r"[^\w-]")
# The word right before a qualified name is one of these (or "of"): a set lookup spares
# the two regular expressions for almost every country name ("in Iraq").
_LAST_WORDS = frozenset(
    [f"{a}{sep}{b}{end}" for a in lx.POLES for b in ("", *lx.SIDES)
     for sep in (("",) if not b else ("", "-")) for end in ("", _ERN)]
    + [f"{w}{end}" for w in lx.SIDES for end in ("", _ERN)] + [*lx.CENTRE_ADJECTIVES, "of"])
_LAST_PAIRS = frozenset(w[-2:] for w in _LAST_WORDS)  # "rn", "th", "st", "al", "le", "of"


def _direction(m: re.Match) -> str:
    first, second, side, central = m.group(1, 2, 3, 4)
    if central or (m.re is _PART_OF and m.group(5)):
        return "C"
    if side:
        return side[0].upper()
    return first[0].upper() + (second[0].upper() if second else "")


def area_parts(geom) -> dict[str, tuple[float, float, float]]:
    """{direction: (lat, lon, radius_km)} of a shapely (Multi)Polygon in lon/lat degrees."""
    from shapely.geometry import box  # the geoparser itself stays free of shapely

    minx, miny, maxx, maxy = geom.bounds
    dx, dy = (maxx - minx) / 3, (maxy - miny) / 3
    out = {}
    for direction, cells in _CELLS.items():
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        window = box(minx + min(cols) * dx, miny + min(rows) * dy,
                     minx + (max(cols) + 1) * dx, miny + (max(rows) + 1) * dy)
        piece = geom.intersection(window)
        if piece.is_empty or piece.area == 0:
            continue
        point = piece.centroid
        if not piece.contains(point):
            point = piece.representative_point()
        x0, y0, x1, y1 = piece.bounds
        width = (x1 - x0) * _KM * math.cos(math.radians((y0 + y1) / 2))
        radius = math.hypot(width, (y1 - y0) * _KM) / 2
        out[direction] = (round(point.y, 6), round(point.x, 6), round(radius, 1))
    return out


def _compass_word_before(text: str, start: int) -> bool:
    """A compass word (or "of") ends right before start, after a blank: str methods
    first, a regular expression only for a word glued to punctuation ("police;Northern")."""
    if text[start - 3:start - 1].lower() not in _LAST_PAIRS and not text[start - 2:start].isspace():
        return False  # "in Iraq", "and Syria": the word before ends otherwise
    before = text[max(0, start - 16):start]
    if not before[-1:].isspace():
        return False
    words = before.split()
    last = words[-1].lower() if words else ""
    if last in _LAST_WORDS:
        return True
    return not last.isalnum() and _NOT_WORD.split(last)[-1] in _LAST_WORDS


def _qualifier(text: str, t: Toponym) -> re.Match | None:
    before = text[max(0, t.start - 40):t.start]
    m = _BEFORE.search(before) or _PART_OF.search(before)
    if m is None or _DISTANCE_BEFORE.search(before[:m.start()][-16:]):
        return None  # "30 km north of Iraq's ..." is a distance, not a part
    return m


_PART_KINDS = frozenset({Kind.COUNTRY, Kind.PLACE})
_PART_PRECISION = OF_RELATION[Relation.PART]
_PLACE = Kind.PLACE


def apply_parts(text: str, toponyms: list[Toponym],
                part_of: Callable[[Toponym, str], tuple[float, float, float] | None]) -> list[Toponym]:
    """The toponyms with each country or governorate named with a compass word coded to
    that part of it; ``part_of(toponym, direction)`` gives the part's (lat, lon, radius km)
    or None."""
    out = toponyms
    for i, t in enumerate(toponyms):
        if t.relation or t.kind not in _PART_KINDS:
            continue
        if t.kind == _PLACE and (t.place is None or t.place.feature_code != "ADM1"):
            continue
        if not _compass_word_before(text, t.start):
            continue  # most names
        m = _qualifier(text, t)
        if m is None:
            continue
        direction = _direction(m)
        part = part_of(t, direction)
        if part is None:
            continue
        lat, lon, radius = part
        if out is toponyms:
            out = list(toponyms)
        out[i] = t.related(Relation.PART, t.text, direction, t.distance_km, lat, lon, radius,
                           _PART_PRECISION)
    return out


def qualifier_start(text: str, t: Toponym) -> int:
    """Where the compass words of a "part" toponym begin ("northern" of "northern Iraq")."""
    m = _qualifier(text, t) if t.relation == Relation.PART else None
    return max(0, t.start - 40) + m.start() if m else t.start


__all__ = ["DIRECTIONS", "apply_parts", "area_parts", "qualifier_start"]
