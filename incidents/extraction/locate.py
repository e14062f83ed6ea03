"""Where an event happened: the best toponym of its clause and the ACLED geo_precision.

geo_precision: 1 the named town itself; 2 near a town or a small part of an area
(coded to that town); 3 a larger region or a border (coded to a named location).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from gazetteer.geoparser import vocab as lx
from gazetteer.geoparser.areagrid import AreaGrid
from gazetteer.geoparser.containers import containers
from gazetteer.geoparser.containment import firm_container
from gazetteer.geoparser.geodesy import haversine_km
from gazetteer.geoparser.parts import qualifier_start
from gazetteer.geoparser.relate.relations import compass_code
from gazetteer.geoparser.resolve import PART_RADIUS_KM, part_point
from gazetteer.geoparser.types import Candidate, Kind, Relation, Toponym
from gazetteer.geoparser.vocab import patterns as pt
from incidents.extraction.coordination import coordinated
from incidents.extraction.predicates import AFFILIATION_PEOPLE, ORIGIN_PEOPLE

LOCATION_KINDS = frozenset({Kind.PLACE, Kind.BORDER})
_S = pt.SPACES
_DIRECTION = rf"{pt.group(lx.CARDINALS)}(?:[- ]?{pt.group(lx.SIDES)})?"
_ERN = f"(?:{lx.ADJECTIVE_ENDING})?"
# Cues right before a toponym that make the event "near" it.
_NEAR_BEFORE = re.compile(
    rf"(?:\b{_DIRECTION}{_ERN}\s+(?:of\s+)?(?:the\s+)?"
    rf"|\b(?:{pt.group(lx.NEAR_OR_OUTSIDE)}\s+the\s+{pt.group(lx.GATES)}s?\s+(?:of|to)"
    rf"|{pt.words(lx.EVENT_NEAR, _S)})\s+(?:the\s+)?"
    rf"(?:{pt.group(lx.EVENT_NEAR_UNITS)}\s+of\s+)?)$",
    re.IGNORECASE,
)
# A part of the town or a site beside it: an area, a natural feature, a facility named
# after the town ("Damascus International Airport", "Tabqa dam", "Mosul University"; the
# geoparser's own list of facility heads, which makes such a town a place). The
# geo_precision each area word gives the event is the vocabulary's (AREA_WORDS).
_FACILITIES = pt.words((h.lower() for h in lx.FACILITY_NAME_HEADS), r"\s*")
_PARTS = pt.words((w for w, a in lx.AREA_WORDS.items() if a.event_precision_apart == 2), _S)
_AREA_AFTER = re.compile(
    rf"^(?:(?:\s+[a-z]+)?\s+(?:{_PARTS}|{_FACILITIES})\b"
    rf"|['’]s\s+{pt.group(lx.POSSESSIVE_AREAS)})", re.IGNORECASE)
# "on Mount Sinjar", "in Jabal al-Zawiya": the mountain named after (or as) the place.
_NATURAL_BEFORE = re.compile(rf"\b{pt.group(lx.MOUNT_WORDS)}\s+$", re.IGNORECASE)
_REGIONS = pt.group(w for w, a in lx.AREA_WORDS.items() if a.event_precision == 3)
_REGION_AFTER = re.compile(rf"^\s+{_REGIONS}\b", re.IGNORECASE)
_REGION_BEFORE = re.compile(rf"\b{pt.group(lx.REGION_OF)}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "the Kirkuk-Baghdad road": a place inside a road name is not where the event is.
_ROADS = pt.group(lx.EVENT_ROAD_WORDS)
_ROAD_NAME = re.compile(rf"^(?:-[\w' -]+?\s+{_ROADS}|\s+{_ROADS})", re.IGNORECASE)
_ROAD_TAIL = re.compile(r"[\w']+-$")
# ... but the article of a name right after a preposition is none ("in al-Westa desert";
# "in the al-Zein area" is a quarter's own name, as a road's first town is no scene).
_ARTICLE_AFTER_PREPOSITION = re.compile(
    rf"\b{pt.group(lx.EVENT_AT)}\s+{pt.group(sorted(lx.ARTICLES))}-$", re.IGNORECASE)
_CITY = lx.SETTLEMENTS[0]  # "in the city of X"
_IN_ANCHOR = re.compile(
    rf"^(?:\s+{pt.group(lx.ANCHORED_HEADS)})?"
    rf"\s*,?\s+(?:{pt.words(lx.ANCHOR_LINKS)}|in\s+the\s+\w+\s+of)\s+(?:the\s+)?(?:{_CITY}\s+of\s+)?$",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    rf"\b(?:{pt.words(lx.ANAPHORA, _S)}|{pt.words([lx.ANAPHORA_SAME], _S)}\s+\w+)\b", re.IGNORECASE)
_NATURAL_AFTER = re.compile(rf"\s+{pt.group(lx.NATURAL_HEADS)}\b", re.IGNORECASE)
# "the Hamrin Mountains northeast of Tikrit": the natural feature, placed by its anchor.
_NATURAL_LINK = re.compile(
    rf"^[\s,]+(?:\d+\s*{pt.group(lx.KM_UNITS)}\s+)?(?:{_DIRECTION}{_ERN}\s+of"
    rf"|{pt.words(lx.NATURAL_LINKS)})\s+(?:the\s+)?(?:{pt.group(lx.TOWN_OR_CITY)}\s+of\s+)?$",
    re.IGNORECASE)
# A namesake farther than this from the stated anchor is not the feature meant.
_NATURAL_ANCHOR_KM = 50.0
_REGION_CODES = ("ADM1", "ADM2", "ADM3", "RGN", "PCLI", "MTS", "DSRT")
# An administrative area is coded to its seat (ACLED: "coded to its capital"): a
# populated-place candidate of the same name, close to the area and nearly as likely.
_AREA_CODES = ("ADM2", "ADM3", "ADM4", "ADM5")
_SEAT_KM = 50.0
_SEAT_MIN_SCORE = 0.8  # share of the area's own score
_PROVINCE_SEAT_CODES = ("PPLA", "PPLC")  # a governorate's seat must be coded as one


@dataclass(frozen=True, slots=True)
class Location:
    """A located event: the toponym it is coded to and how precisely (the ACLED-style coded
    point ``lat``/``lon``), and the best estimate of where it happened with its radius
    (the displaced point of "30 km east of X", the eastern countryside of a capital rather
    than the capital it is coded to)."""

    toponym: Toponym | None
    name: str
    lat: float | None
    lon: float | None
    precision: int
    est_lat: float | None = None
    est_lon: float | None = None
    uncertainty_km: float | None = None


def in_span(toponyms: list[Toponym], start: int, end: int) -> list[Toponym]:
    """Location toponyms (places, borders, compass parts of a country such as
    "northern Iraq" and named regions with a point such as "Eastern Ghouta"; not
    demonyms or organisations) in a span."""
    return [t for t in toponyms if (t.kind in LOCATION_KINDS or t.relation == Relation.PART
                                    or (t.kind == Kind.REGION and t.lat is not None))
            and start <= t.start and t.end <= end]


_BORDER, _PLURAL_BORDER = lx.BORDER_WORDS[:2]  # "border", "borders"
_BORDERS = re.compile(rf"(?i)\b{_PLURAL_BORDER}\b")


def _border_name(surface: str) -> str:
    name = " ".join(surface.split())
    name = _BORDERS.sub(_BORDER, name)
    return name[0].upper() + name[1:] if name else name


# The preposition that puts the event at a toponym, across a possessive owner.
_PREPOSITION = re.compile(
    rf"\b{pt.group(lx.EVENT_AT)}\s+(?:the\s+)?"
    rf"(?:{pt.group(lx.EVENT_AT_UNITS)}\s+of\s+)?(?:[\w-]+(?:['’]s|s['’])\s+)?"
    rf"(?:{pt.group(lx.ARTICLES)}[- ])?$", re.IGNORECASE)  # "in al-Tabqa": the name after its article
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])\s+[A-Z]")


# "a regime soldier from Homs": where people come from, not where the event is.
_ORIGIN = re.compile(rf"\b(?:{'|'.join(ORIGIN_PEOPLE)})\s+(?:originally\s+)?from\s+(?:the\s+)?"
                     rf"(?:{pt.group(lx.CARDINALS)}\w*\s+)?$", re.IGNORECASE)
# "members of the Northa Popular Resistance": whose they are, not where the event is.
_AFFILIATION = re.compile(rf"\b(?:{'|'.join(AFFILIATION_PEOPLE)})\s+of\s+(?:the\s+)?$", re.IGNORECASE)

# "..., likely in the Zawra area", "likely near Westa": the coder's guess of the scene.
_LIKELY = re.compile(
    rf"\b{pt.group(lx.LIKELY_SCENE)}\s+(?:{pt.group(lx.EVENT_AT)}\s+)?(?:the\s+)?"
    rf"(?:{pt.group(sorted(lx.ARTICLES))}-)?$", re.IGNORECASE)


def _score(text: str, toponym: Toponym, clause_start: int) -> float:
    before = text[clause_start: toponym.start]
    after = text[toponym.end: toponym.end + 40]
    score = 0.0
    if _ORIGIN.search(before) or _AFFILIATION.search(before):
        score -= 2
    elif _PREPOSITION.search(before):
        score += 2
    if _LIKELY.search(before):
        score += 2  # the coder's guess after a coarser scene
    if _POSSESSIVE.match(text, toponym.end):
        score -= 3  # "in Basra's Qurna district": Basra only says where Qurna is
    if _is_dateline(text, toponym):
        score -= 5
    if _ROAD_NAME.match(after) or _ROAD_TAIL.search(before) and not _ARTICLE_AFTER_PREPOSITION.search(before):
        score -= 4
    if toponym.kind == Kind.BORDER:
        score -= 2
    if _REGION_AFTER.match(after) or _is_region(toponym):
        score -= 1
    if toponym.place is not None or toponym.lat is not None:
        score += 1  # a place with a point locates the event; an unknown name alone does not
    # Earlier mentions win ties: the event place usually comes first.
    return score - toponym.start / 100000


def _is_dateline(text: str, toponym: Toponym) -> bool:
    """"BASRA - ..." or "KIRKUK (Agency) - ...": where the report was filed, not the event."""
    line_start = text.rfind("\n", 0, toponym.start) + 1
    if text[line_start: toponym.start].strip():
        return False
    return bool(re.match(r"\s*(?:\([^)]{0,60}\)\s*)?[-–—/:]", text[toponym.end: toponym.end + 70]))


def _is_region(toponym: Toponym) -> bool:
    place = toponym.place
    return place is not None and place.feature_code.upper().startswith(_REGION_CODES)


def _precision(text: str, toponym: Toponym, clause_start: int) -> int:
    before = text[max(clause_start, toponym.start - 80): toponym.start]
    after = text[toponym.end: toponym.end + 40]
    if toponym.kind in (Kind.BORDER, Kind.REGION) or _REGION_AFTER.match(after) \
            or _REGION_BEFORE.search(before):
        return 3
    if _is_region(toponym):
        return 3
    if _NEAR_BEFORE.search(before) or _AREA_AFTER.match(after) or _NATURAL_BEFORE.search(before):
        return 2
    return 1


Seats = Callable[[Candidate], Candidate | None]


def seat_of_area(toponym: Toponym, seats: Seats | None = None) -> Toponym:
    """The toponym re-resolved to the seat of the administrative area it resolved to.

    A district or sub-district centroid can lie 10-50 km from its town ("Daquq" the
    district vs the town), which is where ACLED codes an event in the area: a town of the
    area's name inside its outline, else one of about the name's score near its centroid. A
    governorate is coded, as ACLED does, to its capital (``seats``: the gazetteer's
    capital of a governorate), never to its centroid in the desert; without ``seats`` only
    a candidate that is itself a governorate seat replaces it. Anything else is returned
    unchanged.
    """
    place = toponym.place
    if place is None:
        return toponym
    code = place.feature_code.upper()
    if code.startswith("ADM1") and seats is not None:
        capital = seats(place)
        if capital is not None:
            return replace(toponym, place=capital)
    if not toponym.candidates or toponym.relation == Relation.PART:
        return toponym  # "western Anbar" is a part of the governorate, not its seat
    if code.startswith("ADM1"):
        wanted = _PROVINCE_SEAT_CODES
    elif code.startswith(_AREA_CODES):
        wanted = ("PPL",)
    else:
        return toponym
    own = next((score for candidate, score in toponym.candidates if candidate == place), None)
    if own is None:
        own = toponym.candidates[0][1]
    for candidate, score in toponym.candidates:  # best first
        if not candidate.feature_code.upper().startswith(wanted) or candidate.country != place.country:
            continue
        # A town of the area's name inside the area's outline is its seat, however far from
        # the centroid ("Menbij countryside": Manbij, 52 km north of its district's centre).
        if place.area and place.area in candidate.within or (
                score >= _SEAT_MIN_SCORE * own
                and haversine_km(candidate.lat, candidate.lon, place.lat, place.lon) <= _SEAT_KM):
            return replace(toponym, place=candidate)
    return toponym


def _estimate(toponym: Toponym) -> tuple[float | None, float | None, float | None]:
    """The best estimate of where an event at the toponym happened: the point the text's
    relation displaces it to, with its radius (relate.py)."""
    return toponym.event_lat, toponym.event_lon, toponym.uncertainty_km


def _as_written(text: str, start: int, end: int) -> str:
    """A phrase of the text as a location's name: blanks folded, the first letter a capital
    ("northern Hama" -> "Northern Hama")."""
    name = " ".join(text[start:end].split())
    return name[:1].upper() + name[1:]


def _part_location(text: str, toponym: Toponym, seats: Seats | None) -> Location:
    """"northern Iraq", "the western Deir ez-Zor countryside": a region (3), named as
    written. A governorate's part is coded, as ACLED does, to its capital; a country's to
    the part's point. The part's point is the estimate either way."""
    name = _as_written(text, qualifier_start(text, toponym), toponym.end)
    estimate = _estimate(toponym)
    seat = seat_of_area(toponym, seats).place if toponym.place is not None else None
    if seat is not None and seat is not toponym.place:
        return Location(toponym, name, seat.lat, seat.lon, 3, *estimate)
    return Location(toponym, name, toponym.event_lat, toponym.event_lon, 3, *estimate)


def _from_toponym(toponym: Toponym, precision: int, estimate: Toponym | None = None) -> Location:
    """The location coded to a toponym (``toponym``, maybe re-resolved to a seat), estimated
    by the toponym the text named (``estimate``, the same by default)."""
    place, named = toponym.place, estimate or toponym
    name = _border_name(toponym.text) if toponym.kind == Kind.BORDER else toponym.text
    est = _estimate(named)
    if place is not None:
        if est[0] is None:
            est = (place.lat, place.lon, None)
        elif _area_point(est, named, place):
            est = (place.lat, place.lon, est[2])
        elif _district_for_seat(named, place):
            # "western Menba countryside", coded at the district's seat: the countryside of
            # the seat in that direction, not of the district's centroid.
            est = (est[0] + place.lat - named.place.lat, est[1] + place.lon - named.place.lon, est[2])
        return Location(toponym, name, place.lat, place.lon, precision, *est)
    # A named region's point, or the geoparser's fallback for an unknown name inside a
    # known one ("Sheikh X neighbourhood of Aleppo"): as vague as the geoparser says.
    vaguer = toponym.geo_precision if toponym.lat is not None and toponym.geo_precision else 0
    return Location(toponym, name, toponym.lat, toponym.lon, max(precision, vaguer), *est)


# "X in the eastern countryside of Aleppo", "X in the north-western Hama countryside".
_DIRS = rf"({pt.words(lx.POLES)})?(?:[- ]?({pt.words(lx.SIDES)}))?(?:{lx.ADJECTIVE_ENDING})?"
_COUNTRYSIDE_OF = re.compile(rf"\b{_DIRS}[ \t]+{lx.COUNTRYSIDE}[ \t]+of[ \t]+(?:the[ \t]+)?$", re.I)
_COMPASS_BEFORE = re.compile(rf"\b{_DIRS}[ \t]+$", re.I)
_COUNTRYSIDE_AFTER = re.compile(rf"[ \t]+{lx.COUNTRYSIDE}\b", re.I)


_TOWN_AFTER = re.compile(rf"[ \t]+{pt.group(lx.SETTLEMENTS)}\b", re.I)
_QUARTER_AFTER = re.compile(rf"[ \t]+{pt.group(lx.QUARTER_HEADS)}\b", re.I)


def _in_compass_countryside(text: str, named: Toponym, container: Toponym, located: Location,
                            areas: AreaGrid | None) -> Location:
    """An unknown place (``named``) the text puts in a compass part of a town or of its
    countryside ("X village in northern Afrin", "X in the eastern Hama countryside"; not a
    quarter of the town, "X neighbourhood in eastern Aleppo", nor "in northern Y city"):
    estimated where that countryside lies, as a governorate's part is (resolve/:
    PART_OFFSET_KM from the town in that direction, less where that would leave the
    town's governorate by the loaded outlines, ``areas``)."""
    if container.relation == Relation.PART:
        return located  # a governorate's part is the geoparser's (resolve/)
    before = text[max(0, container.start - 40):container.start]
    m = _COUNTRYSIDE_OF.search(before)
    if m is None and (_COUNTRYSIDE_AFTER.match(text, container.end) or (
            not _TOWN_AFTER.match(text, container.end) and not _QUARTER_AFTER.match(text, named.end))):
        m = _COMPASS_BEFORE.search(before)
    if m is None or not (m.group(1) or m.group(2)) or located.lat is None:
        return located
    pole, side = m.group(1), m.group(2)
    direction = compass_code(pole, side) if pole else compass_code(side, None)
    seat = located.toponym.place if located.toponym is not None else None
    area = seat.within[0] if seat is not None and seat.within else ""
    lat, lon = part_point(located.lat, located.lon, direction, areas, area)
    name = _as_written(text, container.start - len(before) + m.start(), container.end)
    return replace(located, name=name, est_lat=lat, est_lon=lon, uncertainty_km=PART_RADIUS_KM)


