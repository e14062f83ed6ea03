"""Compass parts of countries and governorates: "northern Iraq", "the east of Syria"."""

import pytest
from shapely.geometry import Polygon

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse
from gazetteer.geoparser.parts import DIRECTIONS, area_parts

SQUARE = Polygon([(40, 30), (43, 30), (43, 33), (40, 33)])  # lon 40-43, lat 30-33
NINAWA = Candidate(7, "Ninawa", 36.0, 42.5, "A", "ADM1", "IQ", 0, "Ninawa")
MOSUL = Candidate(8, "Mosul", 36.335, 43.119, "P", "PPLA", "IQ", 1683000, "Ninawa")
PARTS = {"IQ": area_parts(SQUARE), "SY": {"NE": (36.5, 41.0, 140.0)},
         7: {"W": (36.1, 41.9, 60.0)}, 8: {"N": (36.4, 43.1, 5.0)}}  # 8: a town


def index(parts=PARTS):
    return GazetteerIndex([("Ninawa", NINAWA), ("Nineveh", NINAWA), ("Mosul", MOSUL)], parts=parts)


def only(text, kind="country", idx=None):
    (t,) = [t for t in geoparse(text, idx or index()) if t.kind == kind]
    return t


def test_parts_are_the_outline_inside_a_band_of_a_three_by_three_grid():
    parts = area_parts(SQUARE)
    assert set(parts) == set(DIRECTIONS)
    assert parts["N"][:2] == (32.5, 41.5)  # the top row's centre
    assert parts["NE"][:2] == (32.5, 42.5)
    assert parts["C"][:2] == (31.5, 41.5)
    assert parts["W"][:2] == (31.5, 40.5)
    assert parts["NE"][2] < parts["N"][2] < 300  # a cell is smaller than a row


def test_a_part_outside_the_outline_is_left_out():
    triangle = Polygon([(40, 30), (43, 30), (40, 33)])  # nothing in the north-east cell
    assert "NE" not in area_parts(triangle) and "SW" in area_parts(triangle)


@pytest.mark.parametrize(("text", "direction"), [
    ("A drone hit a truck in northern Iraq on Monday.", "N"),
    ("Clashes in North East Iraq killed two.", "NE"),
    ("Fighting spread to the north-eastern part of Iraq.", "NE"),
    ("Troops moved into the south of Iraq.", "S"),
    ("Drought hit central Iraq.", "C"),
    ("Bomb kills three -police;Northern Iraq", "N"),  # UCDP joins headlines with ";"
])
def test_a_compass_word_codes_the_country_to_its_part(text, direction):
    t = only(text)
    lat, lon, radius = PARTS["IQ"][direction]
    assert (t.relation, t.direction, t.anchor, t.geo_precision) == ("part", direction, "Iraq", 3)
    assert (t.event_lat, t.event_lon, t.uncertainty_km) == (lat, lon, radius)
    assert t.point == (33.0, 44.0)  # the country itself is still the country


def test_no_part_for_a_stated_distance_a_town_an_unloaded_outline_or_a_region_name():
    assert only("A convoy 30 km north of Iraq's border was hit.").relation != "part"
    assert only("Shelling hit northern Mosul.", kind="place").relation != "part"
    assert only("Fighting in western Syria.").relation != "part"  # no "W" part given for SY
    assert only("Fighting in northern Iraq.", idx=index(parts={})).relation != "part"
    assert only("Troops fought in Iraq.").relation == ""


def test_a_compass_word_before_a_governorate_codes_it_to_its_part():
    t = only("Gunmen attacked a checkpoint in western Nineveh province.", kind="place")
    assert t.place.place_id == NINAWA.place_id
    assert (t.relation, t.event_lat, t.event_lon, t.geo_precision) == ("part", 36.1, 41.9, 3)
