"""The raster of governorate outlines: runs of cells, and which governorate holds a point."""

import pytest

from gazetteer.geoparser.areagrid import CELL_DEG, AreaGrid, cell, runs_of


def test_cells_in_a_row_with_one_code_are_one_run():
    runs = runs_of([(5, 3, "A"), (5, 1, "A"), (5, 2, "A"), (5, 4, "B"), (5, 6, "B"), (7, 0, "A")])
    assert runs == {5: [(1, 3, "A"), (4, 4, "B"), (6, 6, "B")], 7: [(0, 0, "A")]}


@pytest.mark.parametrize(
    ("col", "code"),
    [(0, ""), (1, "A"), (3, "A"), (4, "B"), (5, ""), (6, "B"), (9, "")],
)
def test_a_point_is_the_governorate_of_its_cell(col, code):
    grid = AreaGrid(runs_of([(5, c, "A") for c in (1, 2, 3)] + [(5, 4, "B"), (5, 6, "B")]))
    lat, lon = (5 + 0.5) * CELL_DEG, (col + 0.5) * CELL_DEG
    assert cell(lat, lon) == (5, col)
    assert grid.at(lat, lon) == code
    assert grid.at(lat + CELL_DEG, lon) == ""  # another row


def test_no_outlines_no_grid():
    assert not AreaGrid() and AreaGrid().at(36.0, 43.0) == ""
    assert AreaGrid(runs_of([(1, 1, "A")]))
