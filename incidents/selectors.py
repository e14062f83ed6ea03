"""Read operations for the map, its GeoJSON API and the CSV export.

Every selector takes the shared ``IncidentFilter`` so the map and the export always agree
on which incidents a set of query parameters means. Rows are read with ``.values()`` and
turned into dicts in Python: one query per call, no per-row lookups.

CSV export (ACLED columns, see DESIGN.md) differs from ACLED's own files where our data
is thinner:

- ``fatalities`` is blank when the report gives no number; ACLED would write 0, but 0 is
  a claim ("nobody died") that we cannot make.
- ``inter1``, ``inter2``, ``interaction``, ``assoc_actor_*``, ``admin3``, ``source_scale``
  and ``tags`` are blank: we do not code them yet.
- ``latitude``/``longitude`` are blank for incidents without a location (those are left
  off the map but kept in the export so nothing is lost).
- ``event_id_cnty`` is the ISO3 code plus our incident id (``IRQ123``); incidents with an
  unknown country get ``XXX`` as prefix.
- ``timestamp`` is the unix time (seconds) of the incident's last update.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, MultiLineString, MultiPolygon
from django.db.models import Case, FloatField, Func, IntegerField, QuerySet, Value, When

from gazetteer.geoparser.vocab import COUNTRY_RECORDS, FOCUS_COUNTRIES, Role
from gazetteer.models import AdminArea, Border, Place

from .filters import IncidentFilter
from .models import Incident
from .taxonomy import DISORDER_TYPES, EVENT_COLOURS

# country_code -> (ISO3, ISO 3166-1 numeric, English name): Iraq, Syria and the
# neighbours whose border towns the default gazetteer knows (cross-border incidents).
COUNTRIES: dict[str, tuple[str, int, str]] = {
    c.iso: (c.iso3, c.numeric, c.name) for c in COUNTRY_RECORDS if c.role is not Role.OTHER
}
REGION = "Middle East"

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

# Enough for a dense regional view; beyond that the browser struggles and the scale path
# (server-side clustering / vector tiles, DESIGN.md) takes over.
MAX_FEATURES = 20_000
# ~1 km of simplification keeps the country outlines to a few tens of kilobytes.
BOUNDARY_TOLERANCE = 0.01
COORD_DIGITS = 5
_MULTI = {"MultiPolygon": MultiPolygon, "MultiLineString": MultiLineString}

_FEATURE_FIELDS = (
    "id", "event_date", "event_type", "sub_event_type", "summary", "location_name",
    "geo_precision", "fatalities", "actor1", "actor2", "review_status", "lon", "lat",
    "report__title", "report__url", "report__publisher",
)  # fmt: skip

_EXPORT_FIELDS = (
    "id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country_code", "admin1", "admin2", "location_name", "lon", "lat", "geo_precision",
    "report__publisher", "summary", "fatalities", "updated_at",
)  # fmt: skip


class _X(Func):
    """Longitude read in the database: ~2x faster than building a GEOS Point per row."""

    function = "ST_X"
    output_field = FloatField()


class _Y(Func):
    function = "ST_Y"
    output_field = FloatField()


def incident_list(*, filters: IncidentFilter) -> QuerySet[Incident]:
    """Filtered incidents with their report and place joined, newest first."""
    return (
        filters.apply(Incident.objects.all())
        .select_related("report", "place")
        .only(
            "id",
            "event_date",
            "time_precision",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "fatalities",
            "location",
            "location_name",
            "geo_precision",
            "admin1",
            "admin2",
            "country_code",
            "summary",
            "review_status",
            "updated_at",
            "report__id",
            "report__title",
            "report__url",
            "report__publisher",
            "place__id",
            "place__name",
        )  # fmt: skip
        .order_by("-event_date", "-id")
    )


def incident_features(*, filters: IncidentFilter, limit: int = MAX_FEATURES) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the filtered incidents that have a location.

    At most ``limit`` features (newest first); ``truncated`` says whether more matched,
    ``unlocated`` how many incidents match the filters but have no location (so are on
    no map: the review queue places them), whatever the view's bounding box.
    """
    rows = (
        filters.apply(Incident.objects.filter(location__isnull=False))
        .annotate(lon=_X("location"), lat=_Y("location"))
        .order_by("-event_date", "-id")
        .values(*_FEATURE_FIELDS)[: limit + 1]
    )
    features = []
    for row in rows:
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(row["lon"], COORD_DIGITS), round(row["lat"], COORD_DIGITS)],
                },
                "properties": {
                    "id": row["id"],
                    "event_date": row["event_date"].isoformat(),
                    "event_type": row["event_type"],
                    "sub_event_type": row["sub_event_type"],
                    "summary": row["summary"],
                    "location_name": row["location_name"],
                    "geo_precision": row["geo_precision"],
                    "fatalities": row["fatalities"],
                    "actor1": row["actor1"],
                    "actor2": row["actor2"],
                    "review_status": row["review_status"],
                    "colour": EVENT_COLOURS.get(row["event_type"], "#555555"),
                    "report_title": row["report__title"],
                    "report_url": row["report__url"],
                    "publisher": row["report__publisher"],
                },
            }
        )
    truncated = len(features) > limit
    unlocated = dataclasses.replace(filters, bbox=None).apply(Incident.objects.filter(location__isnull=True))
    return {"type": "FeatureCollection", "features": features[:limit], "truncated": truncated,
            "unlocated": unlocated.count()}


