"""The map's incidents: filtered incidents and their GeoJSON FeatureCollection.

Every selector takes the shared ``IncidentFilter`` so the map and the exports always agree
on which incidents a set of query parameters means. Rows are read with ``.values()`` and
turned into dicts in Python: one query per call, no per-row lookups.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import QuerySet

from incidents.extraction.taxonomy import EVENT_COLOURS, OTHER_COLOUR
from incidents.filters import IncidentFilter
from incidents.models import Incident

from .functions import COORD_DIGITS
from .functions import X as _X
from .functions import Y as _Y

# Enough for a dense regional view; beyond that the browser struggles and the scale path
# (server-side clustering / vector tiles, DESIGN.md) takes over.
MAX_FEATURES = 20_000
_FEATURE_FIELDS = (
    "id", "event_date", "event_type", "sub_event_type", "summary", "location_name",
    "geo_precision", "fatalities", "actor1", "actor2", "review_status", "lon", "lat",
    "report__title", "report__url", "report__publisher",
)  # fmt: skip


def incident_list(*, filters: IncidentFilter) -> QuerySet[Incident]:
    """Filtered incidents with their report and place joined, newest first."""
    return (
        filters.apply(Incident.objects.all())
        .select_related("report", "place")
        .only(
            "id",
            "event_date",
            "time_precision",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "fatalities",
            "location",
            "location_name",
            "geo_precision",
            "admin1",
            "admin2",
            "country_code",
            "summary",
            "review_status",
            "updated_at",
            "report__id",
            "report__title",
            "report__url",
            "report__publisher",
            "place__id",
            "place__name",
        )  # fmt: skip
        .order_by("-event_date", "-id")
    )


def incident_features(*, filters: IncidentFilter, limit: int = MAX_FEATURES) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the filtered incidents that have a location.

    At most ``limit`` features (newest first); ``truncated`` says whether more matched,
    ``unlocated`` how many incidents match the filters but have no location (so are on
    no map: the review queue places them), whatever the view's bounding box.
    """
    rows = (
        filters.apply(Incident.objects.filter(location__isnull=False))
        .annotate(lon=_X("location"), lat=_Y("location"))
        .order_by("-event_date", "-id")
        .values(*_FEATURE_FIELDS)[: limit + 1]
    )
    features = []
    for row in rows:
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(row["lon"], COORD_DIGITS), round(row["lat"], COORD_DIGITS)],
                },
                "properties": {
                    "id": row["id"],
                    "event_date": row["event_date"].isoformat(),
                    "event_type": row["event_type"],
                    "sub_event_type": row["sub_event_type"],
                    "summary": row["summary"],
                    "location_name": row["location_name"],
                    "geo_precision": row["geo_precision"],
                    "fatalities": row["fatalities"],
                    "actor1": row["actor1"],
                    "actor2": row["actor2"],
                    "review_status": row["review_status"],
                    "colour": EVENT_COLOURS.get(row["event_type"], OTHER_COLOUR),
                    "report_title": row["report__title"],
                    "report_url": row["report__url"],
                    "publisher": row["report__publisher"],
                },
            }
        )
    truncated = len(features) > limit
    unlocated = dataclasses.replace(filters, bbox=None).apply(Incident.objects.filter(location__isnull=True))
    return {"type": "FeatureCollection", "features": features[:limit], "truncated": truncated,
            "unlocated": unlocated.count()}


def incident_counts(*, filters: IncidentFilter) -> tuple[int, int]:
    """How many incidents match the filters, and how many of those have no location."""
    matched = filters.apply(Incident.objects.all())
    return matched.count(), matched.filter(location__isnull=True).count()
