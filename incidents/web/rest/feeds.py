"""/api/v1/feeds/: the RSS/Atom feeds polled by ingest_feeds (admin role only)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from incidents.selectors.api import feed_api_list
from incidents.services.feeds import feed_add, feed_remove, feed_update
from incidents.sources.document import IngestError

from .auth import AdminPermissions
from .serializers import FeedSerializer

FEED_EXAMPLE = {"url": "https://news.example/rss", "publisher": "Example News", "active": True}
FEED_ROW = {"id": 1, **FEED_EXAMPLE, "title": "Example News - Iraq", "last_polled_at": "2021-05-18T07:00:00Z",
            "last_error": ""}


@extend_schema_view(
    list=extend_schema(summary="Feeds", examples=[OpenApiExample(
        "Feeds", response_only=True, value={"next": None, "previous": None, "results": [FEED_ROW]})]),
    retrieve=extend_schema(summary="One feed", examples=[OpenApiExample("A feed", response_only=True,
                                                                        value=FEED_ROW)]),
    create=extend_schema(summary="Register a feed",
                         examples=[OpenApiExample("A feed", request_only=True, value=FEED_EXAMPLE)]),
    partial_update=extend_schema(
        summary="Rename its publisher or switch polling on or off",
        examples=[OpenApiExample("Stop polling", request_only=True, value={"active": False})]),
    destroy=extend_schema(summary="Remove a feed (its reports stay)"),
)
class FeedViewSet(viewsets.ModelViewSet):
    """Feeds: every method needs the admin role (``incidents.change_feed``)."""

    serializer_class = FeedSerializer
    permission_classes = [AdminPermissions]
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return feed_api_list()

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = feed_add(url=data["url"], publisher=data.get("publisher", ""))
        except IngestError as exc:
            raise ValidationError({"url": [str(exc)]}) from None

    def perform_update(self, serializer):
        data = serializer.validated_data
        if "url" in data and data["url"] != serializer.instance.url:
            raise ValidationError({"url": ["a feed's address cannot change; add a new feed."]})
        serializer.instance = feed_update(
            feed=serializer.instance, publisher=data.get("publisher"), active=data.get("active"))

    def perform_destroy(self, instance):
        feed_remove(feed=instance)
