"""The REST API's reads: incidents with what their list and detail show, reports, feeds.

Querysets are built so a page costs a fixed number of queries (joins and prefetches, no
per-row look-ups); the filter set and the cursor pagination narrow them in the view.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from incidents.models import Feed, GeocodeChange, Incident, Mention, Report

_LIST_FIELDS = (
    "id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "fatalities", "location", "location_name", "geo_precision", "admin1", "admin2",
    "country_code", "summary", "review_status", "confidence", "acled_event_id", "updated_at",
    "report_id", "place_id",
)  # fmt: skip


def incident_api_list() -> QuerySet[Incident]:
    """Incidents with the list's fields only (the filter set and cursor narrow it)."""
    return Incident.objects.only(*_LIST_FIELDS).order_by("-event_date", "-id")


def incident_api_detail() -> QuerySet[Incident]:
    """Incidents with their place, report's mentions, other reports and geocode history."""
    return Incident.objects.select_related("report", "place").prefetch_related(
        Prefetch("report__mentions", queryset=Mention.objects.select_related("place").order_by("start")),
        Prefetch("other_reports", queryset=Report.objects.defer("text").order_by("id")),
        Prefetch(
            "geocode_changes",
            queryset=GeocodeChange.objects.select_related("changed_by", "old_place", "new_place"),
        ),
    )


def report_api_list() -> QuerySet[Report]:
    """Reports without their text, with how many incidents each gave, newest first."""
    return Report.objects.defer("text").annotate(incident_count=Count("incidents")).order_by("-id")


def report_api_detail() -> QuerySet[Report]:
    """Reports with their text, mentions and incidents."""
    return Report.objects.annotate(incident_count=Count("incidents")).prefetch_related(
        Prefetch("mentions", queryset=Mention.objects.select_related("place").order_by("start")),
        Prefetch("incidents", queryset=Incident.objects.only("id", "report_id").order_by("id")),
    )


def feed_api_list() -> QuerySet[Feed]:
    return Feed.objects.order_by("id")
