"""Which governorate a point lies in, from a raster of the loaded outlines.

The geoparser stays free of shapely: gazetteer/index.py rasterises the loaded governorate
outlines once (``grid_runs``, with shapely) into rows of runs, ``{row: [(first column,
last column, P-code), ...]}`` on a grid of CELL_DEG, and the index answers ``at(lat, lon)``
with a bisection in one row. A cell is the governorate its centre lies in, so a point
within half a cell (about 1 km) of a boundary may be read as the neighbour's: the
callers displace points by tens of km, and only ask whether one left its governorate.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping

CELL_DEG = 0.02  # about 2.2 km north-south, 1.8 km east-west at these latitudes
Runs = Mapping[int, list[tuple[int, int, str]]]


def cell(lat: float, lon: float) -> tuple[int, int]:
    """The (row, column) of the cell a point lies in."""
    return int(lat // CELL_DEG), int(lon // CELL_DEG)


def cell_centre(row: int, col: int) -> tuple[float, float]:
    """(lat, lon) of a cell's centre."""
    return (row + 0.5) * CELL_DEG, (col + 0.5) * CELL_DEG


def runs_of(cells: Iterable[tuple[int, int, str]]) -> dict[int, list[tuple[int, int, str]]]:
    """Rows of runs from (row, column, P-code) cells: each run the columns of one row that
    follow each other with one P-code."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    for row, col, code in sorted(cells):
        row_runs = out.setdefault(row, [])
        if row_runs and row_runs[-1][2] == code and row_runs[-1][1] == col - 1:
            row_runs[-1] = (row_runs[-1][0], col, code)
        else:
            row_runs.append((col, col, code))
    return out


class AreaGrid:
    """The governorate (P-code) of a point: ``at(lat, lon)``; "" outside every loaded
    outline. Empty (``bool(grid)`` False) when no outlines are loaded."""

    __slots__ = ("_rows", "_starts")

    def __init__(self, runs: Runs | None = None):
        self._rows = {int(row): [tuple(r) for r in row_runs] for row, row_runs in (runs or {}).items()}
        self._starts = {row: [r[0] for r in row_runs] for row, row_runs in self._rows.items()}

    def __bool__(self) -> bool:
        return bool(self._rows)

    def runs(self) -> dict[int, list[tuple[int, int, str]]]:
        """The rows of runs (for the index file)."""
        return self._rows

    def at(self, lat: float, lon: float) -> str:
        row, col = cell(lat, lon)
        row_runs = self._rows.get(row)
        if not row_runs:
            return ""
        i = bisect_right(self._starts[row], col) - 1
        if i < 0:
            return ""
        first, last, code = row_runs[i]
        return code if first <= col <= last else ""


__all__ = ["CELL_DEG", "AreaGrid", "cell", "cell_centre", "runs_of"]
