"""Choose a gazetteer candidate for each toponym, using the whole document as context.

Each candidate gets a weighted score in [0, 1] from: name-match quality, feature code,
population, country context (IQ/SY first; demonyms, country and border mentions raise
their country), spatial coherence with the document's unambiguous places, and
containment stated in the text ("X in Mosul", "X, Nineveh"). An analyst alias wins
outright. Two passes: the first picks anchors without coherence, the second uses them.
"""

import math
import re

from . import vocab as lx
from .containers import Container, containers
from .context import is_strong
from .gazindex import GazetteerIndex
from .normalize import fold_keys, name_key
from .parts import apply_parts
from .text import Document
from .types import Candidate, Kind, Relation, Toponym
from .vocab import patterns as pt

BORDER_ADJECTIVES, COUNTRY_POINTS = lx.BORDER_ADJECTIVES, lx.COUNTRY_POINTS
REGION_POINTS = fold_keys(lx.REGION_POINTS_BY_NAME)

TOP_N = 5
RESOLVABLE = frozenset({Kind.PLACE, Kind.ORGANISATION, Kind.COUNTRY, Kind.REGION})
_SCORED = RESOLVABLE - {Kind.COUNTRY}
_PLACE, _COUNTRY, _REGION, _BORDER = Kind.PLACE, Kind.COUNTRY, Kind.REGION, Kind.BORDER

WEIGHTS = {"name": 0.10, "feature": 0.15, "population": 0.15, "country": 0.15,
           "coherence": 0.25, "containment": 0.20}
_FEATURE = {"PPLC": 1.0, "PPLA": 0.9, "ADM1": 0.85, "PCLI": 0.85, "PPLA2": 0.75,
            "ADM2": 0.7, "PPLA3": 0.65, "ADM3": 0.6, "PPLA4": 0.6, "PPL": 0.5, "PPLX": 0.45}
_CLASS = {"P": 0.45, "A": 0.6}
_HISTORICAL = frozenset({"PPLW", "PPLQ", "PPLH", "PPLCH"})  # destroyed, abandoned, historical
# The prior of a candidate's country: the two countries mapped, their neighbours, others 0.3.
_ROLE_PRIOR = {lx.Role.FOCUS: 1.0, lx.Role.NEIGHBOUR: 0.6}
_COUNTRY_PRIOR = {c.iso: _ROLE_PRIOR[c.role] for c in lx.COUNTRY_RECORDS if c.role in _ROLE_PRIOR}
def distance_km(a: Candidate, b: Candidate) -> float:
    """Great-circle distance between two candidates."""
    return _trig_distance_km(_trig(a), _trig(b))


def _trig(c: Candidate) -> tuple[float, float, float]:
    """(latitude, longitude in radians, cosine of the latitude) of a candidate: what
    distance_km computes of each point, computed once per anchor or candidate."""
    lat = math.radians(c.lat)
    return lat, math.radians(c.lon), math.cos(lat)


