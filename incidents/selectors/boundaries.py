"""The basemap: country (and governorate) outlines, reference towns and border lines."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, MultiLineString, MultiPolygon
from django.db.models import Case, IntegerField, Value, When

from gazetteer.models import AdminArea, Border, Place

from .functions import COORD_DIGITS
from .functions import X as _X
from .functions import Y as _Y

# ~1 km of simplification keeps the country outlines to a few tens of kilobytes.
BOUNDARY_TOLERANCE = 0.01
_MULTI = {"MultiPolygon": MultiPolygon, "MultiLineString": MultiLineString}


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
        Place.objects.filter(country_code__in=("IQ", "SY"), feature_class="P")
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
