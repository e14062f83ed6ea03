"""Countries and regions in a document: how often each country is mentioned (its names,
demonyms, regions and border phrases), and the point a country or region name is coded to."""

import re

from .. import vocab as lx
from ..gazindex import GazetteerIndex
from ..normalize import fold_keys, name_key
from ..types import Kind, Toponym

BORDER_ADJECTIVES, COUNTRY_POINTS = lx.BORDER_ADJECTIVES, lx.COUNTRY_POINTS
REGION_POINTS = fold_keys(lx.REGION_POINTS_BY_NAME)
_BORDER = Kind.BORDER


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
                lexicon_kind = index.kind(name_key(t.text))
                code = codes[t.text] = lexicon_kind[1] if lexicon_kind else ""
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
    (``seen``: the results of the document's earlier mentions, by surface)."""
    done = seen.get(t.text)
    if done is None:
        kind = index.kind(name_key(t.text))
        code = kind[1] if kind else ""
        own = [c for c, _ in t.candidates if c.country == code and (
            c.feature_code.startswith("PCL") or c.feature_code == "ADM0")]
        point = COUNTRY_POINTS[code] if not own and code in COUNTRY_POINTS else (t.lat, t.lon)
        done = seen[t.text] = (tuple([(c, 1.0) for c in own]), own[0] if own else None,
                               1.0 if own or code in COUNTRY_POINTS else 0.0, *point)
    return t.resolved(*done)
