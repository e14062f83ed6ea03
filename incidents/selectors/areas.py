"""Governorates on the map: the presets that frame each one, and the choropleth's counts.

Both come from the loaded boundaries (``AdminArea`` level 1), never from a list in code:
a gazetteer with Syria's governorates alone gives Syria's presets. The choropleth counts
the incidents matching the filters (all but the view's box, so panning keeps the colours)
per governorate named in the incident's ``admin1``, which ingest fills with the area's
own name; incidents whose governorate is not a loaded area are counted apart.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib.gis.db.models.functions import Envelope
from django.db.models import Count, Sum

from gazetteer.geoparser.normalize import name_key
from gazetteer.models import AdminArea, Border
from incidents.filters import IncidentFilter
from incidents.models import Incident

# Presets kept when no boundaries are loaded: [[south, west], [north, east]] (Leaflet order).
FALLBACK_PRESETS = {
    "border": {"label": "Iraq-Syria border", "bounds": [[33.0, 38.5], [37.5, 43.5]]},
    "nineveh": {"label": "Nineveh", "bounds": [[35.3, 41.2], [37.1, 44.2]]},
}
# The governorate the "Nineveh" preset frames, however the loaded boundaries spell it.
NINEVEH_KEYS = frozenset(name_key(n) for n in ("Nineveh", "Ninewa", "Ninawa"))
BORDER_MARGIN = 1.0  # degrees around the border line


def _leaflet_bounds(extent: tuple[float, float, float, float], margin: float = 0.0) -> list[list[float]]:
    west, south, east, north = extent
    return [[round(south - margin, 4), round(west - margin, 4)],
            [round(north + margin, 4), round(east + margin, 4)]]


def governorates() -> list[dict[str, Any]]:
    """Every loaded governorate: code, name, country and bounds, by country and name."""
    rows = (
        AdminArea.objects.filter(level=1)
        .annotate(box=Envelope("geom"))
        .order_by("country_code", "name_en")
        .values_list("pcode", "name_en", "country_code", "box")
    )
    return [{"code": pcode, "label": name, "country": cc, "bounds": _leaflet_bounds(box.extent)}
            for pcode, name, cc, box in rows]


def map_presets() -> dict[str, Any]:
    """``{"named": {"border": ..., "nineveh": ...}, "governorates": [...]}`` from the boundaries."""
    named = {key: dict(value) for key, value in FALLBACK_PRESETS.items()}
    border = Border.objects.filter(code="IQ-SY").first()
    if border is not None:
        named["border"]["bounds"] = _leaflet_bounds(border.geom.extent, BORDER_MARGIN)
    areas = governorates()
    nineveh = next((a for a in areas if name_key(a["label"]) in NINEVEH_KEYS), None)
    if nineveh is not None:
        named["nineveh"]["bounds"] = nineveh["bounds"]
    return {"named": named, "governorates": areas}


def governorate_counts(*, filters: IncidentFilter) -> dict[str, Any]:
    """Incidents and fatalities per loaded governorate for the filters without their box.

    ``{"areas": [{"code", "name", "count", "fatalities"}], "elsewhere": n, "max_count",
    "max_fatalities"}``; ``elsewhere`` counts incidents in no loaded governorate.
    """
    matched = dataclasses.replace(filters, bbox=None).apply(Incident.objects.all())
    rows = matched.order_by().values_list("country_code", "admin1").annotate(
        n=Count("id"), dead=Sum("fatalities"))
    codes = {(cc, name.lower()): (pcode, name) for cc, name, pcode in
             AdminArea.objects.filter(level=1).values_list("country_code", "name_en", "pcode")}
    areas: dict[str, dict[str, Any]] = {}
    elsewhere = 0
    for cc, admin1, n, dead in rows:
        found = codes.get((cc, (admin1 or "").lower()))
        if found is None:
            elsewhere += n
            continue
        area = areas.setdefault(found[0], {"code": found[0], "name": found[1], "count": 0, "fatalities": 0})
        area["count"] += n
        area["fatalities"] += dead or 0
    ordered = sorted(areas.values(), key=lambda a: a["code"])
    return {
        "areas": ordered,
        "elsewhere": elsewhere,
        "max_count": max((a["count"] for a in ordered), default=0),
        "max_fatalities": max((a["fatalities"] for a in ordered), default=0),
    }