def _area_point(est: tuple, named: Toponym, coded: Candidate) -> bool:
    """Whether the estimate is only an administrative area's own point, its outline's
    centre (Rural Damascus's lies in the desert, 90 km from Duma): the seat the event is
    coded to is the better estimate, as vague as the area ("X village in Rural Damascus",
    "Homs countryside"; not "the eastern Idlib countryside", which a relation displaces)."""
    area = named.place
    return (coded.feature_class != "A" and area is not None and area.feature_class == "A"
            and _same_point(est[0], est[1], area))


def _district_for_seat(named: Toponym, coded: Candidate) -> bool:
    """A district or sub-district the text names, coded at its seat (seat_of_area)."""
    area = named.place
    return (area is not None and area.feature_code.upper().startswith(_AREA_CODES)
            and coded.feature_class != "A")


def _same_point(lat: float | None, lon: float | None, place: Candidate) -> bool:
    return lat is not None and abs(lat - place.lat) < 1e-5 and abs(lon - place.lon) < 1e-5


def _resolved_anchor(text: str, toponym: Toponym, others: list[Toponym]) -> Toponym | None:
    """A resolved place an unresolved one is stated to be in ("Ain Al-Jahsh area in Mosul")."""
    for other in others:
        if other.place is None or other.start <= toponym.end:
            continue
        if _IN_ANCHOR.match(text[toponym.end: other.start]):
            return other
    return None


