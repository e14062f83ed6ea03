"""Containment as a constraint: a place the text puts inside another resolves only inside it.

"Sayda in Dar'a", "Al-Zahraa neighbourhood west of Aleppo", "X, Y district, Z governorate,
Iraq", "X in the countryside of Ein Issa in Ar-Raqqa": the stated container (containers.py)
decides which candidates a name may take. A candidate is inside an administrative area
when its point lies in the area's loaded outline (Candidate.within: P-codes), else within
reach of the container's point (its kind's radius plus what the text adds: "20 km south
of Y"). A name none of whose candidates is inside is left unresolved, its candidates kept
for review, and relate.py codes it to its container ("within"). Chains are read from the
right: in "X in Y in Z", Y is first made to lie in Z, then X in Y (or in Z when Y is no
known place). Every name of a list lies where the text puts the list ("A, B and C in Y").
In an address line or a list, a big town of the container's country that the text names
keeps its reading ("Tal Afar, Anbar province", "Tikrit, north of Baghdad" are slips of the
text, not namesakes); in prose a governorate's outline decides ("Burja in eastern Northa" is
a Northa village, not a known Burja of another governorate). Just across a governorate's
line, a village or a sub-district is still meant (the Baghdad belt), a governorate,
district or seat only when named, never when only alike ("Sayda town in Dar'a" is no
As-Suwayda), and a name only alike only in the capital's governorate; a district's or a
sub-district's loaded outline decides alone. "Saladin governorate" is the governorate,
never a sub-district of that name elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import vocab as lx
from .containers import COMMA, INSIDE, RELATIVE, Container, containers
from .fuzzy import loose_candidates
from .gazindex import GazetteerIndex
from .geodesy import haversine_km
from .normalize import name_key
from .types import Candidate, Kind, Toponym
from .vocab import patterns as pt

__all__ = ["FITS", "constrain", "firm_container", "fit"]

# How far from a container's point a place may lie when no outline decides.
_REACH_KM = {"PCLI": 600.0, "ADM1": 150.0, "ADM2": 60.0, "ADM3": 25.0}
_TOWN_KM = 20.0
_CITY_KM = 35.0
# Texts put places near a border in the neighbouring governorate (the Baghdad belt is
# "Saladin", "Diyala", "Babil" or "Anbar" in many reports): where no outline is loaded, a
# reading this close to the stated area's reach is still the place meant, though one
# inside wins; so is one this far past a stated distance. A loaded outline decides alone.
_MARGIN_KM = 30.0
_KINDS = frozenset({Kind.PLACE, Kind.ORGANISATION})
_CONTAINER_KINDS = frozenset({Kind.PLACE, Kind.REGION})
_STRONG_POPULATION = 50_000
# A name the text calls small is no city of that name ("Al Suwayda village, Masyaf").
_SMALL_AFTER = re.compile(rf"[ \t]+{pt.group(lx.SMALL_NAME_HEADS)}\b", re.IGNORECASE)
_INSIDE, _NEAR, _OUTSIDE = 2, 1, 0
FITS = _INSIDE  # fit(): the candidate lies where the text puts it
_LOCAL = "local"  # how a quarter lies in its town (Container.how's values are containers')
# Spelled otherwise and just across the stated governorate's border (the Baghdad belt):
# only a very alike name, and only in the capital's governorate.
_NEAR_SIMILARITY = 0.8


def _reach_km(c: Candidate) -> float:
    if c.feature_code in _REACH_KM:
        return _REACH_KM[c.feature_code]
    if c.feature_class == "A":
        return _REACH_KM["ADM2"]
    if c.feature_code in ("PPLC", "PPLA") or c.population > 200_000:
        return _CITY_KM
    return _TOWN_KM


def _outline_km(c: Candidate, area: Candidate, index: GazetteerIndex) -> float | None:
    """About how far c lies outside a governorate's outline (0 inside), from the outline's
    compass parts (parts.py: a centre and a radius each), or None without them."""
    parts = index.parts.get(area.area) or index.parts.get(area.place_id)
    if not parts:
        return None
    return max(0.0, min(haversine_km(c.lat, c.lon, lat, lon) - radius for lat, lon, radius in parts.values()))


def _in_another_outline(c: Candidate, area: Candidate) -> bool:
    """c lies in a loaded outline of the area's own level and country, not the area's
    ("Qamsa in Gharba district" is no Qamsa of the next district, 50 km from its point)."""
    return any(len(code) == len(area.area) and code[:2] == area.area[:2] for code in c.within)


def fit(c: Candidate, container: Candidate, index: GazetteerIndex, *, how: str, extra_km: float = 0.0) -> int:
    """How well candidate ``c`` lies where the text puts it: _INSIDE (in the container's
    loaded outline, or within reach of its point), _NEAR (just outside: a border area
    reports attribute to the neighbour), _OUTSIDE. RELATIVE (a direction, "near",
    "outside") is always a distance; _LOCAL (a quarter of a town) the town's reach."""
    if c.place_id == container.place_id:
        return _OUTSIDE  # a name is not inside itself
    if how != RELATIVE and container.area:
        if container.area in c.within or c.area.startswith(container.area):
            return _INSIDE
        if container.feature_code != "ADM1" and _in_another_outline(c, container):
            return _OUTSIDE  # only a governorate's line has a belt: a district's decides alone
        if container.feature_code == "ADM1":
            away = _outline_km(c, container, index)
            if away is not None:  # a foreign reading has no area codes: the outline still tells
                # The loaded outline decides: a reading across its line is another
                # governorate's, whatever the text says (no margin, unlike a point's reach).
                near = away == 0.0 and c.country == container.country
                return _NEAR if near else _OUTSIDE
        # In another area (or abroad, outside every loaded outline): at best near it.
        km = haversine_km(c.lat, c.lon, container.lat, container.lon)
        near = km <= _reach_km(container) + _MARGIN_KM and c.country == container.country
        return _NEAR if near else _OUTSIDE
    km = haversine_km(c.lat, c.lon, container.lat, container.lon)
    if how == _LOCAL:  # a neighbourhood of a town: within the town
        return _INSIDE if km <= _QUARTER_KM else _OUTSIDE
    # What the text adds widens the reach: a stated distance ("20 km south of Y"), or, with
    # no outlines loaded, the area word after the container ("Y district": 200 km).
    outlines = container.area or c.within or c.area
    reach = max(_reach_km(container), extra_km) if how == RELATIVE or not outlines else _reach_km(container)
    # A town's own reach has no margin: "Jalawlaa area, Khaniqeen city" is no Jalawla 29 km
    # away (the margin is for a governorate's line, or for a stated direction's distance).
    margin = _MARGIN_KM if how == RELATIVE else 0.0
    return _INSIDE if km <= reach else _NEAR if km <= reach + margin else _OUTSIDE


