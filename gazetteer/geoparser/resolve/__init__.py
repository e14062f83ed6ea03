"""Choose a gazetteer candidate for each toponym, using the whole document as context.

Each candidate gets a weighted score in [0, 1] (scoring.py) from: name-match quality,
feature code, population, country context (IQ/SY first; demonyms, country and border
mentions raise their country: countries.py), spatial coherence with the document's
unambiguous places, and containment stated in the text ("X in Mosul", "X, Nineveh":
containers.py). An analyst alias wins outright. Two passes: the first picks anchors
without coherence, the second uses them. Countries and regions take their points
(countries.py); a country or governorate named with a compass word takes that part of its
outline (parts.py); an unknown name headed by a town's falls back to it (inner.py).
"""

import re
from dataclasses import replace

from .. import vocab as lx
from ..areagrid import AreaGrid
from ..containers import COMMA, Container, containers
from ..gazindex import GazetteerIndex, is_strong
from ..normalize import name_key
from ..parts import apply_parts
from ..relate.relations import displaced
from ..text import Document
from ..types import Kind, Toponym
from ..vocab import patterns as pt
from .countries import REGION_POINTS, country_point, document_countries
from .inner import inner_place
from .scoring import bases, confidence, features, foreign, score, stray, trig

__all__ = ["PART_OFFSET_KM", "PART_RADIUS_KM", "REGION_POINTS", "RESOLVABLE", "TOP_N", "part_point",
           "resolve"]


TOP_N = 5


RESOLVABLE = frozenset({Kind.PLACE, Kind.ORGANISATION, Kind.COUNTRY, Kind.REGION})


_SCORED = RESOLVABLE - {Kind.COUNTRY}


_PLACE, _COUNTRY, _REGION = Kind.PLACE, Kind.COUNTRY, Kind.REGION


# "Nineveh province" names the governorate; so does "the Idlib countryside" (Arabic rif:
# the governorate's land around its capital). "Rutba district" is coded, as ACLED and
# UCDP do, to the district's seat town, which shares its name (geo_precision 3).
_ADMIN_AFTER = re.compile(
    rf"[ \t]+{pt.group(w for w, area in lx.AREA_WORDS.items() if area.admin)}\b", re.I)


# "ناحية حمام العليل", "قضاء تلعفر": the Arabic word before the name makes it the area.
_AR_ADMIN_WORDS = "|".join(re.escape(w).replace("ة", "[ةه]") for w in lx.ARABIC_ADMIN_WORDS)
_ARABIC_ADMIN = re.compile(rf"(?:^|(?<=\s))[وبل]?(?:ال)?(?:{_AR_ADMIN_WORDS})\s")
_ARABIC_ADMIN_BEFORE = re.compile(rf"(?:^|(?<=\s))[وبل]?(?:ال)?(?:{_AR_ADMIN_WORDS})\s+$")


# "Kirkuk's Dibis district": a district named with its governorate is the district.
_POSSESSED = re.compile(r"\w(?:['’]s|s['’])[ \t]+$")
_DISTRICT_AFTER = re.compile(rf"[ \t]+{pt.group(lx.DISTRICT_WORDS)}\b", re.IGNORECASE)


_BLANKS = frozenset(" \t")


def _admin_named(text: str, t: Toponym, arabic: bool) -> bool:
    """The name is of the area, said by the word after it ("Nineveh province"), the Arabic
    word before it ("ناحية حمام العليل": only in a text with Arabic letters, ``arabic``) or
    a possessive before it and a district word after it ("Kirkuk's Dibis district"). The
    words after it follow a blank: no regex runs for a name followed by anything else."""
    blank_after = text[t.end:t.end + 1] in _BLANKS
    if blank_after and _ADMIN_AFTER.match(text, t.end):
        return True
    if arabic and (_ARABIC_ADMIN_BEFORE.search(text, max(0, t.start - 16), t.start)
                   or _ARABIC_ADMIN.match(text, t.start)):
        return True
    return blank_after and bool(_POSSESSED.search(text, max(0, t.start - 4), t.start)
                                and _DISTRICT_AFTER.match(text, t.end))


