"""Cursor pagination for the API: stable under inserts, no COUNT(*) over millions of rows.

`FeatureCursorPagination` answers a GeoJSON FeatureCollection (djangorestframework-gis's
serialisers) with `next`/`previous` links; `CursorPagination` the usual `results` list.
"""

from __future__ import annotations

from rest_framework import pagination
from rest_framework.response import Response


class CursorPagination(pagination.CursorPagination):
    ordering = "-id"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class IncidentCursorPagination(CursorPagination):
    """Newest first, as the map and the exports list them."""

    ordering = ("-event_date", "-id")


class FeatureCursorPagination(IncidentCursorPagination):
    def get_paginated_response(self, data):
        return Response({
            "type": "FeatureCollection",
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "features": data["features"],
        })

    def get_paginated_response_schema(self, schema):
        """The FeatureCollection (``schema``) with the cursor links added."""
        links = super().get_paginated_response_schema(schema)["properties"]
        envelope = {"type": "object", "properties": {"next": links["next"], "previous": links["previous"]}}
        if not isinstance(schema, dict):  # drf-spectacular wrapping an example feature in a page
            envelope["properties"] = {"type": {"example": "FeatureCollection"}, **envelope["properties"],
                                      "features": schema}
            return envelope
        return {"allOf": [schema, envelope]}
