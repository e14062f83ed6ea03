"""GET /api/v1/incidents/ (GeoJSON, the one filter set, cursor pages) and /incidents/{id}/;
POST /incidents/{id}/relocate/ for an editor's geocode correction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.geos import Point
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from incidents.filters import IncidentFilterSet
from incidents.selectors.api import incident_api_detail, incident_api_list
from incidents.services.relocate import incident_relocate

from .auth import ChangePermissions
from .pagination import FeatureCursorPagination
from .serializers import IncidentDetailSerializer, IncidentFeatureSerializer, RelocateSerializer

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
        return incident_api_detail() if self.action in ("retrieve", "relocate") else incident_api_list()

    def get_serializer_class(self):
        if self.action == "relocate":
            return RelocateSerializer
        return IncidentDetailSerializer if self.action == "retrieve" else IncidentFeatureSerializer

    @extend_schema(
        summary="Correct an incident's geocode (editors): audited, and the place name is learned",
        request=RelocateSerializer, responses=IncidentDetailSerializer,
        examples=[OpenApiExample("Move to the town itself", request_only=True, value={
            "longitude": 43.11889, "latitude": 36.335, "place": 12, "geo_precision": 1,
            "reason": "The report names the town, not the district."})],
    )
    @action(detail=True, methods=["post"], permission_classes=[ChangePermissions], filter_backends=[])
    def relocate(self, request, pk=None):
        incident = self.get_object()
        body = RelocateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        location = (None if data["longitude"] is None
                    else Point(data["longitude"], data["latitude"], srid=settings.ATLAS_SRID))
        incident_relocate(incident=incident, location=location, place=data.get("place"),
                          geo_precision=data.get("geo_precision"), user=request.user,
                          reason=data.get("reason", ""))
        return Response(IncidentDetailSerializer(self.get_queryset().get(pk=incident.pk)).data)
