"""Pages: the incident map and the exports (thin; the work is in selectors/exports).

Exports: CSV, GeoJSON, GeoPackage, zipped Shapefile, KML and a standalone HTML map, all with the map's filters
(``IncidentFilter``), GET only, 400 JSON on a bad filter. Login is enforced for all of
them by ``config.middleware.LoginRequiredMiddleware`` (401 JSON under /export/).
"""

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gazetteer.geoparser.vocab import COUNTRY_NAMES
from incidents.exports.folium_map import MapAssetsMissing, incidents_map
from incidents.exports.gis import GIS_FILES, ExportError, gis_open
from incidents.exports.streaming import csv_response, geojson_response
from incidents.extraction.taxonomy import (
    EVENT_COLOURS,
    EVENT_TYPES,
    GEO_PRECISION_SHORT,
    OTHER_COLOUR,
    map_taxonomy,
    precision_short,
)
from incidents.filters import COUNTRIES, FilterError, IncidentFilter
from incidents.models import Incident
from incidents.selectors.areas import map_presets
from incidents.selectors.exports import ACLED_COLUMNS, export_rows
from incidents.selectors.unlocated import unlocated_page


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    """The Leaflet map; its configuration goes to the page as a json_script block."""
    presets = map_presets()
    config = {
        "mapDataUrl": reverse("incidents:map-data"),
        "choroplethUrl": reverse("incidents:choropleth"),
        "incidentsUrl": reverse("incidents:incidents-geojson"),
        "boundariesUrl": reverse("incidents:boundaries-geojson"),
        "timelineUrl": reverse("incidents:incidents-timeline"),
        "exportUrl": reverse("incidents:export-csv"),
        "exportUrls": {
            "csv": reverse("incidents:export-csv"),
            "geojson": reverse("incidents:export-geojson"),
            "gpkg": reverse("incidents:export-gpkg"),
            "html": reverse("incidents:export-html"),
        },
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "presets": presets["named"],
        "governorates": presets["governorates"],
        "initialPreset": "border",
        # Incidents without a location are on no map: every map user can list them.
        "unlocatedUrl": reverse("incidents:unlocated"),
    }
    context = {
        "config": config,
        "taxonomy": map_taxonomy(),  # the legend, colours and precision labels of map.js
        "event_types": [(name, EVENT_COLOURS.get(name, OTHER_COLOUR)) for name in EVENT_TYPES],
        "review_statuses": Incident.Review.choices,
        "countries": [(code, COUNTRY_NAMES[code]) for code in COUNTRIES],
        "presets": presets["named"],
        "governorates": presets["governorates"],
        "sub_event_types": [(t, list(subs)) for t, subs in EVENT_TYPES.items()],
        "geo_precisions": [(code, precision_short(code)) for code in GEO_PRECISION_SHORT],
    }
    return render(request, "incidents/map.html", context)


@require_GET
def unlocated_list(request: HttpRequest) -> HttpResponse:
    """Incidents that match the map's filters but have no location (so are on no map)."""
    filters = _filters_or_400(request)
    if isinstance(filters, JsonResponse):
        return filters
    page = unlocated_page(filters=filters, page=request.GET.get("page") or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "incidents/unlocated.html", {
        "page": page, "query": query.urlencode(), "map_url": reverse("incidents:map"),
        "can_correct": request.user.has_perm("incidents.change_incident"),
    })


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """Filtered incidents as a streaming ACLED-column CSV; 400 JSON on bad filters."""
    try:
        filters = IncidentFilter.from_query(request.GET)
    except FilterError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return csv_response(filters=filters)


def _filters_or_400(request: HttpRequest) -> IncidentFilter | JsonResponse:
    try:
        return IncidentFilter.from_query(request.GET)
    except FilterError as exc:
        return JsonResponse({"error": str(exc)}, status=400)


@require_GET
def export_geojson(request: HttpRequest) -> HttpResponse:
    """Filtered incidents as a streaming RFC 7946 FeatureCollection with ACLED properties."""
    filters = _filters_or_400(request)
    if isinstance(filters, JsonResponse):
        return filters
    return geojson_response(columns=ACLED_COLUMNS, rows=export_rows(filters=filters))


def _gis_download(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = _filters_or_400(request)
    if isinstance(filters, JsonResponse):
        return filters
    try:
        handle, _count = gis_open(rows=export_rows(filters=filters), fmt=fmt)
    except ExportError as exc:
        return JsonResponse({"error": str(exc)}, status=503)
    filename, content_type = GIS_FILES[fmt]
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def export_gpkg(request: HttpRequest) -> HttpResponse:
    """Filtered incidents as a GeoPackage (written in a child process); 503 JSON if it fails."""
    return _gis_download(request, "gpkg")


@require_GET
def export_shp(request: HttpRequest) -> HttpResponse:
    """Filtered incidents as a zipped Shapefile (.shp/.shx/.dbf/.prj/.cpg, 10-character field names)."""
    return _gis_download(request, "shp")


@require_GET
def export_kml(request: HttpRequest) -> HttpResponse:
    """Filtered incidents as KML, for Google Earth."""
    return _gis_download(request, "kml")


@require_GET
def export_html(request: HttpRequest) -> HttpResponse:
    """Filtered incidents as a standalone offline HTML map (a download, not a page of ours)."""
    filters = _filters_or_400(request)
    if isinstance(filters, JsonResponse):
        return filters
    try:
        rendered = incidents_map(filters=filters)
    except MapAssetsMissing as exc:
        return JsonResponse({"error": str(exc)}, status=503)
    response = HttpResponse(rendered.html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="incidents.html"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