_CITY_AFTER = re.compile(rf"[ \t]+{pt.group(lx.TOWN_OR_CITY)}\b", re.IGNORECASE)
_QUARTER_AFTER = re.compile(rf"[ \t]+{pt.group(lx.QUARTER_HEADS)}\b", re.IGNORECASE)
_QUARTER_KM = 15.0
_AREA_AFTER = re.compile(rf"[ \t]+{pt.group(lx.ADMIN_AREA_HEADS)}\b", re.IGNORECASE)
_SITE_AFTER = re.compile(rf"[ \t]+{pt.group(lx.SITE_AFTER_CONTAINER)}\b", re.IGNORECASE)
_SITE_BEFORE_COMMA = re.compile(rf"[ \t]+{pt.group(lx.SITE_BEFORE_COMMA)}[ \t]*,", re.IGNORECASE)


def firm_container(text: str, container: Container, contained: Toponym | None = None) -> bool:
    """A bare comma states a container only when no list goes on after it and the text
    says what one of the two is: an area ("X, Nineveh"), a site word after the container
    ("X, Mosul city", "X, Y governorate") or after the name ("the Zahra neighbourhood,
    Mosul"). "Mosul, Kirkuk and Tikrit" is a list."""
    if container.how != COMMA:
        return True
    end = container.toponym.end
    rest = text[end:end + 6].lstrip(" \t")
    if rest.startswith("&") or rest.startswith(lx.LIST_AND + " "):
        return False
    if _SITE_AFTER.match(text, end) or (
            contained is not None and _SITE_BEFORE_COMMA.match(text, contained.end)):
        return True
    place = container.toponym.place
    return place is not None and place.feature_class == "A" and not rest.startswith(",")


