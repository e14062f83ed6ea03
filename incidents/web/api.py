"""JSON endpoints behind the map: incidents and boundaries as GeoJSON, the timeline's counts
(GET only, login required)."""

from collections.abc import Callable

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from incidents.filters import FilterError, IncidentFilter
from incidents.selectors.boundaries import boundary_features
from incidents.selectors.map import incident_features
from incidents.selectors.timeline import incident_timeline


def _filtered(request: HttpRequest, selector: Callable[..., dict]) -> JsonResponse:
    """The selector's answer for the request's filters; 400 JSON with a message on bad ones."""
    try:
        filters = IncidentFilter.from_query(request.GET)
    except FilterError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    response = JsonResponse(selector(filters=filters))
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def incidents_geojson(request: HttpRequest) -> JsonResponse:
    """Filtered incidents as a FeatureCollection."""
    return _filtered(request, incident_features)


@require_GET
def incidents_timeline(request: HttpRequest) -> JsonResponse:
    """Incidents per day, week or month for the filters without their dates (timeline.py)."""
    return _filtered(request, incident_timeline)


@require_GET
def boundaries_geojson(request: HttpRequest) -> JsonResponse:
    """Country outlines and borders (``?admin1=1`` adds governorates), simplified."""
    include_admin1 = request.GET.get("admin1", "").lower() in {"1", "true", "yes"}
    response = JsonResponse(boundary_features(include_admin1=include_admin1))
    # Outlines change only when a loader runs; let the browser keep them for a while.
    response["Cache-Control"] = "private, max-age=3600"
    return response