def _trig_distance_km(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """distance_km of two candidates from their _trig values (computed once per point
    when one point is measured against many)."""
    lat1, lon1, cos1 = a
    lat2, lon2, cos2 = b
    h = math.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _radius_km(c: Candidate) -> float:
    """How far from a container's point a contained place may lie."""
    if c.feature_code in ("PCLI", "PCL"):
        return 600.0
    if c.feature_code == "ADM1" or c.feature_class == "A":
        return 150.0
    if c.feature_code in ("PPLC", "PPLA") or c.population > 200_000:
        return 35.0
    return 20.0


_COUNTRY_KINDS = frozenset({Kind.COUNTRY, Kind.DEMONYM, Kind.REGION})


def _document_countries(toponyms: list[Toponym], index: GazetteerIndex) -> dict[str, int]:
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


# "Nineveh province" names the governorate; so does "the Idlib countryside" (Arabic rif:
# the governorate's land around its capital). "Rutba district" is coded, as ACLED and
# UCDP do, to the district's seat town, which shares its name (geo_precision 3).
_ADMIN_AFTER = re.compile(
    rf"[ \t]+{pt.group(w for w, area in lx.AREA_WORDS.items() if area.admin)}\b", re.I)


def _static_base(t: Toponym, c: Candidate, countries: dict[str, int], total: int, naming: int,
                 admin_named: bool = False, alternate_only: bool = False) -> float:
    """The weighted sum of the score parts that do not depend on the anchors: name-match
    quality, feature code, population and country context (``total``: the country
    mentions of the document; ``naming``: see _naming; ``alternate_only``: c matched
    through an alternate name only, while another candidate matched through its own)."""
    prior = _COUNTRY_PRIOR.get(c.country, 0.3)
    country = 0.5 * prior + 0.5 * countries.get(c.country, 0) / total if total else prior
    feature = _FEATURE.get(c.feature_code, _CLASS.get(c.feature_class, 0.3))
    if c.feature_code in _HISTORICAL:
        feature = 0.1
    if t.kind == _COUNTRY:
        feature = 1.0 if c.feature_code.startswith("PCL") else 0.2
    elif c.feature_class == "A" and (admin_named or c.feature_code != "ADM1"):
        # A district or sub-district shares its name with its seat: "Hammam Al-Alil"
        # alone is the town, "Hammam Al-Alil sub-district" the area.
        feature = 1.0 if admin_named else 0.2
    elif admin_named:
        feature *= 0.5
    population = min(1.0, math.log10(c.population + 1) / 7.0)
    if alternate_only:
        # A big town's historic or foreign alternate name must not outweigh the place
        # that bears the name ("Nineveh": Karbala's historic "Nainawa" folds alike).
        population = 0.0
    if admin_named:
        # "Nineveh province" names an area: a town's population (Karbala, whose historic
        # alternate "Nainawa" folds like Nineveh) must not outweigh it; areas carry none.
        population = 1.0 if c.feature_class == "A" else 0.0
    name = 1.0 if naming == _EXACT else 0.4 if alternate_only else 0.7
    return (WEIGHTS["name"] * name + WEIGHTS["feature"] * feature
            + WEIGHTS["population"] * population + WEIGHTS["country"] * country)


def _contained(c: Candidate, container: Container) -> bool:
    area, extra = container.toponym, container.radius
    if c.admin1 and name_key(c.admin1) == name_key(area.text):
        return True
    # "X, Nineveh province": only the governorate itself can contain X, not a town that
    # happens to have "Nineveh" among its alternate names.
    units = [u for u, _ in area.candidates if u.feature_class == "A"] if extra >= 300 else [
        u for u, _ in area.candidates]
    return any(distance_km(c, u) <= max(_radius_km(u), extra) for u in units)


_EXACT, _PRIMARY, _ALTERNATE = 2, 1, 0


def _naming(surface: str, key: str, c: Candidate, index: GazetteerIndex) -> int:
    """How the surface names the candidate: one of its names as written (_EXACT), its
    primary name folded (_PRIMARY), or only an alternate name folded (_ALTERNATE)."""
    if index.is_exact(surface, c.place_id):
        return _EXACT
    return _PRIMARY if name_key(c.name) == key else _ALTERNATE


def _bases(t, index, countries, container, admin_named=False):
    """(candidate, weighted sum of the parts that do not depend on the anchors or None for
    an analyst alias, containment) of each candidate: computed once, used by both passes."""
    key = name_key(t.text)
    total = sum(countries.values())
    naming = {c.place_id: _naming(t.text, key, c, index) for c, _ in t.candidates}
    own_named = any(naming.values())
    out = []
    for c, _ in t.candidates:
        if index.is_alias(key, c.place_id):
            out.append((c, None, 0.0))
            continue
        named = naming[c.place_id]
        alternate_only = own_named and named == _ALTERNATE
        base = _static_base(t, c, countries, total, named, admin_named, alternate_only)
        out.append((c, base, 0.5 if container is None else float(_contained(c, container))))
    return out


_W_COHERENCE, _W_CONTAINMENT = WEIGHTS["coherence"], WEIGHTS["containment"]


def _score_key(cs: tuple[Candidate, float]) -> tuple:
    return -cs[1], -cs[0].population, cs[0].place_id


def _score(bases, anchors):
    """(candidate, score) pairs of one toponym, best first (``anchors``: (place id, _trig)
    of each anchor)."""
    scored = []
    for c, base, containment in bases:
        if base is None:
            scored.append((c, 1.0))
            continue
        if anchors:
            own, place_id = _trig(c), c.place_id
            near = [math.exp(-_trig_distance_km(own, trig) / 150.0) for anchor_id, trig in anchors
                    if anchor_id != place_id]
            coherence = 0.5 * max(near) + 0.5 * sum(near) / len(near) if near else 0.5
        else:
            coherence = 0.5
        total = base + _W_COHERENCE * coherence + _W_CONTAINMENT * containment
        scored.append((c, round(min(total, 0.99), 4)))
    if len(scored) > 1:
        scored.sort(key=_score_key)
    return scored


def _confidence(scored: list[tuple[Candidate, float]]) -> float:
    if not scored:
        return 0.0
    top = scored[0][1]
    if len(scored) == 1:
        return top
    margin = top - scored[1][1]
    return round(top * min(1.0, 0.5 + margin / 0.2 * 0.5), 4)


# A stray namesake: the document's anchors all lie in one country, and the only reading
# of a name is a hamlet of another country hundreds of km from every one of them (demo
# "Rabia, close to the Syrian border" in a Mosul report: the default gazetteer knows only
# a Syrian village near Latakia, 600 km west). Placing it there would mislead more than
# leaving it for an analyst.
_STRAY_KM = 300.0
_STRAY_POPULATION = 10_000
_SEATS = frozenset({"PPLC", "PPLA", "PPLA2"})


def _stray(c: Candidate, anchors: list, anchor_of: dict[int, Candidate]) -> bool:
    """Whether c is a stray namesake (``anchors``: (place id, _trig) of the toponym's
    anchors; ``anchor_of``: the anchor Candidates, by toponym position)."""
    if (not anchors or c.population >= _STRAY_POPULATION or c.feature_class == "A"
            or c.feature_code in _SEATS):
        return False
    ids = {place_id for place_id, _ in anchors}
    countries = {a.country for a in anchor_of.values() if a.place_id in ids}
    if len(countries) != 1 or c.country in countries:
        return False
    own = _trig(c)
    return all(_trig_distance_km(own, trig) > _STRAY_KM for _, trig in anchors)


def _country_point(t: Toponym, index: GazetteerIndex, seen: dict) -> Toponym:
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


def resolve(text: str | Document, toponyms: list[Toponym], index: GazetteerIndex) -> list[Toponym]:
    """The toponyms with their candidates (best first, top 5), place and confidence."""
    doc = Document.of(text)
    text = doc.text
    countries = _document_countries(toponyms, index)
    # Countries take their country Place (below); the other kinds are scored.
    named = [i for i, t in enumerate(toponyms) if t.kind in _SCORED and t.candidates]
    containers_ = containers(text, toponyms, named)
    admin = {i for i in named if _ADMIN_AFTER.match(text, toponyms[i].end)}
    bases = {i: _bases(toponyms[i], index, countries, containers_.get(i), i in admin)
             for i in named}
    # First pass: only places and organisations can be anchors, so only they are scored.
    first = {i: _score(bases[i], []) for i in bases
             if toponyms[i].kind in _ANCHOR_KINDS}
    # Villages and neighbourhoods the text puts in or near a place none of their candidates
    # is near: no anchors, and maybe left to their container (_leave_to_container).
    stranded = [i for i, c in containers_.items() if toponyms[i].kind == _PLACE and (
        c.toponym.kind in _CONTAINER_KINDS and not any(
            base is None or inside or is_strong([cand]) for cand, base, inside in bases[i]))]
    anchor_of = {
        i: s[0][0] for i, s in first.items()
        if (len(s) == 1 or _confidence(s) >= 0.6) and i not in stranded
    }
    # Each anchor's key and point once: a toponym is never its own anchor (nor a namesake's).
    anchor_keys = [(name_key(toponyms[j].text), (a.place_id, _trig(a))) for j, a in anchor_of.items()]
    out = list(toponyms)
    for i in named:
        t = toponyms[i]
        own = name_key(t.text)
        anchors = [anchor for key, anchor in anchor_keys if key != own]
        # Without anchors the second pass scores as the first did (most documents).
        scored = tuple((_score(bases[i], anchors) if anchors or i not in first else first[i])[:TOP_N])
        place = scored[0][0] if scored else None
        confidence = _confidence(scored)
        if place is not None and i not in containers_ and _stray(place, anchors, anchor_of):
            place, confidence = None, 0.0  # left for review, candidates kept
        out[i] = t.resolved(scored, place, confidence, t.lat, t.lon)
    for i in stranded:
        container = containers_[i]
        out[i] = _leave_to_container(text, out[i], out[container.index], container)
    seen: dict = {}
    for i, t in enumerate(out):  # what has no candidates to score (a scored toponym keeps some)
        if t.kind == _COUNTRY:
            out[i] = _country_point(t, index, seen)
        elif t.kind == _REGION and not t.candidates and name_key(t.text) in REGION_POINTS:
            out[i] = t.resolved(t.candidates, t.place, 0.8, *REGION_POINTS[name_key(t.text)])
        elif t.kind == _PLACE and not t.candidates:
            out[i] = _inner_place(doc, t, index)
    return apply_parts(text, out, lambda t, direction: _part(t, direction, index))


_ANCHOR_KINDS = frozenset({Kind.PLACE, Kind.ORGANISATION})
_CONTAINER_KINDS = frozenset({Kind.PLACE, Kind.REGION})


def _leave_to_container(text: str, t: Toponym, area_toponym: Toponym, container: Container) -> Toponym:
    """A name the text puts in or near a resolved place ("the Waer district of Homs",
    "Waer in Homs", "Waer, Homs province") none of whose candidates lies within its reach
    (only an Iraqi village is called Waer) is no namesake far away: it is left unresolved,
    candidates kept, and relative.py places it at its container (relation "within"), as
    it does an unknown name. Only a village or a neighbourhood: a town ("Tal Afar, Anbar
    province", "Tikrit, north of Baghdad") is better known than a slip of the text. A bare
    comma states a container only when it is an area and no list goes on after it ("X,
    Nineveh"; not "Mosul, Diyala and Anbar")."""
    area = area_toponym.place  # the container as resolved
    if t.place is None or area is None:
        return t
    if container.how == "comma" and (area.feature_class != "A" or t.place.feature_code == "ADM1" or (
            _LIST_GOES_ON.match(text, area_toponym.end))):
        return t
    return t.resolved(t.candidates, None, 0.0, t.lat, t.lon)


_LIST_GOES_ON = re.compile(rf"[ \t]*(?:,|&|{lx.LIST_AND}[ \t])")


def _part(t: Toponym, direction: str, index: GazetteerIndex) -> tuple[float, float, float] | None:
    """A compass part of a country (by its code) or of a resolved governorate."""
    if t.kind == _PLACE:
        return index.part(t.place.place_id, direction)
    kind = index.kind(name_key(t.text))
    return index.part(kind[1], direction) if kind and kind[1] else None


def _inner_place(doc: Document, t: Toponym, index: GazetteerIndex) -> Toponym:
    """An unknown name that contains a town's name ("Old Mosul", "West Mosul") falls
    back to that town: relation "within", geo_precision 2, ``place`` stays None."""
    # Its words (an unknown name has no combining marks: its tokens are its words).
    words = [(s - t.start, e - t.start) for s, e in doc.tokens_in(t.start, t.end)]
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            sub = t.text[words[i][0]:words[i + size - 1][1]]
            cands = [c for c in index.candidates(name_key(sub)) if is_strong([c])]
            if cands:
                best = max(cands, key=lambda c: (c.population, -c.place_id))
                return t.related(Relation.WITHIN, sub, t.direction, t.distance_km, best.lat,
                                 best.lon, 10.0, 2, best.lat, best.lon)
    return t
