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
    # Administrative areas, by P-code, when outlines are loaded: the area the candidate is
    # (an OCHA governorate, district or sub-district, or a GeoNames admin point's own area)
    # and the governorate and district its point lies in. Containment tests use them.
    area: str = ""
    within: tuple[str, ...] = ()


@dataclass(slots=True)
class Toponym:
    """A place name found in a text, with the place it was resolved to (or None).

    The optional fields after ``confidence`` describe what the text says around the
    name; they default to "nothing said", so older callers see no change:

    - ``lat``/``lon``: the point of a name that is no gazetteer Place (a country from
      the built-in lexicon), or of an unknown name that fell back to the known place
      the text puts it in ("Ain Al-Jahsh area in Mosul" -> Mosul); ``place`` stays None.
    - ``relation``: "" (the named place itself), "near", "outskirts", "direction",
      "distance" (N km <direction> of X), "between", "road", "within" (the unknown
      name inside a known one, or a town inside an unknown name: "Old Mosul"), "region"
      (the name's area: "western Mosul desert", "Nineveh province", "Rutba district"),
      "part" (a compass part of a country or governorate outline: "northern Iraq",
      parts.py), "geocoded" (placed by the optional online geocoder, gazetteer/geocoder.py).
    - ``anchor``: the text of the toponym a relation is measured from (itself, or the
      known container of an unknown name); ``direction`` a compass point ("SW");
      ``distance_km`` the stated distance.
    - ``event_lat``/``event_lon``: the displaced point (geodesic) the relation points
      at, ``uncertainty_km`` its radius, ``geo_precision`` ACLED 1/2/3.
    """

    start: int
    end: int
    text: str
    kind: str = "place"  # place | country | demonym | border | organisation | region
    candidates: list[tuple[Candidate, float]] = field(default_factory=list)  # best first
    place: Candidate | None = None
    confidence: float = 0.0
    lat: float | None = None
    lon: float | None = None
    relation: str = ""
    anchor: str = ""
    direction: str = ""
    distance_km: float | None = None
    event_lat: float | None = None
    event_lon: float | None = None
    uncertainty_km: float | None = None
    geo_precision: int | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon) of the named place: the resolved Place, else the fallback point."""
        if self.place is not None:
            return self.place.lat, self.place.lon
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon
        return None