def resolve(text: str | Document, toponyms: list[Toponym], index: GazetteerIndex,
            trace: list | None = None, given_countries: dict[str, int] | None = None) -> list[Toponym]:
    """The toponyms with their candidates (best first, top 5), place and confidence.
    ``trace``, when given, receives (toponym, scoring.features of its candidates) for each
    scored toponym (what eval/fit_resolver.py fits the weights on); ``given_countries``: the
    caller's mentions of countries beyond place names (geoparse())."""
    doc = Document.of(text)
    text = doc.text
    # Only a place with candidates can be "rural X" (most toponyms are countries, demonyms).
    toponyms = [_rural(text, t, index) if t.kind == _PLACE and t.candidates else t for t in toponyms]
    countries = document_countries(toponyms, index)
    for code, votes in (given_countries or {}).items():
        countries[code] = countries.get(code, 0) + votes
    # Countries take their country Place (below); the other kinds are scored.
    named = [i for i, t in enumerate(toponyms) if t.kind in _SCORED and t.candidates]
    # Half the reports name no place to score: no passes to run for them.
    out = _scored(doc, toponyms, named, index, countries, trace) if named else list(toponyms)
    seen: dict = {}
    for i, t in enumerate(out):  # what has no candidates to score (a scored toponym keeps some)
        if t.kind == _COUNTRY:
            out[i] = country_point(t, index, seen)
        elif t.kind == _REGION and not t.candidates and name_key(t.text) in REGION_POINTS:
            out[i] = t.resolved(t.candidates, t.place, 0.8, *REGION_POINTS[name_key(t.text)])
        elif t.kind == _PLACE and not t.candidates:
            out[i] = inner_place(doc, t, index, containers(text, out, [i]).get(i), out, countries)
    return apply_parts(text, out, lambda t, direction: _part(t, direction, index))


def _scored(doc: Document, toponyms: list[Toponym], named: list[int], index: GazetteerIndex,
            countries: dict[str, int], trace: list | None) -> list[Toponym]:
    """The toponyms with those at the positions ``named`` scored in two passes (the first
    finds the anchors) and resolved, or left to the container the text states for them."""
    text = doc.text
    containers_ = containers(text, toponyms, named)
    admin = {i for i in named if _admin_named(text, toponyms[i], doc.arabic)}
    based = {i: bases(toponyms[i], index, countries, containers_.get(i), i in admin)
             for i in named}
    # First pass: only places and organisations can be anchors, so only they are scored.
    first = {i: score(based[i], []) for i in based
             if toponyms[i].kind in _ANCHOR_KINDS}
    # Villages and neighbourhoods the text puts in or near a place none of their candidates
    # is near: no anchors, and maybe left to their container (_leave_to_container).
    stranded = [i for i, c in containers_.items() if toponyms[i].kind == _PLACE and (
        c.toponym.kind in _CONTAINER_KINDS and not any(
            base is None or inside or is_strong([cand]) for cand, base, inside in based[i]))]
    anchor_of = {
        i: s[0][0] for i, s in first.items()
        if (len(s) == 1 or confidence(s) >= 0.6) and i not in stranded
    }
    # Each anchor's key and point once: a toponym is never its own anchor (nor a namesake's).
    anchor_keys = [(name_key(toponyms[j].text), (a.place_id, trig(a))) for j, a in anchor_of.items()]
    out = list(toponyms)
    for i in named:
        t = toponyms[i]
        own = name_key(t.text)
        anchors = [anchor for key, anchor in anchor_keys if key != own]
        # Without anchors the second pass scores as the first did (most documents).
        scored = tuple((score(based[i], anchors) if anchors or i not in first else first[i])[:TOP_N])
        if trace is not None:
            trace.append((t, features(t, index, countries, containers_.get(i), anchors, i in admin)))
        place = scored[0][0] if scored else None
        sure = confidence(scored)
        if place is not None and i not in containers_ and (
                stray(place, anchors, anchor_of) or foreign(place, based[i], countries, index.near_border)):
            place, sure = None, 0.0  # left for review, candidates kept
        out[i] = t.resolved(scored, place, sure, t.lat, t.lon)
    for i in stranded:
        container = containers_[i]
        out[i] = _leave_to_container(text, out[i], out[container.index], container)
    return out


_ANCHOR_KINDS = frozenset({Kind.PLACE, Kind.ORGANISATION})

# "rural Damascus", "the Damascus countryside": a governorate of its own where the
# gazetteer names one so (Rif Dimashq: vocab.GOVERNORATE_NAMES), not the city's.
_RURAL_BEFORE = re.compile(rf"\b{lx.RURAL}[ \t]+$", re.IGNORECASE)
_COUNTRYSIDE_AFTER = re.compile(rf"[ \t]+{lx.COUNTRYSIDE}\b", re.IGNORECASE)


