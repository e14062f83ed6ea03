"""What the map draws for a view: exact counts per grid cell, or the incidents themselves.

``map_view(filters=...)`` picks the grid level from the view's bounding box (at most
``CELLS_ACROSS`` cells each way, incidents/grid.py), widens the box to whole cells and
counts the incidents that match the filters in each cell, by event type. The counts come
from ``MapCell`` (kept exact by triggers) when the filters are only a bbox and event
types, else from one grouped query over the incidents through the same filter set; both
give the same numbers (tests/selectors/test_map_data.py). When no more than
``POINT_LIMIT`` incidents match, the answer is those incidents (``points.py``), so the
page never receives more than it can draw and its total is always exact.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.db.models import Count, IntegerField, Max, Min, QuerySet, Sum
from django.db.models.functions import Cast, Floor

from incidents import grid
from incidents.extraction.taxonomy import EVENT_TYPES
from incidents.filters import IncidentFilter
from incidents.models import Incident, MapCell

from .functions import COORD_DIGITS
from .functions import X as _X
from .functions import Y as _Y
from .points import incident_points

# A view spans at most this many cells each way (about 45 px each on a laptop screen).
CELLS_ACROSS = 32
# Up to this many matching incidents in view, the map shows each of them.
POINT_LIMIT = 1000


@dataclasses.dataclass(frozen=True)
class CellRange:
    """The cells of a level that a view's box touches (inclusive), or every cell."""

    level: int
    x0: int | None = None
    y0: int | None = None
    x1: int | None = None
    y1: int | None = None

    @classmethod
    def for_bbox(cls, bbox: tuple[float, float, float, float] | None) -> CellRange:
        if bbox is None:
            return cls(grid.MIN_LEVEL)
        west, south, east, north = bbox
        level = grid.level_for_span(east - west, north - south, across=CELLS_ACROSS)
        (x0, y0), (x1, y1) = grid.cell_of(west, south, level), grid.cell_of(east, north, level)
        return cls(level, x0, y0, x1, y1)

    @property
    def size(self) -> float:
        return grid.cell_size(self.level)

    @property
    def bounds(self) -> list[float] | None:
        """The box widened to whole cells: [west, south, east, north]."""
        if self.x0 is None:
            return None
        s = self.size
        return [self.x0 * s, self.y0 * s, (self.x1 + 1) * s, (self.y1 + 1) * s]

    def narrow(self, queryset: QuerySet, x: str = "cx", y: str = "cy") -> QuerySet:
        if self.x0 is None:
            return queryset
        return queryset.filter(**{f"{x}__gte": self.x0, f"{x}__lte": self.x1,
                                  f"{y}__gte": self.y0, f"{y}__lte": self.y1})


def _cell(coord, size: float):
    return Cast(Floor(coord / size), IntegerField())


def incidents_in_cells(*, filters: IncidentFilter, cells: CellRange) -> QuerySet[Incident]:
    """The located incidents that match the filters (but their bbox) in the range's cells."""
    queryset = dataclasses.replace(filters, bbox=None).apply(Incident.objects.filter(location__isnull=False))
    if cells.bounds is not None:
        box = Polygon.from_bbox(cells.bounds)
        box.srid = settings.ATLAS_SRID
        queryset = queryset.filter(location__intersects=box)  # the spatial index's cut
    size = cells.size
    queryset = queryset.annotate(cx=_cell(_X("location"), size), cy=_cell(_Y("location"), size))
    return cells.narrow(queryset)  # the exact cut: a point on a cell's edge is in one cell


def _cell_rows(filters: IncidentFilter, cells: CellRange) -> list[tuple]:
    """(cx, cy, event_type, n, lon_sum, lat_sum) per cell and type."""
    if filters.only_grid_keys:
        rows = cells.narrow(MapCell.objects.filter(level=cells.level, n__gt=0))
        if filters.event_types:
            rows = rows.filter(event_type__in=filters.event_types)
        return list(rows.values_list("cx", "cy", "event_type", "n", "lon_sum", "lat_sum"))
    rows = (
        incidents_in_cells(filters=filters, cells=cells)
        .order_by()
        .values_list("cx", "cy", "event_type")
        .annotate(n=Count("id"), lon_sum=Sum(_X("location")), lat_sum=Sum(_Y("location")))
    )
    return list(rows)


def _cells(rows: list[tuple]) -> tuple[list[str], list[dict[str, Any]]]:
    """The event types present (taxonomy order first) and one compact dict per cell:
    mean position, count, cell indexes ``x``/``y`` and ``counts`` aligned with the types."""
    order = {name: i for i, name in enumerate(EVENT_TYPES)}
    types = sorted({r[2] for r in rows}, key=lambda t: (order.get(t, len(order)), t))
    column = {t: i for i, t in enumerate(types)}
    by_cell: dict[tuple[int, int], list] = {}
    for cx, cy, event_type, n, lon_sum, lat_sum in rows:
        cell = by_cell.setdefault((cx, cy), [0, 0.0, 0.0, [0] * len(types)])
        cell[0] += n
        cell[1] += lon_sum
        cell[2] += lat_sum
        cell[3][column[event_type]] += n
    cells = [
        {"lon": round(lon_sum / n, COORD_DIGITS), "lat": round(lat_sum / n, COORD_DIGITS), "n": n,
         "x": cx, "y": cy, "counts": counts}
        for (cx, cy), (n, lon_sum, lat_sum, counts) in sorted(by_cell.items())
    ]
    return types, cells


def unlocated_count(*, filters: IncidentFilter) -> int:
    """Incidents that match the filters (whatever the view) but have no location."""
    unboxed = dataclasses.replace(filters, bbox=None)
    return unboxed.apply(Incident.objects.filter(location__isnull=True)).count()


def map_view(*, filters: IncidentFilter) -> dict[str, Any]:
    """The map's data for a view: ``{"mode": "cells"|"points", "total", "unlocated",
    "level", "size", "bounds", "types", "cells": [...], "features": [...]}``.

    ``total`` is the exact number of located incidents matching the filters in ``bounds``
    (the view's box widened to whole cells); the cells' ``n`` (or the features) add up to it.
    A cell spans ``[x * size, y * size, (x + 1) * size, (y + 1) * size]``; its ``counts``
    follow ``types``.
    """
    cells = CellRange.for_bbox(filters.bbox)
    rows = [r for r in _cell_rows(filters, cells) if r[3]]
    total = sum(r[3] for r in rows)
    out: dict[str, Any] = {
        "mode": "cells", "total": total, "unlocated": unlocated_count(filters=filters),
        "level": cells.level, "size": cells.size, "bounds": cells.bounds, "types": [], "cells": [],
        "features": [],
    }
    if total <= POINT_LIMIT:
        out["mode"] = "points"
        out["features"] = incident_points(incidents_in_cells(filters=filters, cells=cells))
    else:
        out["types"], out["cells"] = _cells(rows)
    return out


def located_extent() -> tuple[float, float, float, float] | None:
    """The box of the finest grid cells holding every located incident (None: there are none)."""
    box = MapCell.objects.filter(level=grid.MAX_LEVEL, n__gt=0).aggregate(
        x0=Min("cx"), x1=Max("cx"), y0=Min("cy"), y1=Max("cy"))
    if box["x0"] is None:
        return None
    size = grid.cell_size(grid.MAX_LEVEL)
    return box["x0"] * size, box["y0"] * size, (box["x1"] + 1) * size, (box["y1"] + 1) * size
