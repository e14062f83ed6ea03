"""The incidents without a location that match the map's filters, a page at a time."""

from __future__ import annotations

import dataclasses

from django.core.paginator import Page, Paginator

from incidents.filters import IncidentFilter
from incidents.models import Incident

PAGE_SIZE = 50


def unlocated_page(*, filters: IncidentFilter, page: int | str = 1) -> Page:
    """One page of them, newest first, with their report (a bbox has no say: they are on no map)."""
    queryset = (
        dataclasses.replace(filters, bbox=None)
        .apply(Incident.objects.filter(location__isnull=True))
        .select_related("report")
        .order_by("-event_date", "-id")
    )
    return Paginator(queryset, PAGE_SIZE).get_page(page)