def _rural(text: str, t: Toponym, index: GazetteerIndex) -> Toponym:
    """The toponym, its candidates those of "rural X"/"X countryside" when that phrase
    names a governorate of the gazetteer."""
    if t.kind != _PLACE or not t.candidates:
        return t
    if _RURAL_BEFORE.search(text, max(0, t.start - 8), t.start):
        phrase = f"{lx.RURAL} {t.text}"
    elif _COUNTRYSIDE_AFTER.match(text, t.end):
        phrase = f"{t.text} {lx.COUNTRYSIDE}"
    else:
        return t
    areas = [c for c in index.candidates(name_key(phrase)) if c.feature_code == "ADM1"]
    if not areas or all(c.place_id == cand.place_id for c in areas for cand, _ in t.candidates[:1]):
        return t
    return replace(t, candidates=tuple((c, 0.0) for c in areas))


_CONTAINER_KINDS = frozenset({Kind.PLACE, Kind.REGION})


def _leave_to_container(text: str, t: Toponym, area_toponym: Toponym, container: Container) -> Toponym:
    """A name the text puts in or near a resolved place ("the Waer district of Homs",
    "Waer in Homs", "Waer, Homs province") none of whose candidates lies within its reach
    (only an Iraqi village is called Waer) is no namesake far away: it is left unresolved,
    candidates kept, and relate/ places it at its container (relation "within"), as
    it does an unknown name. Only a village or a neighbourhood: a town ("Tal Afar, Anbar
    province", "Tikrit, north of Baghdad") is better known than a slip of the text. A bare
    comma states a container only when it is an area and no list goes on after it ("X,
    Nineveh"; not "Mosul, Diyala and Anbar")."""
    area = area_toponym.place  # the container as resolved
    if t.place is None or area is None:
        return t
    if container.how == COMMA and (area.feature_class != "A" or t.place.feature_code == "ADM1" or (
            _LIST_GOES_ON.match(text, area_toponym.end))):
        return t
    return t.resolved(t.candidates, None, 0.0, t.lat, t.lon)


_LIST_GOES_ON = re.compile(rf"[ \t]*(?:,|&|{lx.LIST_AND}[ \t])")


# A compass part of a governorate ("the northern countryside of Hama", "eastern Deir
# ez-Zor") is where its capital's countryside lies in that direction: the capital moved
# this far, within this radius; fitted by eval/fit_part_offset.py on the dev notes' older
# split (683 notes placed by such a part alone: 53% within 25 km against 30% at the
# capital and about 25% at the centre of the outline's compass cell; median error 23.7 km).
PART_OFFSET_KM = 22.5
PART_RADIUS_KM = 40.0
# A town's countryside stays in its governorate: a town near the edge (Hama, 20 km from
# Homs governorate; Latakia by the sea) is moved less far, in these steps.
_PART_STEPS = (1.0, 2 / 3, 1 / 3, 0.0)


def part_point(lat: float, lon: float, direction: str, areas: AreaGrid | None,
               area: str = "") -> tuple[float, float]:
    """A town's countryside in a compass direction: the town moved PART_OFFSET_KM that way,
    or less where that would leave the governorate (``area``, a P-code; by default the
    one the town lies in) by the loaded outlines (``areas``; none loaded: the full way)."""
    if not areas:
        return displaced(lat, lon, direction, PART_OFFSET_KM)
    area = area or areas.at(lat, lon)
    for step in _PART_STEPS:
        point = displaced(lat, lon, direction, PART_OFFSET_KM * step) if step else (lat, lon)
        if not area or areas.at(*point) == area:
            return point
    return lat, lon


def _part(t: Toponym, direction: str, index: GazetteerIndex) -> tuple[float, float, float] | None:
    """A compass part of a country (by its code: the piece of its outline, parts.py) or of
    a resolved governorate: its capital's countryside in that direction when the capital
    is known and that stays in the governorate (``index.areas``), else the piece of its
    outline ("western Dar'a": Dar'a city lies by the Jordanian border)."""
    if t.kind == _PLACE:
        capital, outline = index.capital(t.place), index.part(t.place.place_id, direction)
        if capital is None:
            return outline
        if direction == "C":
            return capital.lat, capital.lon, PART_RADIUS_KM
        lat, lon = displaced(capital.lat, capital.lon, direction, PART_OFFSET_KM)
        area = t.place.area
        if outline is not None and area and index.areas and index.areas.at(lat, lon) != area:
            lat, lon = outline[0], outline[1]
        return lat, lon, PART_RADIUS_KM
    code = index.country_code(t.text)
    return index.part(code, direction) if code else None
