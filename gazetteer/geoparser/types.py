"""Value types shared by the geoparser and incident extraction."""

from dataclasses import dataclass, field


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


@dataclass(slots=True)
class Toponym:
    """A place name found in a text, with the place it was resolved to (or None)."""

    start: int
    end: int
    text: str
    kind: str = "place"  # place | country | demonym | border | organisation
    candidates: list[tuple[Candidate, float]] = field(default_factory=list)  # best first
    place: Candidate | None = None
    confidence: float = 0.0
