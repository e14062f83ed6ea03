"""API serialisers: incidents as GeoJSON features (djangorestframework-gis), reports, feeds.

Coordinates are WGS 84 ``[longitude, latitude]`` rounded to 5 decimals (~1 m), as the map
and the exports round them. Report text is returned verbatim: escaping is the client's job.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from gazetteer.models import Place
from incidents.models import Feed, GeocodeChange, Incident, Mention, Report

COORD_PRECISION = 5


class PlaceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["id", "name", "country_code", "feature_code"]


class IncidentFeatureSerializer(GeoFeatureModelSerializer):
    """One incident as a GeoJSON Feature; ``geometry`` is null when it has no location."""

    location = GeometryField(precision=COORD_PRECISION, allow_null=True, read_only=True)
    report = serializers.PrimaryKeyRelatedField(read_only=True)
    place = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Incident
        geo_field = "location"
        id_field = "id"
        fields = [
            "id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
            "fatalities", "location", "location_name", "geo_precision", "admin1", "admin2",
            "country_code", "summary", "review_status", "confidence", "acled_event_id",
            "updated_at", "report", "place",
        ]  # fmt: skip


class MentionSerializer(serializers.ModelSerializer):
    place = PlaceRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Mention
        fields = ["id", "start", "end", "surface", "kind", "place", "confidence", "needs_review"]


class ReportRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Report
        fields = ["id", "title", "publisher", "url", "published_at"]


class GeocodeChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    old_location = GeometryField(precision=COORD_PRECISION, allow_null=True, read_only=True)
    new_location = GeometryField(precision=COORD_PRECISION, allow_null=True, read_only=True)
    old_place = PlaceRefSerializer(read_only=True, allow_null=True)
    new_place = PlaceRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = GeocodeChange
        fields = [
            "changed_at", "changed_by", "old_location", "new_location", "old_place", "new_place",
            "old_geo_precision", "new_geo_precision", "reason",
        ]  # fmt: skip


class IncidentDetailSerializer(IncidentFeatureSerializer):
    """An incident with its estimate, place, the report's mentions, its sources and history."""

    estimate = GeometryField(precision=COORD_PRECISION, allow_null=True, read_only=True)
    place = PlaceRefSerializer(read_only=True, allow_null=True)
    mentions = MentionSerializer(source="report.mentions", many=True, read_only=True)
    sources = serializers.SerializerMethodField(
        help_text="The report it came from, then other reports of it.")
    history = GeocodeChangeSerializer(source="geocode_changes", many=True, read_only=True)

    class Meta(IncidentFeatureSerializer.Meta):
        fields = [
            *IncidentFeatureSerializer.Meta.fields,
            "estimate", "uncertainty_km", "acled", "mentions", "sources", "history",
        ]  # fmt: skip

    @extend_schema_field(ReportRefSerializer(many=True))
    def get_sources(self, incident: Incident) -> list[dict]:
        reports = [incident.report, *incident.other_reports.all()]
        return ReportRefSerializer(reports, many=True).data


class ReportSerializer(serializers.ModelSerializer):
    incident_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Report
        fields = [
            "id", "title", "publisher", "url", "published_at", "ingested_at", "origin", "incident_count"]


class ReportDetailSerializer(ReportSerializer):
    mentions = MentionSerializer(many=True, read_only=True)
    incidents = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "text", "mentions", "incidents"]


class ReportInputSerializer(serializers.Serializer):
    """A report to ingest (documents the body; `document_from_payload` validates it)."""

    text = serializers.CharField(help_text="The article text (plain text or the page's HTML).")
    title = serializers.CharField(required=False, help_text="Headline; read from the text when absent.")
    publisher = serializers.CharField(required=False)
    url = serializers.URLField(required=False, help_text="An http(s) address.")
    published_at = serializers.DateTimeField(
        required=False, help_text="ISO 8601; relative dates in the text are read from it.")


class IngestResultSerializer(serializers.Serializer):
    report_id = serializers.IntegerField()
    created = serializers.BooleanField(help_text="False when the same text was already ingested.")
    incidents = serializers.IntegerField(help_text="How many incidents the report gave.")


class BulkFailureSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    error = serializers.CharField()


class BulkResultSerializer(serializers.Serializer):
    ingested = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    failed = BulkFailureSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField()


class FeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Feed
        fields = ["id", "url", "title", "publisher", "active", "last_polled_at", "last_error"]
        read_only_fields = ["title", "last_polled_at", "last_error"]


class RelocateSerializer(serializers.Serializer):
    """An analyst's geocode correction (``incidents.services.relocate.incident_relocate``)."""

    longitude = serializers.FloatField(min_value=-180, max_value=180, allow_null=True,
                                       help_text="WGS 84; null with latitude to clear the location.")
    latitude = serializers.FloatField(min_value=-90, max_value=90, allow_null=True)
    place = serializers.PrimaryKeyRelatedField(queryset=Place.objects.all(), allow_null=True, required=False,
                                               help_text="The gazetteer place (id), if any.")
    geo_precision = serializers.ChoiceField(choices=[1, 2, 3], required=False,
                                            help_text="ACLED geo_precision; unchanged when absent.")
    reason = serializers.CharField(max_length=2000, allow_blank=True, required=False)

    def validate(self, data):
        if (data["longitude"] is None) != (data["latitude"] is None):
            raise serializers.ValidationError("give both longitude and latitude, or neither.")
        return data
