"""Countries and regions in a document: how often each country is mentioned (its names,
demonyms, regions and border phrases), and the point a country or region name is coded to."""

import re

from .. import precision as P
from .. import vocab as lx
from ..gazindex import GazetteerIndex
from ..normalize import fold_keys
from ..precision import round6
from ..types import Kind, Relation, Toponym

BORDER_ADJECTIVES, COUNTRY_POINTS = lx.BORDER_ADJECTIVES, lx.COUNTRY_POINTS
REGION_POINTS = fold_keys(lx.REGION_POINTS_BY_NAME)
COUNTRY_CODES = fold_keys(lx.COUNTRIES)  # name_key of a country's name -> ISO code
_BORDER, _SELF = Kind.BORDER, Relation.SELF


_COUNTRY_KINDS = frozenset({Kind.COUNTRY, Kind.DEMONYM, Kind.REGION})


def document_countries(toponyms: list[Toponym], index: GazetteerIndex) -> dict[str, int]:
    """How often the document mentions each country (by code): its country, demonym and
    region names, and the adjectives of its border phrases ("Iraqi-Syrian border"). A
    plain dict: a Counter costs more to build than its few mentions to count."""
    counts: dict[str, int] = {}
    codes: dict[str, str] = {}  # surface -> country code: most mentions repeat a surface
    for t in toponyms:
        kind = t.kind
        if kind in _COUNTRY_KINDS:
            code = codes.get(t.text)
            if code is None:
                code = codes[t.text] = index.country_code(t.text)
            if code:
                counts[code] = counts.get(code, 0) + 1
        elif kind == _BORDER:
            for word in re.findall(r"\w+", t.text.lower()):
                if word in BORDER_ADJECTIVES:
                    code = BORDER_ADJECTIVES[word]
                    counts[code] = counts.get(code, 0) + 1
    return counts


def country_point(t: Toponym, index: GazetteerIndex, seen: dict) -> Toponym:
    """A country is its country Place when one is loaded, else the vocabulary's point
    (``seen``: the results of the document's earlier mentions, by surface). It is the
    whole country wherever the text puts it ("30 km north of Iraq's border" measures from
    the border, "near Syria" is no point): with a point, it is placed as itself, a region
    (precision.SELF_REGION), and relate/ reads nothing around it; parts.py may still code
    it to a compass part of its outline."""
    done = seen.get(t.text)
    if done is None:
        code = index.country_code(t.text)
        own = [c for c, _ in t.candidates if c.country == code and (
            c.feature_code.startswith("PCL") or c.feature_code == "ADM0")]
        lat, lon = COUNTRY_POINTS[code] if not own and code in COUNTRY_POINTS else (t.lat, t.lon)
        place = own[0] if own else None
        point = (place.lat, place.lon) if place is not None else (
            (lat, lon) if lat is not None and lon is not None else None)
        resolved = (tuple([(c, 1.0) for c in own]), place, 1.0 if own or code in COUNTRY_POINTS else 0.0,
                    lat, lon)
        # How each mention is made: placed as itself (its anchor is the surface, the key of
        # ``seen``), or only resolved when there is no point.
        done = seen[t.text] = (Toponym.resolved, resolved) if point is None else (
            Toponym.placed, (*resolved, _SELF, t.text, "", None, round6(point[0]), round6(point[1]),
                             *P.SELF_REGION))
    make, args = done
    return make(t, *args)