def _natural_anchor(text: str, toponym: Toponym, others: list[Toponym]) -> Toponym | None:
    """The town a natural feature is stated to lie near, when the feature's own reading
    is a namesake far from it (a range named like a village 140 km away)."""
    place = toponym.place
    head = _NATURAL_AFTER.match(text, toponym.end)
    if place is None or head is None:
        return None
    for other in others:
        if other.place is None or other.start <= head.end() or other.kind != Kind.PLACE:
            continue
        if _NATURAL_LINK.match(text[head.end(): other.start]):
            far = haversine_km(place.lat, place.lon, other.place.lat, other.place.lon) > _NATURAL_ANCHOR_KM
            return other if far else None
    return None


def event_toponym(text: str, found: list[Toponym], clause_start: int) -> Toponym:
    """The toponym an event is at: the best-scored one, where a place the text puts in
    another is finer than its container ("X village in the countryside of Y in Z": X, or
    its container's point when X is unknown), so a container only wins when nothing it
    holds is named."""
    stated = containers(text, found)
    holders = {id(c.toponym) for i, c in stated.items() if firm_container(text, c, found[i])}
    return max(found, key=lambda t: _score(text, t, clause_start) - (3 if id(t) in holders else 0))


_RELATIVE = frozenset({Relation.NEAR, Relation.OUTSKIRTS, Relation.DIRECTION, Relation.DISTANCE})


