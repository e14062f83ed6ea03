"""Incidents as the map draws them one by one: where, how sure, and every report behind them.

Each feature carries its coded point (the geometry), the best estimate and the radius the
map draws around it (``radius_km``), the governorate outline to show for an incident
coded only to its governorate (``area_code``), the place in words ("near X", "somewhere
in X governorate") and every report it is linked to (the first report and those merged
into it across publishers). Three queries whatever the number of incidents.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gazetteer.models import AdminArea
from incidents.extraction.taxonomy import EVENT_COLOURS, GEO_NEAR, GEO_REGION, GEO_TOWN, OTHER_COLOUR
from incidents.models import Incident

from .functions import COORD_DIGITS
from .functions import X as _X
from .functions import Y as _Y

# "Near a town" with no stated distance: drawn as a ring of this radius, the distance
# within which ingest takes two reports for the same event (services/ingest.py).
NEAR_KM = 10.0
# The place in words, by geo_precision (the precision's own label is the taxonomy's).
PLACE_PHRASES = {
    GEO_TOWN: "{name}",
    GEO_NEAR: "near {name}",
    GEO_REGION: "somewhere in {admin1} governorate",
}

_FIELDS = (
    "id", "event_date", "event_type", "sub_event_type", "summary", "location_name", "admin1",
    "country_code", "geo_precision", "uncertainty_km", "fatalities", "actor1", "actor2",
    "review_status", "lon", "lat", "est_lon", "est_lat", "report_id", "report__title",
    "report__url", "report__publisher", "report__published_at",
)  # fmt: skip


def place_phrase(*, geo_precision: int, name: str, admin1: str) -> str:
    """Where it happened in words: "Mosul", "near Mosul", "somewhere in Nineveh governorate"."""
    if geo_precision == GEO_REGION and not admin1:
        return PLACE_PHRASES[GEO_NEAR].format(name=name) if name else ""
    template = PLACE_PHRASES.get(geo_precision, "{name}")
    return template.format(name=name, admin1=admin1)


def _report(title: str, url: str, publisher: str, published_at) -> dict[str, Any]:
    return {"title": title, "url": url, "publisher": publisher,
            "date": published_at.date().isoformat() if published_at else ""}


def _linked_reports(ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    through = Incident.other_reports.through.objects.filter(incident_id__in=ids).order_by(
        "report__published_at", "report_id")
    out: dict[int, list[dict[str, Any]]] = {}
    for incident_id, *report in through.values_list(
            "incident_id", "report__title", "report__url", "report__publisher", "report__published_at"):
        out.setdefault(incident_id, []).append(_report(*report))
    return out


def _area_codes(rows: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Governorate P-codes by (country, lower-case name), for incidents coded to a governorate."""
    names = {r["admin1"] for r in rows if r["geo_precision"] == GEO_REGION and r["admin1"]}
    if not names:
        return {}
    areas = AdminArea.objects.filter(level=1).values_list("country_code", "name_en", "pcode")
    return {(cc, name.lower()): pcode for cc, name, pcode in areas}


def _radius_km(row: dict[str, Any]) -> float | None:
    if row["uncertainty_km"]:
        return round(row["uncertainty_km"], 3)
    return NEAR_KM if row["geo_precision"] == GEO_NEAR else None


def incident_points(queryset: QuerySet[Incident]) -> list[dict[str, Any]]:
    """GeoJSON Point features of the (located) incidents of ``queryset``, newest first."""
    rows = list(
        queryset.annotate(lon=_X("location"), lat=_Y("location"),
                          est_lon=_X("estimate"), est_lat=_Y("estimate"))
        .order_by("-event_date", "-id")
        .values(*_FIELDS)
    )
    linked = _linked_reports([r["id"] for r in rows])
    areas = _area_codes(rows)
    features = []
    for row in rows:
        centre = (row["est_lon"], row["est_lat"]) if row["est_lon"] is not None else (row["lon"], row["lat"])
        first = _report(row["report__title"], row["report__url"], row["report__publisher"],
                        row["report__published_at"])
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point",
                         "coordinates": [round(row["lon"], COORD_DIGITS), round(row["lat"], COORD_DIGITS)]},
            "properties": {
                "id": row["id"],
                "event_date": row["event_date"].isoformat(),
                "event_type": row["event_type"],
                "sub_event_type": row["sub_event_type"],
                "summary": row["summary"],
                "location_name": row["location_name"],
                "place": place_phrase(geo_precision=row["geo_precision"], name=row["location_name"],
                                      admin1=row["admin1"]),
                "geo_precision": row["geo_precision"],
                "radius_km": _radius_km(row),
                "centre": [round(c, COORD_DIGITS) for c in centre],
                "area_code": areas.get((row["country_code"], row["admin1"].lower()), "")
                if row["geo_precision"] == GEO_REGION else "",
                "fatalities": row["fatalities"],
                "actor1": row["actor1"],
                "actor2": row["actor2"],
                "review_status": row["review_status"],
                "colour": EVENT_COLOURS.get(row["event_type"], OTHER_COLOUR),
                "reports": [first, *linked.get(row["id"], [])],
            },
        })
    return features