def _spelled_otherwise(t: Toponym, holder, how: str, extra: float, index: GazetteerIndex) -> Toponym:
    """An unknown name in a known container: the container's place whose name is the same
    but for its spelling ("Dhuluiya, Saladin governorate" is Al-Duloeyah), when one is
    alike enough (fuzzy.py); else the name stays unknown."""
    if isinstance(holder, tuple) or " " in t.text.strip() and len(t.text) > 40:
        return t
    areas = [h for h in holder if h.area] if how != RELATIVE else []
    inside = []
    for candidate, similarity in loose_candidates(index, name_key(t.text)):
        if areas:
            grade = max(fit(candidate, h, index, how=how) for h in areas)
        else:
            grade = max(fit(candidate, h, index, how=how, extra_km=extra) for h in holder)
        if grade == _INSIDE or (grade == _NEAR and similarity >= _NEAR_SIMILARITY and not (
                areas and _seat(candidate)) and _in_capital_governorate(candidate, index)):
            inside.append((grade, candidate, similarity))
    if not inside:
        return t
    inside.sort(key=lambda g: -g[0])  # inside first, then the most alike (the list's order)
    inside = [(candidate, similarity) for _, candidate, similarity in inside]
    best, similarity = inside[0]
    return replace(t, place=best, candidates=inside[:5], confidence=round(similarity * 0.6, 4))


_LEVEL = {"PCLI": 0, "PCL": 0, "ADM1": 1, "ADM2": 2, "ADM3": 3}


def _not_smaller(t: Toponym, container: Container) -> bool:
    """A governorate is in no governorate: "Anbar, Salahuddin" is a list, whatever the
    comma says (an area is only inside an area of a higher level)."""
    place, holder = t.place, container.toponym.place
    if place is None or holder is None or place.feature_code not in _LEVEL or (
            holder.feature_code not in _LEVEL):
        return False  # "the Muthana bridge in Baghdad city": a name, not a governorate
    return _LEVEL[place.feature_code] <= _LEVEL[holder.feature_code]


def _named_ids(t: Toponym, index: GazetteerIndex) -> set[int]:
    """The places the text's name is a name of (by its key), not only alike."""
    return {c.place_id for c in index.candidates(name_key(t.text))}


def _in_capital_governorate(c: Candidate, index: GazetteerIndex) -> bool:
    """c lies in the governorate of a country's capital: its belt, whose villages reports
    put in the governorates around it. Only there is a name spelled otherwise just across
    a stated governorate's line still the place meant."""
    return any(capital.feature_code == "PPLC" and code in c.within
               for code, capital in index.capitals.items())


def _seat(c: Candidate) -> bool:
    """A governorate, a district or a governorate's seat: where outlines say it lies in another
    area, it is no "just across the line" reading. The margin is for villages and
    sub-districts near a border (Latifiya, Al-Azim: the Baghdad belt and its neighbours)."""
    return c.feature_code in ("ADM1", "ADM2", "PPLA", "PPLC")


def _strong(c: Candidate) -> bool:
    return c.population >= _STRONG_POPULATION or c.feature_code in ("PPLC", "PPLA", "PPLA2")


def constrain(text: str, toponyms: list[Toponym], index: GazetteerIndex) -> list[Toponym]:
    """The toponyms with every name that has a firm stated container resolved inside it,
    or left unresolved (candidates kept) when none of its candidates is."""
    out = list(toponyms)
    which = [i for i, t in enumerate(toponyms) if t.kind in _KINDS]
    stated = containers(text, toponyms, which) if which else {}
    if not stated:
        return _framed(out, set(), index)
    position = {id(t): i for i, t in enumerate(toponyms)}
    placed = set()
    for i in sorted(stated, reverse=True):  # containers (to the right) first
        t = out[i]
        if t.kind not in _KINDS:
            continue
        container = stated[i]
        if not firm_container(text, container, t) or _not_smaller(t, container):
            continue
        holder, how, extra = _holder(out, stated, position, container)
        if holder is None:
            continue
        holder = _at_level(holder, text, container.toponym.end)
        quarter = _QUARTER_AFTER.match(text, t.end) is not None and not _AREA_AFTER.match(
            text, container.toponym.end)  # "the X quarter of Rutba district": the district's
        if not isinstance(holder, tuple) and (quarter or _CITY_AFTER.match(text, container.toponym.end)):
            # "X neighbourhood of Damascus", "X area in Deir ez-Zor city": the town, not its
            # governorate of the same name; a quarter lies within a town's own reach.
            towns = [h for h in holder if h.feature_class != "A"]
            holder = towns or holder
            if quarter and towns:
                how, extra = _LOCAL, 0.0
        # An address line ("X, Y province, Iraq") can hold a slip, a list ("A, B and Tikrit
        # in Y") a town named for itself: a well-known town there keeps its reading.
        address = container.listed or text[t.end:container.toponym.start].lstrip().startswith(",")
        out[i] = _placed(t, holder, how, extra, index, text, address=address)
        placed.add(i)
    return _framed(out, placed, index)


