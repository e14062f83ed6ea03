"""Pages: the incident map and the CSV export (thin; the work is in selectors/exports)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .exports import csv_response
from .filters import COUNTRIES, FilterError, IncidentFilter
from .models import Incident
from .selectors import ACLED_COLUMNS, export_rows
from .taxonomy import EVENT_COLOURS, EVENT_TYPES

# [[south, west], [north, east]] in Leaflet's lat/lon order.
MAP_PRESETS = {
    "border": {"label": "Iraq-Syria border", "bounds": [[33.0, 38.5], [37.5, 43.5]]},
    "nineveh": {"label": "Nineveh", "bounds": [[35.3, 41.2], [37.1, 44.2]]},
}


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    """The Leaflet map; its configuration goes to the page as a json_script block."""
    config = {
        "incidentsUrl": reverse("incidents:incidents-geojson"),
        "boundariesUrl": reverse("incidents:boundaries-geojson"),
        "exportUrl": reverse("incidents:export-csv"),
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "presets": MAP_PRESETS,
        "initialPreset": "border",
        "eventColours": EVENT_COLOURS,
    }
    context = {
        "config": config,
        "event_types": [(name, EVENT_COLOURS.get(name, "#555555")) for name in EVENT_TYPES],
        "review_statuses": Incident.Review.choices,
        "countries": [(code, {"IQ": "Iraq", "SY": "Syria"}[code]) for code in COUNTRIES],
        "presets": MAP_PRESETS,
    }
    return render(request, "incidents/map.html", context)


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """Filtered incidents as a streaming ACLED-column CSV; 400 JSON on bad filters."""
    try:
        filters = IncidentFilter.from_query(request.GET)
    except FilterError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return csv_response(columns=ACLED_COLUMNS, rows=export_rows(filters=filters))
