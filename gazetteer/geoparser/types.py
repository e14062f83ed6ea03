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

    @staticmethod
    def make(start: int, end: int, text: str, kind: Kind, candidates: Scored) -> Toponym:
        """A recognised name (no resolution, no relation), built fast."""
        return _new(start, end, text, kind, candidates, None, 0.0, None, None, _SELF,
                    "", "", None, None, None, None, None)

    def resolved(self, candidates: Scored, place: Candidate | None, confidence: float,
                 lat: float | None = None, lon: float | None = None) -> Toponym:
        """This toponym with its scored candidates, place, confidence and point."""
        t = _Draft()  # see _fast_constructor
        t.start, t.end, t.text, t.kind = self.start, self.end, self.text, self.kind
        t.candidates, t.place, t.confidence, t.lat, t.lon = candidates, place, confidence, lat, lon
        t.relation, t.anchor, t.direction = self.relation, self.anchor, self.direction
        t.distance_km, t.event_lat, t.event_lon = self.distance_km, self.event_lat, self.event_lon
        t.uncertainty_km, t.geo_precision = self.uncertainty_km, self.geo_precision
        t.__class__ = Toponym
        return t

    def related(self, relation: Relation, anchor: str, direction: str, distance_km: float | None,
                event_lat: float | None, event_lon: float | None, uncertainty_km: float | None,
                geo_precision: int | None, lat: float | None = None,
                lon: float | None = None) -> Toponym:
        """This toponym with what the text says around it (``lat``/``lon``: a new fallback
        point, else its own)."""
        t = _Draft()  # see _fast_constructor
        t.start, t.end, t.text, t.kind = self.start, self.end, self.text, self.kind
        t.candidates, t.place, t.confidence = self.candidates, self.place, self.confidence
        t.lat = self.lat if lat is None else lat
        t.lon = self.lon if lon is None else lon
        t.relation, t.anchor, t.direction, t.distance_km = relation, anchor, direction, distance_km
        t.event_lat, t.event_lon = event_lat, event_lon
        t.uncertainty_km, t.geo_precision = uncertainty_km, geo_precision
        t.__class__ = Toponym
        return t


def _draft_class(cls: type) -> type:
    """A plain class with the slots of a frozen slots dataclass (see _fast_constructor)."""
    return type(f"_{cls.__name__}Draft", (), {"__slots__": tuple(f.name for f in fields(cls))})


def _fast_constructor(cls: type, draft: type) -> object:
    """A positional constructor of a frozen slots dataclass that skips its __init__.

    A frozen dataclass sets each field through object.__setattr__: about 2 us for
    Toponym's 17 fields, several times per name and stage, a tenth of the geoparser's
    time. This builds a plain slots object of the same layout (ordinary attribute
    stores), then gives it the frozen class: a real instance, equal to the one __init__
    builds from the same values (tests/geoparser/test_types.py), in a sixth of the time.
    Callers pass typed values (what __post_init__ would convert). Toponym.resolved and
    related build their drafts the same way, field by field.
    """
    names = tuple(f.name for f in fields(cls))
    body = "".join(f"    t.{name} = {name}\n" for name in names)
    source = f"def new({', '.join(names)}):\n    t = _Draft()\n{body}    t.__class__ = _Cls\n    return t\n"
    namespace = {"_Draft": draft, "_Cls": cls}
    exec(source, namespace)  # noqa: S102 - generated from the dataclass fields, as dataclasses does
    return namespace["new"]


_SELF = Relation.SELF
_Draft = _draft_class(Toponym)
_new = _fast_constructor(Toponym, _Draft)