# The governorates a document names frame the rest of it: a name the text puts in no
# container whose reading lies outside all of them takes a reading inside one instead,
# when it has one ("clashes in Hurriyeh neighbourhood ... in Ar-Raqqa city": not an Iraqi
# village 560 km away). Only a reading inside one counts, and nothing is left unresolved.
# A name with no reading at all takes a town or village inside one spelled very alike
# (fuzzy.py: "the village of Zbeikhan" is Zubaykhan when the document names its governorate).
_FRAME_CODES = frozenset({"ADM1", "PPLA", "PPLC"})


def _framed(out: list[Toponym], contained: set[int], index: GazetteerIndex) -> list[Toponym]:
    framing = [t.place for t in out if t.place is not None and t.place.feature_code in _FRAME_CODES
               and t.kind in _CONTAINER_KINDS]
    frame = {p.area or next(iter(p.within), "") for p in framing}
    frame.discard("")
    if not frame:
        return out
    countries = {p.country for p in framing}
    for i, t in enumerate(out):
        place = t.place
        if i not in contained and t.kind == Kind.PLACE and place is None and not t.candidates:
            alike = [(c, sim) for c, sim in loose_candidates(index, name_key(t.text))
                     if sim >= _FRAMED_SIMILARITY and c.feature_class == "P"
                     and any(_in_area(c, code) for code in frame)]
            if alike:
                best, sim = alike[0]
                out[i] = replace(t, place=best, candidates=alike[:5], confidence=round(sim * 0.6, 4))
            continue
        if i in contained or t.kind != Kind.PLACE or place is None or not place.within and not t.candidates:
            continue
        if place.feature_code in _FRAME_CODES or any(_in_area(place, code) for code in frame):
            continue
        inside = [(c, score) for c, score in t.candidates if any(_in_area(c, code) for code in frame)]
        if inside and (place.within or place.country != inside[0][0].country):
            best, score = inside[0]
            rest = [cs for cs in t.candidates if cs[0].place_id != best.place_id]
            out[i] = replace(t, place=best, candidates=[(best, score), *rest],
                             confidence=round(score * 0.8, 4))
        elif not inside and place.country not in countries and not _strong(place) and all(
                haversine_km(place.lat, place.lon, p.lat, p.lon) > _STRAY_KM for p in framing):
            # A hamlet abroad, far from every governorate the text names: a namesake.
            out[i] = replace(t, place=None, confidence=0.0)
    return out


_STRAY_KM = 300.0
_FRAMED_SIMILARITY = 0.9


def _outlined_governorate(holder, how: str) -> bool:
    """The text puts a name inside a governorate whose outline is loaded ("in Y", "in the
    Y countryside"), not near it or in a town."""
    return how == INSIDE and any(h.area and h.feature_code == "ADM1" for h in holder)


def _in_area(c: Candidate, code: str) -> bool:
    return code in c.within or c.area.startswith(code)


_LEVEL_AFTER = re.compile(rf"[ \t]+({pt.group(tuple(lx.ADMIN_LEVEL_WORDS))})\b", re.IGNORECASE)


def _at_level(holder, text: str, end: int):
    """The container's readings at the level the word after it fixes ("Saladin governorate":
    the governorate, not the sub-district of that name in Erbil), when it has one."""
    m = _LEVEL_AFTER.match(text, end)
    if m is None or isinstance(holder, tuple):
        return holder
    code = f"ADM{lx.ADMIN_LEVEL_WORDS[m.group(1).lower()]}"
    return [h for h in holder if h.feature_code == code] or holder


