"""JSON place search for autocomplete: GET /api/places?q=...&limit=10 (login required)."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from .selectors import MAX_LIMIT, SearchQueryError, place_search


@require_GET
def places(request: HttpRequest) -> JsonResponse:
    """Ranked places matching `q` (Latin or Arabic script); 400 JSON on a bad q or limit."""
    raw_limit = request.GET.get("limit", "10")
    try:
        limit = int(raw_limit)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        return JsonResponse({"error": f"limit must be an integer from 1 to {MAX_LIMIT}"}, status=400)
    try:
        results = place_search(query=request.GET.get("q", ""), limit=limit)
    except SearchQueryError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, no-cache"
    return response