def _relative_town(toponym: Toponym, found: list[Toponym]) -> Toponym | None:
    """The first known town after an unknown name that the text states a place near, or
    in a direction of ("... south of Burja", "near Burja")."""
    return next((t for t in found if t.start > toponym.end and t.relation in _RELATIVE
                 and t.place is not None and t.place.feature_class == "P"), None)


def _governorate_level(anchor: Toponym) -> bool:
    """A governorate, a part of one, or a governorate's seat standing for it."""
    return _is_governorate(anchor) or anchor.relation == Relation.PART or (
        anchor.place is not None and anchor.place.feature_code in _PROVINCE_SEAT_CODES)


def _known_container(text: str, toponym: Toponym, found: list[Toponym]) -> Toponym | None:
    """The nearest resolved place the text puts an unresolved one in, up its chain of
    stated containers ("X in the countryside of Y in Z", Y unknown: Z)."""
    stated = containers(text, found)
    position = {id(t): i for i, t in enumerate(found)}
    i, seen = position.get(id(toponym)), set()
    while i is not None and i in stated and i not in seen:
        seen.add(i)
        holder = stated[i].toponym
        if holder.place is not None:
            return holder
        i = position.get(id(holder))
    return _resolved_anchor(text, toponym, found)


def _has_point(toponym: Toponym) -> bool:
    """A place or region with a point (a group named after a town is neither)."""
    return (toponym.kind in LOCATION_KINDS or toponym.kind == Kind.REGION) and (
        toponym.place is not None or toponym.lat is not None)


