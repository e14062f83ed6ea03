"""The score of a candidate: name-match quality, feature code, population, country context,
coherence with the document's anchors, containment stated in the text; and a stray
namesake's test. Pure arithmetic over Candidates (resolve/__init__.py runs the passes)."""

import math

from .. import vocab as lx
from ..containers import Container
from ..gazindex import GazetteerIndex
from ..geodesy import trig as point_trig
from ..geodesy import trig_distance_km as _trig_distance_km
from ..normalize import name_key
from ..types import Candidate, Kind, Toponym

# The parts of a candidate's score, each in [0, 1], and their weights: fitted on the dev
# notes' older split by eval/fit_resolver.py (which prints this table), not set by hand.
FEATURES = ("name", "feature", "population", "country", "coherence", "containment")
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
    return _trig_distance_km(trig(a), trig(b))


def trig(c: Candidate) -> tuple[float, float, float]:
    """(latitude, longitude in radians, cosine of the latitude) of a candidate: what
    distance_km computes of each point, computed once per anchor or candidate."""
    return point_trig(c.lat, c.lon)


def _radius_km(c: Candidate) -> float:
    """How far from a container's point a contained place may lie."""
    if c.feature_code in ("PCLI", "PCL"):
        return 600.0
    if c.feature_code == "ADM1" or c.feature_class == "A":
        return 150.0
    if c.feature_code in ("PPLC", "PPLA") or c.population > 200_000:
        return 35.0
    return 20.0


def _static_parts(t: Toponym, c: Candidate, countries: dict[str, int], total: int, naming: int,
                  admin_named: bool = False, alternate_only: bool = False) -> tuple[float, ...]:
    """The score parts that do not depend on the anchors, each in [0, 1]: name-match
    quality, feature code, population and country context (``total``: the country
    mentions of the document; ``naming``: see _naming; ``alternate_only``: c matched
    through an alternate name only, while another candidate matched through its own)."""
    prior = _COUNTRY_PRIOR.get(c.country, 0.3)
    country = 0.5 * prior + 0.5 * countries.get(c.country, 0) / total if total else prior
    feature = _FEATURE.get(c.feature_code, _CLASS.get(c.feature_class, 0.3))
    if c.feature_code in _HISTORICAL:
        feature = 0.1
    if t.kind == Kind.COUNTRY:
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
    return name, feature, population, country


_W_NAME, _W_FEATURE, _W_POPULATION, _W_COUNTRY = (WEIGHTS[f] for f in FEATURES[:4])


def _static_base(*args, **kwargs) -> float:
    """The weighted sum of _static_parts, added left to right (as sum() did, without its
    generator and zip for each candidate)."""
    name, feature, population, country = _static_parts(*args, **kwargs)
    return _W_NAME * name + _W_FEATURE * feature + _W_POPULATION * population + _W_COUNTRY * country


def _contained(c: Candidate, container: Container) -> bool:
    area, extra = container.toponym, container.radius
    if c.admin1 and name_key(c.admin1) == name_key(area.text):
        return True
    # "X, Nineveh province": only the governorate itself can contain X, not a town that
    # happens to have "Nineveh" among its alternate names.
    units = [u for u, _ in area.candidates if u.feature_class == "A"] if extra >= 300 else [
        u for u, _ in area.candidates]
    return any(distance_km(c, u) <= max(_radius_km(u), extra) for u in units)


_EXACT, _PRIMARY, _ALTERNATE = 2, 1, 0  # how a surface names a candidate (_naming)


def _naming(surface: str, key: str, c: Candidate, index: GazetteerIndex) -> int:
    """How the surface names the candidate: one of its names as written (_EXACT), its
    primary name folded (_PRIMARY), or only an alternate name folded (_ALTERNATE)."""
    if index.is_exact(surface, c.place_id):
        return _EXACT
    return _PRIMARY if name_key(c.name) == key else _ALTERNATE


def bases(t, index, countries, container, admin_named=False):
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


def _coherence(c: Candidate, anchors) -> float:
    """How close c lies to the document's anchors (0.5 without any but itself)."""
    own, place_id = trig(c), c.place_id
    near = [math.exp(-_trig_distance_km(own, trig) / 150.0) for anchor_id, trig in anchors
            if anchor_id != place_id]
    return 0.5 * max(near) + 0.5 * sum(near) / len(near) if near else 0.5


def features(t, index, countries, container, anchors, admin_named=False):
    """(candidate, the six score parts of FEATURES) of each candidate of ``t`` that is
    scored (not an analyst alias): what the weights are fitted on (eval/fit_resolver.py)."""
    key = name_key(t.text)
    total = sum(countries.values())
    naming = {c.place_id: _naming(t.text, key, c, index) for c, _ in t.candidates}
    own_named = any(naming.values())
    out = []
    for c, _ in t.candidates:
        if index.is_alias(key, c.place_id):
            continue
        named = naming[c.place_id]
        parts = _static_parts(t, c, countries, total, named, admin_named,
                              own_named and named == _ALTERNATE)
        inside = 0.5 if container is None else float(_contained(c, container))
        out.append((c, (*parts, _coherence(c, anchors) if anchors else 0.5, inside)))
    return out


def score(bases, anchors):
    """(candidate, score) pairs of one toponym, best first (``anchors``: (place id, _trig)
    of each anchor)."""
    scored = []
    for c, base, containment in bases:
        if base is None:
            scored.append((c, 1.0))
            continue
        coherence = _coherence(c, anchors) if anchors else 0.5
        total = base + _W_COHERENCE * coherence + _W_CONTAINMENT * containment
        scored.append((c, round(min(total, 0.99), 4)))
    if len(scored) > 1:
        scored.sort(key=_score_key)
    return scored


def confidence(scored: list[tuple[Candidate, float]]) -> float:
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


def stray(c: Candidate, anchors: list, anchor_of: dict[int, Candidate]) -> bool:
    """Whether c is a stray namesake (``anchors``: (place id, _trig) of the toponym's
    anchors; ``anchor_of``: the anchor Candidates, by toponym position)."""
    if (not anchors or c.population >= _STRAY_POPULATION or c.feature_class == "A"
            or c.feature_code in _SEATS):
        return False
    ids = {place_id for place_id, _ in anchors}
    countries = {a.country for a in anchor_of.values() if a.place_id in ids}
    if len(countries) != 1 or c.country in countries:
        return False
    own = trig(c)
    return all(_trig_distance_km(own, trig) > _STRAY_KM for _, trig in anchors)


# A namesake across the border: the document speaks of one of the two mapped countries
# only (its demonyms, country names and, from the caller, its actors: "regime forces",
# the SDF), and every reading of a name is a village or town of the other ("regime
# forces shelled Yarmouk camp": the gazetteer knows only a Baghdad quarter). A capital
# or a governorate is known well enough to stand, and so is a place near the border
# (Baghuz's namesake lies a few km across it).
_FOCUS = frozenset(lx.FOCUS_COUNTRIES)


_KNOWN = frozenset({"PPLC", "PPLA", "ADM1"})


def foreign(c: Candidate, bases, countries: dict[str, int], near_border: frozenset[int]) -> bool:
    """Whether c is a namesake across the border (``bases``: the toponym's (candidate,
    base, containment) triples; ``countries``: the document's mentions by country;
    ``near_border``: GazetteerIndex.near_border)."""
    if (c.country not in _FOCUS or countries.get(c.country) or c.feature_code in _KNOWN
            or c.place_id in near_border):
        return False
    spoken = {code for code in _FOCUS if countries.get(code)}
    return bool(spoken) and not any(cand.country in spoken for cand, _, _ in bases)