def _round_coords(coords: Any) -> Any:
    if isinstance(coords, list | tuple) and coords and isinstance(coords[0], int | float):
        return [round(c, COORD_DIGITS) for c in coords]
    return [_round_coords(c) for c in coords]


def _geometry(geom: GEOSGeometry) -> dict[str, Any]:
    simple = geom.simplify(BOUNDARY_TOLERANCE, preserve_topology=True)
    # GEOS returns a bare Polygon/LineString for one-part collections; keep the field's type.
    if simple.geom_type != geom.geom_type and geom.geom_type in _MULTI:
        simple = _MULTI[geom.geom_type](simple, srid=geom.srid)
    data = json.loads(simple.json)
    data["coordinates"] = _round_coords(data["coordinates"])
    return data


# Towns labelled on the offline basemap so analysts can find their way without tiles.
REFERENCE_TOWNS = 40


# Labels closer than this (degrees, ~15 km) to a larger town's would overlap it.
TOWN_SPACING = 0.15


# A seat outranks a bigger populated place next to it, and a section of a town (PPLX:
# GeoNames gives New Mosul more people than Mosul) is no town: only one label fits there.
_SEAT_RANK = Case(
    When(feature_code="PPLC", then=Value(0)), When(feature_code="PPLA", then=Value(1)),
    default=Value(2), output_field=IntegerField(),
)


def _reference_towns() -> list[dict[str, Any]]:
    candidates = (
        Place.objects.filter(country_code__in=FOCUS_COUNTRIES, feature_class="P")
        .exclude(feature_code="PPLX")
        .order_by(_SEAT_RANK, "-population", "name")
        .annotate(lon=_X("point"), lat=_Y("point"))
        .values("name", "ascii_name", "lon", "lat", "population")[: REFERENCE_TOWNS * 5]
    )
    towns: list[dict[str, Any]] = []
    for town in candidates:  # seats, then the largest first: a suburb never hides its city
        if len(towns) == REFERENCE_TOWNS:
            break
        if all(
            abs(town["lon"] - t["lon"]) > TOWN_SPACING or abs(town["lat"] - t["lat"]) > TOWN_SPACING
            for t in towns
        ):
            towns.append(town)
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(t["lon"], 4), round(t["lat"], 4)]},
            "properties": {
                "name": t["ascii_name"] or t["name"],
                "kind": "town",
                "population": t["population"],
            },
        }
        for t in towns
    ]


def boundary_features(*, include_admin1: bool = False) -> dict[str, Any]:
    """Country outlines (and optionally governorates), reference towns and border lines.

    Properties: ``name``, ``kind`` ("country", "admin1", "town" or "border") and ``code``
    (``population`` for towns).
    Countries come first so the border lines draw on top of them.
    """
    levels = [0, 1] if include_admin1 else [0]
    features = []
    areas = AdminArea.objects.filter(level__in=levels).order_by("level", "pcode")
    for area in areas.only("pcode", "name_en", "level", "geom"):
        features.append(
            {
                "type": "Feature",
                "geometry": _geometry(area.geom),
                "properties": {
                    "name": area.name_en,
                    "kind": "country" if area.level == 0 else "admin1",
                    "code": area.pcode,
                },
            }
        )
    features.extend(_reference_towns())
    for border in Border.objects.order_by("code").only("code", "name", "geom"):
        features.append(
            {
                "type": "Feature",
                "geometry": _geometry(border.geom),
                "properties": {"name": border.name, "kind": "border", "code": border.code},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _blank(value: Any) -> Any:
    return "" if value is None else value


def export_rows(*, filters: IncidentFilter) -> Iterator[dict[str, Any]]:
    """ACLED-column rows (dicts keyed by ``ACLED_COLUMNS``) for the filtered incidents.

    Numbers stay numbers (int/float) so the CSV writer can tell them from report text.
    Incidents without a location are included with blank coordinates.
    """
    rows = (
        filters.apply(Incident.objects.all())
        .annotate(lon=_X("location"), lat=_Y("location"))
        .order_by("-event_date", "-id")
        .values(*_EXPORT_FIELDS)
    )
    for row in rows.iterator(chunk_size=2000):
        iso3, iso_num, country = COUNTRIES.get(row["country_code"], ("XXX", "", ""))
        yield {
            "event_id_cnty": f"{iso3}{row['id']}",
            "event_date": row["event_date"].isoformat(),
            "year": row["event_date"].year,
            "time_precision": row["time_precision"],
            "disorder_type": DISORDER_TYPES.get(row["event_type"], ""),
            "event_type": row["event_type"],
            "sub_event_type": row["sub_event_type"],
            "actor1": row["actor1"],
            "assoc_actor_1": "",
            "inter1": "",
            "actor2": row["actor2"],
            "assoc_actor_2": "",
            "inter2": "",
            "interaction": "",
            "civilian_targeting": (
                "Civilian targeting" if row["event_type"] == "Violence against civilians" else ""
            ),
            "iso": iso_num,
            "region": REGION if country else "",
            "country": country,
            "admin1": row["admin1"],
            "admin2": row["admin2"],
            "admin3": "",
            "location": row["location_name"],
            "latitude": "" if row["lat"] is None else round(row["lat"], COORD_DIGITS),
            "longitude": "" if row["lon"] is None else round(row["lon"], COORD_DIGITS),
            "geo_precision": row["geo_precision"],
            "source": row["report__publisher"],
            "source_scale": "",
            "notes": row["summary"],
            "fatalities": _blank(row["fatalities"]),
            "tags": "",
            "timestamp": int(row["updated_at"].timestamp()),
        }
