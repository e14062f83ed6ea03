"""JSON endpoints of the analyst's map at scale: the view's cells or incidents, and the
governorate choropleth (GET only, login required, 400 JSON on a bad filter)."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from incidents.selectors.areas import governorate_counts
from incidents.selectors.map_data import map_view

from .api import _filtered


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """Exact counts per grid cell for the view's box, or its incidents when few (map_data.py)."""
    return _filtered(request, map_view)


@require_GET
def choropleth(request: HttpRequest) -> JsonResponse:
    """Incidents and fatalities per governorate for the filters (the view's box aside)."""
    return _filtered(request, governorate_counts)