def _holder(out, stated, position, container: Container):
    """The known readings a container stands for: its place once constrained, with its
    other readings that are areas or seats ("Afrin in Aleppo": the city or the governorate),
    or, when it is no known place, its own container's ("X in Y in Z" with Y unknown: Z)."""
    how, extra = container.how, container.radius
    seen = set()
    while True:
        j = position[id(container.toponym)]
        current = out[j]
        if current.place is not None:
            same = [c for c, _ in current.candidates if c.place_id != current.place.place_id and (
                c.feature_class == "A" or c.feature_code in ("PPLC", "PPLA", "PPLA2"))]
            return [current.place, *same], how, extra
        if current.kind == Kind.COUNTRY:
            return (Kind.COUNTRY, current), INSIDE, 0.0
        nxt = stated.get(j)
        if nxt is None or j in seen:
            return None, how, extra
        seen.add(j)
        container = nxt
        how = RELATIVE if RELATIVE in (how, nxt.how) else nxt.how
        extra = max(extra, nxt.radius)


def _placed(t: Toponym, holder, how: str, extra: float, index: GazetteerIndex, text: str, *,
            address: bool = False) -> Toponym:
    if not t.candidates:
        return _spelled_otherwise(t, holder, how, extra, index)
    if isinstance(holder, tuple):  # a country: the name's reading must be in it
        code = index.country_code(holder[1].text)

        def grade(c: Candidate) -> int:
            return _INSIDE if not code or c.country == code else _OUTSIDE
    else:
        # Where a reading of the container is an area with a loaded outline, outlines decide
        # ("Askari, Tuz Khormato district": the district, not 200 km around the town).
        areas = [h for h in holder if h.area] if how != RELATIVE else []

        def grade(c: Candidate) -> int:
            if areas:  # a reading outside every loaded outline (abroad) is told by them too
                return max(fit(c, h, index, how=how) for h in areas)
            return max(fit(c, h, index, how=how, extra_km=extra) for h in holder)
    if t.place is not None and grade(t.place) == _INSIDE:
        return t
    graded = [(grade(c), score, c) for c, score in t.candidates]
    if not any(g == _INSIDE for g, _, _ in graded):
        # Readings beyond the scored few (the resolver keeps the top five).
        known = {c.place_id for c, _ in t.candidates}
        graded += [(grade(c), 0.0, c) for c in index.candidates(name_key(t.text)) if c.place_id not in known]
    # Just outside the stated area (the Baghdad belt), only a reading the text names, not
    # one only alike ("Sayda town in Dar'a countryside" is no As-Suwayda across the line).
    named = _named_ids(t, index)
    outlined = not isinstance(holder, tuple) and any(h.area for h in holder) and how != RELATIVE
    graded = [g for g in graded if g[0] == _INSIDE or g[0] == _NEAR and g[2].place_id in named
              and not (outlined and _seat(g[2]))]
    if graded:
        _, score, best = max(graded, key=lambda g: (g[0], g[1], g[2].population, -g[2].place_id))
        rest = [cs for cs in t.candidates if cs[0].place_id != best.place_id]
        return replace(t, place=best, candidates=[(best, score), *rest][:max(len(t.candidates), 1)],
                       confidence=round(max(score, 0.5) * 0.8, 4))
    strong = next((c for c, _ in t.candidates if _strong(c) and c.place_id in named), None)
    if strong is not None and not isinstance(holder, tuple) and any(
            h.country == strong.country for h in holder) and not _SMALL_AFTER.match(text, t.end) and (
            address or not _outlined_governorate(holder, how)):
        # "Tal Afar, Anbar province", "Tikrit, north of Baghdad": a town of the container's
        # country is better known than a slip of the text ("Beirut Square, Baghdad" is not),
        # when the text names it; a name only alike ("Sayda in Dar'a": As-Suwayda) is not it.
        # In prose, a governorate is named to tell a village from the town everyone knows
        # ("Burja in eastern Northa" is no known Burja elsewhere): there its outline decides; only an
        # address line ("X, Y province, Iraq") carries slips.
        return t if strong is t.place else replace(t, place=strong)
    return replace(t, place=None, confidence=0.0)
