"""GET /api/v1/incidents/ (GeoJSON, the one filter set, cursor pages) and /incidents/{id}/."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import viewsets

from incidents.filters import IncidentFilterSet
from incidents.selectors.api import incident_api_detail, incident_api_list

from .pagination import FeatureCursorPagination
from .serializers import IncidentDetailSerializer, IncidentFeatureSerializer

FEATURE_EXAMPLE = {
    "type": "Feature",
    "id": 42,
    "geometry": {"type": "Point", "coordinates": [43.11889, 36.335]},
    "properties": {
        "event_date": "2021-05-17", "time_precision": 1, "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Iraq", "actor2": "ISIS",
        "fatalities": 3, "location_name": "Mosul", "geo_precision": 1, "admin1": "Ninewa",
        "admin2": "", "country_code": "IQ", "summary": "An air strike hit a position near Mosul.",
        "review_status": "auto", "confidence": 0.8, "acled_event_id": None,
        "updated_at": "2021-05-18T09:00:00Z", "report": 7, "place": 12,
    },
}  # fmt: skip


@extend_schema_view(
    list=extend_schema(
        summary="Incidents as a GeoJSON FeatureCollection",
        description="Newest first; the map's filters (bbox, dates, event types, review status, "
                    "country, text); `cursor` pages through them (`next`/`previous` links).",
        examples=[OpenApiExample("Mosul strikes in May 2021", response_only=True, value=FEATURE_EXAMPLE)],
    ),
    retrieve=extend_schema(
        summary="One incident with its mentions, sources and geocode history",
        examples=[OpenApiExample("An incident", response_only=True, value={
            **FEATURE_EXAMPLE, "properties": {
                **FEATURE_EXAMPLE["properties"], "estimate": None, "uncertainty_km": None, "acled": {},
                "place": {"id": 12, "name": "Mosul", "country_code": "IQ", "feature_code": "PPLA"},
                "mentions": [{"id": 1, "start": 31, "end": 36, "surface": "Mosul", "kind": "place",
                              "place": {"id": 12, "name": "Mosul", "country_code": "IQ",
                                        "feature_code": "PPLA"},
                              "confidence": 0.93, "needs_review": False}],
                "sources": [{"id": 7, "title": "Jets strike hideout", "publisher": "Shafaq News",
                             "url": "https://example.org/a", "published_at": "2021-05-18T09:00:00Z"}],
                "history": []}})],
    ),
)
class IncidentViewSet(viewsets.ReadOnlyModelViewSet):
    """Incidents (viewers and up)."""

    filterset_class = IncidentFilterSet
    pagination_class = FeatureCursorPagination

    def get_queryset(self):
        return incident_api_detail() if self.action == "retrieve" else incident_api_list()

    def get_serializer_class(self):
        return IncidentDetailSerializer if self.action == "retrieve" else IncidentFeatureSerializer