def _stated_scene(text: str, toponym: Toponym, clause_start: int) -> bool:
    """A region, a part or a relation the text states ("in northern Hama", "near X"), or
    a name right after a preposition of place ("in X")."""
    return bool(toponym.relation or toponym.kind == Kind.REGION
                or _PREPOSITION.search(text, clause_start, toponym.start))


def _is_governorate(toponym: Toponym) -> bool:
    place = toponym.place
    return toponym.kind == Kind.REGION or (
        place is not None and place.feature_code.upper().startswith("ADM1"))


def locate(
    text: str,
    *,
    span: tuple[int, int],
    toponyms: list[Toponym],
    previous_span: tuple[int, int] | None = None,
    previous_location: Location | None = None,
    seats: Seats | None = None,
    areas: AreaGrid | None = None,
) -> Location | None:
    """The location of the event in `span` of `text`, or None when nothing locates it.

    The finest place the text ties to the event wins: a known village; else the place an
    unknown one is stated to be in (up the chain of containers; in a compass part of it,
    that part, kept in its governorate by ``areas``); a governorate is coded, as ACLED
    does, to its capital (``seats``) at precision 3; an unknown name tied to nothing gives
    way to the finest place the clause states as the scene, else to the known place the
    clause names closest to it (precision 2 at best). Falls back to the nearest
    resolved place of the previous sentence of the same paragraph (`previous_span`),
    then, when the clause points back ("in the town"), to the previous incident's
    location, both at precision 2.
    """
    start, end = span
    found = in_span(toponyms, start, end)
    if found:
        best = event_toponym(text, found, start)
        located = locate_at(text, best, found, start, seats, areas)
        if located.lat is None:
            # An unknown name the text ties to nothing known ("X village and its fields
            # in northern Hama"): the finest place of the clause that has a point and that
            # the clause puts the event in (not a word of a group's name).
            placed = [t for t in found if _has_point(t) and _stated_scene(text, t, start)]
            if placed:
                return locate_at(text, event_toponym(text, placed, start), placed, start, seats, areas)
            # Nor in a stated scene ("near X in the vicinity of Y", "X, which lies near Y",
            # "captured X and advanced on Y"): the known place the clause names closest to
            # it, nearby at best (precision 2, or 3 for a governorate).
            known = [t for t in found if _has_point(t) and t.kind in LOCATION_KINDS]
            if known:
                nearest = min(known, key=lambda t: abs(t.start - best.start))
                near = locate_at(text, nearest, known, start, seats, areas)
                return replace(near, precision=max(2, near.precision))
        return located
    if previous_span is not None:
        resolved = [t for t in in_span(toponyms, *previous_span) if t.place is not None]
        if resolved:
            # The finest place the previous sentence ties its event to ("in Samarra city,
            # Saladin governorate. The helicopter crashed, killing two": Samarra).
            before = event_toponym(text, resolved, previous_span[0])
            seat = seat_of_area(before, seats)
            precision = 3 if _is_governorate(before) else max(2, _precision(text, seat, 0))
            return _from_toponym(seat, precision, before)
    if previous_location is not None and _ANAPHOR.search(text[start:end]):
        return replace(previous_location, precision=max(2, previous_location.precision))
    return None


