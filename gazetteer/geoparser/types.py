"""Value types shared by the geoparser and incident extraction: immutable typed records.

Stages never change a record; they return new ones. ``Toponym`` is built by every stage
for every name (recognition, resolution, relation), so besides its dataclass constructor
(keywords, defaults, checks: for callers) it has fast positional ones for the stages
(``Toponym.make``, ``resolved``, ``related``): see ``_fast_constructor``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum


class Kind(StrEnum):
    """What a toponym names; the values are the strings of the JSON contract."""

    PLACE = "place"
    COUNTRY = "country"
    DEMONYM = "demonym"  # "Iraqi": says which country, names no place
    BORDER = "border"  # "the Iraqi-Syrian border"
    ORGANISATION = "organisation"  # a place inside an organisation's name
    REGION = "region"  # "Nineveh Plains", "Kurdistan"


class Relation(StrEnum):
    """Where the event is relative to the named place (the toponym's ``relation``)."""

    SELF = ""  # the named place itself
    NEAR = "near"
    OUTSKIRTS = "outskirts"
    DIRECTION = "direction"  # "west of X"
    DISTANCE = "distance"  # "N km <direction> of X"
    BETWEEN = "between"
    ROAD = "road"
    WITHIN = "within"  # an unknown name inside a known one ("Old Mosul", "X area in Mosul")
    REGION = "region"  # the name's area: "western Mosul desert", "Nineveh province"
    PART = "part"  # a compass part of a country or governorate outline: "northern Iraq"
    GEOCODED = "geocoded"  # placed by the optional online geocoder


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a surface string may refer to."""

    place_id: int
    name: str
    lat: float
    lon: float
    feature_class: str = ""
    feature_code: str = ""
    country: str = ""
    population: int = 0
    admin1: str = ""
    # Administrative areas, by P-code, when outlines are loaded: the area the candidate is
    # (an OCHA governorate, district or sub-district, or a GeoNames admin point's own area)
    # and the governorate and district its point lies in. Containment tests use them.
    area: str = ""
    within: tuple[str, ...] = ()


Scored = tuple[tuple[Candidate, float], ...]


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in a text, with the place it was resolved to (or None).

    The optional fields after ``confidence`` describe what the text says around the
    name; they default to "nothing said":

    - ``lat``/``lon``: the point of a name that is no gazetteer Place (a country from
      the vocabulary), or of an unknown name that fell back to the known place the text
      puts it in ("Ain Al-Jahsh area in Mosul" -> Mosul); ``place`` stays None.
    - ``relation``: see ``Relation``; ``anchor``: the text of the toponym a relation is
      measured from (itself, or the known container of an unknown name); ``direction`` a
      compass point ("SW"); ``distance_km`` the stated distance.
    - ``event_lat``/``event_lon``: the displaced point (geodesic) the relation points
      at, ``uncertainty_km`` its radius, ``geo_precision`` ACLED 1/2/3.
    """

    start: int
    end: int
    text: str
    kind: Kind = Kind.PLACE
    candidates: Scored = ()  # best first
    place: Candidate | None = None
    confidence: float = 0.0
    lat: float | None = None
    lon: float | None = None
    relation: Relation = Relation.SELF
    anchor: str = ""
    direction: str = ""
    distance_km: float | None = None
    event_lat: float | None = None
    event_lon: float | None = None
    uncertainty_km: float | None = None
    geo_precision: int | None = None

    def __post_init__(self) -> None:
        # Callers may pass plain strings and lists (the JSON contract's values): store the
        # typed values, so every stage compares enum members and never mutates a list.
        if type(self.kind) is not Kind:
            object.__setattr__(self, "kind", Kind(self.kind))
        if type(self.relation) is not Relation:
            object.__setattr__(self, "relation", Relation(self.relation))
        if type(self.candidates) is not tuple:
            object.__setattr__(self, "candidates", tuple(self.candidates))

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon) of the named place: the resolved Place, else the fallback point."""
        if self.place is not None:
            return self.place.lat, self.place.lon
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon
        return None

    # make, resolved and related: generated below (_fast_constructor).


def _draft_class(cls: type) -> type:
    """A plain class with the slots of a frozen slots dataclass (see _fast_constructor)."""
    return type(f"_{cls.__name__}Draft", (), {"__slots__": tuple(f.name for f in fields(cls))})


def _fast_constructor(cls: type, draft: type, params: str, values: dict[str, str]) -> object:
    """A constructor of a frozen slots dataclass that skips its __init__: ``params`` its
    parameters, ``values`` the expression of each field that is not ``self.<field>``.

    A frozen dataclass sets each field through object.__setattr__: about 2 us for
    Toponym's 17 fields, several times per name and stage, a tenth of the geoparser's
    time. This builds a plain slots object of the same layout (one ordinary attribute
    store per field), then gives it the frozen class: a real instance, equal to the one
    __init__ builds from the same values (tests/geoparser/test_types.py), in a sixth of
    the time. Callers pass typed values (what __post_init__ would convert). Generated from
    the dataclass's fields, as dataclasses generates __init__, so no field is forgotten.
    """
    body = "".join(f"    t.{f.name} = {values.get(f.name, 'self.' + f.name)}\n" for f in fields(cls))
    source = f"def new({params}):\n    t = _Draft()\n{body}    t.__class__ = _Cls\n    return t\n"
    namespace = {"_Draft": draft, "_Cls": cls, "_SELF": Relation.SELF}
    exec(source, namespace)  # noqa: S102 - generated from the dataclass fields, as dataclasses does
    return namespace["new"]


_Draft = _draft_class(Toponym)
_OWN = ("start", "end", "text", "kind", "candidates")
_make = _fast_constructor(Toponym, _Draft, ", ".join(_OWN), {
    **{f: f for f in _OWN}, "place": "None", "confidence": "0.0", "lat": "None", "lon": "None",
    "relation": "_SELF", "anchor": "''", "direction": "''", "distance_km": "None", "event_lat": "None",
    "event_lon": "None", "uncertainty_km": "None", "geo_precision": "None"})
_RESOLVED = ("candidates", "place", "confidence", "lat", "lon")
_resolved = _fast_constructor(Toponym, _Draft, "self, candidates, place, confidence, lat=None, lon=None",
                              {f: f for f in _RESOLVED})
_RELATED = ("relation", "anchor", "direction", "distance_km", "event_lat", "event_lon",
            "uncertainty_km", "geo_precision")
_related = _fast_constructor(Toponym, _Draft, "self, " + ", ".join(_RELATED) + ", lat=None, lon=None", {
    **{f: f for f in _RELATED}, "lat": "self.lat if lat is None else lat",
    "lon": "self.lon if lon is None else lon"})

# The stages' constructors, as Toponym's own (no wrapper frame: they run for every name).
_placed = _fast_constructor(
    Toponym, _Draft, "self, " + ", ".join(_RESOLVED + _RELATED), {f: f for f in _RESOLVED + _RELATED})
_make.__doc__ = """A recognised name (no resolution, no relation): (start, end, text, kind, candidates)."""
_resolved.__doc__ = """This toponym with its scored candidates, place, confidence and point."""
_related.__doc__ = """This toponym with what the text says of where it is: relation, anchor, direction,
distance_km, event_lat, event_lon, uncertainty_km, geo_precision (``lat``/``lon``: a new
fallback point, else its own)."""
Toponym.make = staticmethod(_make)
Toponym.resolved = _resolved
Toponym.related = _related
_placed.__doc__ = """This toponym resolved and related at once (resolved's fields, then related's)."""
Toponym.placed = _placed