def locate_at(text: str, best: Toponym, found: list[Toponym], clause_start: int,
              seats: Seats | None = None, areas: AreaGrid | None = None) -> Location:
    """The location of an event at ``best``, one of the toponyms ``found`` in its clause
    (which starts at ``clause_start``): a part of a governorate coded to its capital, a
    natural feature placed by its anchor, an unknown name by the nearest known place it is
    stated to be in, a governorate at its capital (precision 3), else the place itself."""
    if best.relation == Relation.PART:
        return _part_location(text, best, seats)
    anchor = _natural_anchor(text, best, found)
    if anchor is not None:
        return _from_toponym(seat_of_area(anchor, seats), 2)
    seat = seat_of_area(best, seats)
    if best.place is None and best.kind != Kind.BORDER:
        anchor = _known_container(text, best, found)
        town = _relative_town(best, found)
        if town is not None and (anchor is None or _governorate_level(anchor)):
            # "X village in the eastern countryside of Westa, south of Burja": the town the
            # text puts the unknown place near is finer than the governorate it names.
            near = locate_at(text, town, found, clause_start, seats, areas)
            return replace(near, precision=max(2, near.precision))
        if anchor is not None:
            precision = 3 if _is_governorate(anchor) else 2
            # The unknown name's point, unless it is only an area's own point, of the
            # container or of another reading of its name ("X quarter in Westa city" read
            # at the Westa governorate's centre): then the container's, as vague as X.
            area_point = best.event_lat is not None and any(
                c.feature_class == "A" and _same_point(best.event_lat, best.event_lon, c)
                for c in (anchor.place, *(c for c, _ in anchor.candidates)))
            estimate = best if best.event_lat is not None and not area_point else anchor
            at_seat = _from_toponym(seat_of_area(anchor, seats), precision, estimate)
            if area_point and best.uncertainty_km and at_seat.uncertainty_km is not None:
                at_seat = replace(at_seat, uncertainty_km=max(at_seat.uncertainty_km, best.uncertainty_km))
            located = _in_compass_countryside(text, best, anchor, at_seat, areas)
            if anchor.relation == Relation.PART or located is not at_seat:
                # A village the text names in a compass part ("X village in northern Hama",
                # "X in the eastern countryside of Aleppo") is in that part, not at its
                # town: coded there, and named so (ACLED codes the village; only a part
                # named alone goes to the capital, _part_location).
                name = located.name if located is not at_seat else _as_written(
                    text, qualifier_start(text, anchor), anchor.end)
                located = replace(located, name=name, lat=located.est_lat, lon=located.est_lon)
            return located
        if best.lat is None:
            # "between Amarliya and Sulayman Beg", "in X and Y villages": the known place
            # the text names with the unknown one is where the event is, nearly.
            partner = next((t for t in coordinated(text, found, best).members if t.place is not None),
                           None)
            if partner is not None:
                near = locate_at(text, partner, found, clause_start, seats, areas)
                return replace(near, precision=max(2, near.precision))
    precision = 3 if _is_governorate(best) else _precision(text, seat, clause_start)
    if seat.relation == Relation.ROAD:
        precision = max(precision, 2)  # "on the Palmyra-Deir ez-Zor road": along it
    if best.place is not None and any(
        t is not best and _resolved_anchor(text, t, [best]) is best for t in found
    ):
        precision = max(precision, 2)  # a part of the town, named by a smaller place
    return _from_toponym(seat, precision, best)
