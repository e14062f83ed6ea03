"""The finest known anchor wins; a governorate is coded to its capital; the estimate beside.

Pure (no Django): a small invented gazetteer, the real geoparser and extraction.
"""

import datetime as dt
import math

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse
from gazetteer.geoparser.areagrid import AreaGrid, cell, runs_of
from gazetteer.geoparser.resolve import PART_OFFSET_KM, PART_RADIUS_KM
from incidents.extraction.pipeline import extract_incidents

GOV = Candidate(1, "Northa", 36.0, 43.0, "A", "ADM1", "IQ", 0, "Northa", area="XQ01", within=("XQ01",))
CAPITAL = Candidate(2, "Capitola", 36.3, 43.1, "P", "PPLA", "IQ", 900_000, "Northa", within=("XQ01",))
TOWN = Candidate(3, "Burja", 36.5, 42.6, "P", "PPLA2", "IQ", 60_000, "Northa", within=("XQ01",))
VILLAGE = Candidate(4, "Kafra", 36.55, 42.7, "P", "PPL", "IQ", 0, "Northa", within=("XQ01",))
MONDAY = dt.date(2021, 5, 18)


def _incident(text, **outlines):
    index = GazetteerIndex([("Northa", GOV), ("Capitola", CAPITAL), ("Burja", TOWN), ("Kafra", VILLAGE)],
                           capitals={"XQ01": CAPITAL}, **outlines)
    (incident,) = extract_incidents(text, published=MONDAY, toponyms=geoparse(text, index),
                                    seats=index.capital, areas=index.areas)
    return incident


def _east_km(lon, of):
    return (lon - of.lon) * 111.32 * math.cos(math.radians(of.lat))


def _north_km(lat, of):
    return (lat - of.lat) * 111.32


def _lon_east_of(place, km):
    return place.lon + km / (111.32 * math.cos(math.radians(place.lat)))


def _border_at(lon):
    """Outlines whose governorate XQ01 ends at a meridian east of Capitola and Burja."""
    (row0, col0), (row1, col1) = cell(35.5, 42.0), cell(37.0, 44.5)
    cut = cell(36.0, lon)[1]
    cells = [(row, col, "XQ01" if col < cut else "XQ02")
             for row in range(row0, row1 + 1) for col in range(col0, col1 + 1)]
    return AreaGrid(runs_of(cells))


@pytest.mark.parametrize(
    ("text", "name", "point", "precision"),
    [
        # a known village in its town's countryside is the village itself
        ("Clashes broke out in Kafra village in the countryside of Burja in Northa on Monday.",
         "Kafra", (VILLAGE.lat, VILLAGE.lon), 1),
        # an unknown village is coded to the town the text puts it near
        ("Clashes broke out in Zawra village in the countryside of Burja on Monday.",
         "Burja", (TOWN.lat, TOWN.lon), 2),
        # a governorate, as ACLED codes it: its capital, a larger region (3)
        ("Clashes broke out in the Northa countryside on Monday.", "Northa", (CAPITAL.lat, CAPITAL.lon), 3),
        # an unknown village stated only in a governorate: the capital too
        ("Clashes broke out in Zawra village in Northa governorate on Monday.",
         "Northa", (CAPITAL.lat, CAPITAL.lon), 3),
        # where people come from is not where the event is
        ("Gunmen from Burja shot dead a soldier in Kafra on Monday.", "Kafra", (VILLAGE.lat, VILLAGE.lon), 1),
    ],
)
def test_the_finest_known_anchor_codes_the_event(text, name, point, precision):
    incident = _incident(text)
    assert (incident.location_name, (incident.lat, incident.lon), incident.geo_precision) == (
        name, point, precision)


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out in the Northa countryside on Monday.",
        "Clashes broke out in Zawra village in Northa governorate on Monday.",
    ],
)
def test_a_governorate_is_estimated_by_its_capital_with_a_wide_radius(text):
    # not by its outline's centre, which may lie in the desert far from any village
    incident = _incident(text)
    assert (incident.est_lat, incident.est_lon) == (CAPITAL.lat, CAPITAL.lon)
    assert incident.uncertainty_km >= 30


def test_a_part_named_alone_is_coded_to_the_capital_and_estimated_in_its_direction():
    incident = _incident("Clashes broke out in eastern Northa on Monday.")
    assert (incident.lat, incident.lon, incident.geo_precision) == (CAPITAL.lat, CAPITAL.lon, 3)
    assert incident.est_lat == pytest.approx(CAPITAL.lat, abs=0.01)
    assert _east_km(incident.est_lon, CAPITAL) == pytest.approx(PART_OFFSET_KM, abs=0.5)
    assert incident.uncertainty_km == PART_RADIUS_KM


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out in Zawra village in eastern Northa on Monday.",
        "Clashes broke out in Zawra village in the eastern countryside of Northa on Monday.",
        "Clashes broke out in Zawra village in the eastern Northa countryside on Monday.",
    ],
)
def test_an_unknown_village_in_a_part_is_coded_in_that_part(text):
    # the village is somewhere in the eastern countryside, not at the capital
    incident = _incident(text)
    assert (incident.lat, incident.lon) == (incident.est_lat, incident.est_lon)
    assert incident.geo_precision == 3 and incident.uncertainty_km == PART_RADIUS_KM
    assert _east_km(incident.lon, CAPITAL) == pytest.approx(PART_OFFSET_KM, abs=0.5)


def test_an_unknown_village_in_a_towns_countryside_is_coded_in_that_countryside():
    incident = _incident("Clashes broke out in Zawra village in the eastern countryside of Burja on Monday.")
    assert (incident.lat, incident.lon, incident.geo_precision) == (incident.est_lat, incident.est_lon, 2)
    assert _east_km(incident.lon, TOWN) == pytest.approx(PART_OFFSET_KM, abs=0.5)
    assert incident.location_name == "Eastern countryside of Burja"  # named as coded, not "Burja"


def test_an_unknown_village_in_a_governorates_part_is_named_by_the_part():
    incident = _incident("Clashes broke out in Zawra village in eastern Northa on Monday.")
    assert incident.location_name == "Eastern Northa"


@pytest.mark.parametrize(("border_km", "moved_km"), [(30, PART_OFFSET_KM), (20, 15.0), (12, 7.5), (3, 0.0)])
def test_a_towns_countryside_stays_in_its_governorate(border_km, moved_km):
    # Burja's governorate ends border_km east of it: its eastern countryside moves less far
    border = _lon_east_of(TOWN, border_km)
    incident = _incident("Clashes broke out in Zawra village in the eastern countryside of Burja on Monday.",
                         areas=_border_at(border))
    assert _east_km(incident.lon, TOWN) == pytest.approx(moved_km, abs=1.0)


def test_a_part_that_would_leave_its_governorate_is_the_outlines_part():
    # Capitola lies 10 km from its governorate's eastern edge: "eastern Northa" is the
    # eastern piece of Northa's outline, not a point across the line
    border = _lon_east_of(CAPITAL, 10)
    east = (36.1, CAPITAL.lon + 0.05, 30.0)
    incident = _incident("Clashes broke out in Zawra village in eastern Northa on Monday.",
                         areas=_border_at(border), parts={GOV.place_id: {"E": east}})
    assert (incident.lat, incident.lon) == east[:2]
    incident = _incident("Clashes broke out in Zawra village in eastern Northa on Monday.",
                         parts={GOV.place_id: {"E": east}})
    assert _east_km(incident.lon, CAPITAL) == pytest.approx(PART_OFFSET_KM, abs=0.5)  # no outlines: no line


def test_a_displaced_point_is_the_estimate_and_its_anchor_the_code():
    incident = _incident("An IED exploded 20 km west of Burja on Monday.")
    assert (incident.lat, incident.lon) == (TOWN.lat, TOWN.lon)
    assert incident.est_lon < TOWN.lon and incident.uncertainty_km == pytest.approx(4.0)



WESTA = Candidate(11, "Westa", 35.0, 40.0, "A", "ADM1", "SY", 0, "Westa", area="XS02", within=("XS02",))
WESTA_CITY = Candidate(12, "Westa", 35.2, 40.1, "P", "PPLA", "SY", 300_000, "Westa", within=("XS02",))


@pytest.mark.parametrize(
    ("text", "coded_north_km"),
    [
        # a village in a compass part of a town (a governorate's capital here): in that
        # part of its countryside, as "in the northern countryside of Westa" says
        ("Clashes broke out in Zawra village in northern Westa on Monday.", PART_OFFSET_KM),
        # the part named alone is coded, as ACLED does, to the capital
        ("Clashes broke out in northern Westa on Monday.", 0.0),
        # a quarter of the town, or a part the text calls the town's, is the town's
        ("Clashes broke out in Zawra neighbourhood in northern Westa on Monday.", 0.0),
        ("Clashes broke out in Zawra village in northern Westa city on Monday.", 0.0),
    ],
)
def test_a_village_in_a_compass_part_of_a_town_is_coded_in_that_part(text, coded_north_km):
    index = GazetteerIndex([("Westa", WESTA), ("Westa", WESTA_CITY), ("Burja", TOWN)],
                           capitals={"XS02": WESTA_CITY})
    (incident,) = extract_incidents(text, published=MONDAY, toponyms=geoparse(text, index),
                                    seats=index.capital)
    assert _north_km(incident.lat, WESTA_CITY) == pytest.approx(coded_north_km, abs=0.5)


def test_a_village_in_a_compass_part_of_any_town_is_in_its_countryside():
    incident = _incident("Clashes broke out in Zawra village in southern Burja on Monday.")
    assert _north_km(incident.lat, TOWN) == pytest.approx(-PART_OFFSET_KM, abs=0.5)
    assert incident.geo_precision == 2


def test_an_unknown_name_tied_to_nothing_falls_back_to_the_place_the_clause_states():
    # the unknown village is tied to nothing known: the place the clause puts the event in
    incident = _incident("Clashes broke out in Zawra village and its fields in eastern Northa on Monday.")
    assert (incident.location_name, incident.lat, incident.lon) == (
        "Eastern Northa", CAPITAL.lat, CAPITAL.lon)


@pytest.mark.parametrize(
    "text",
    [
        # an unknown name the clause ties to no known place it reads as the scene: the
        # known place the clause names closest to it, nearby
        "A fighter was killed in clashes in the Zawra neighbourhood in the capital Burja on Monday.",
        "Clashes took place at Zawra village in Eastern Burja on Monday.",
        "Clashes took place in Zawra village, eastern Burja city, on Monday.",
        "Fighters killed 11 soldiers south of Zawra village southwestern Burja on Monday.",
        "Militants clashed with soldiers in Zawra neighbourhood on the outskirts of west Burja on Monday.",
    ],
)
def test_an_unknown_name_tied_to_nothing_stated_falls_back_to_the_known_place_named_closest(text):
    incident = _incident(text)
    assert (incident.lat, incident.lon) == (TOWN.lat, TOWN.lon)
    assert incident.geo_precision == 2


@pytest.mark.parametrize(
    "text",
    [
        # a group named after a town: whose the members are, not where the event is
        "Clashes took place between members of Burja Popular Resistance and soldiers in Kafra on Monday.",
        "Militants killed 11 fighters of the Burja Shield in Kafra on Monday.",
        "Fighters detained a commander of the Burja bloc in Kafra on Monday.",
        # where people come from, likewise
        "A soldier from Burja was killed in Kafra on Monday.",
    ],
)
def test_a_place_naming_whose_or_whence_people_are_is_not_the_scene(text):
    assert _incident(text).location_name == "Kafra"


# A district whose seat (which has the district's name too) lies 55 km from its centroid.
MENBA = Candidate(30, "Menba", 36.0, 43.6, "A", "ADM2", "IQ", 0, "Northa", area="XQ0103",
                  within=("XQ01", "XQ0103"))
MENBA_SEAT = Candidate(31, "Manba", 36.5, 43.6, "P", "PPLA2", "IQ", 80_000, "Northa",
                       within=("XQ01", "XQ0103"))


def _menba_incident(text):
    index = GazetteerIndex([("Northa", GOV), ("Capitola", CAPITAL), ("Menba", MENBA), ("Manba", MENBA_SEAT),
                            ("Menba", MENBA_SEAT)], capitals={"XQ01": CAPITAL})
    (incident,) = extract_incidents(text, published=MONDAY, toponyms=geoparse(text, index),
                                    seats=index.capital)
    return incident


@pytest.mark.parametrize(
    "text", ["Clashes broke out in Menba countryside on Monday.",
             "Clashes broke out in the Menba district on Monday."])
def test_a_district_is_coded_at_its_seat_however_far_its_centroid(text):
    incident = _menba_incident(text)
    assert (incident.lat, incident.lon) == (MENBA_SEAT.lat, MENBA_SEAT.lon)


def test_the_estimate_of_a_districts_countryside_is_its_seats_countryside():
    text = "Clashes broke out in western Menba countryside on Monday."
    incident = _menba_incident(text)
    # west of the seat, 55 km from the district's centroid
    assert _north_km(incident.est_lat, MENBA_SEAT) == pytest.approx(0.0, abs=1.0)
    assert -PART_OFFSET_KM - 1 < _east_km(incident.est_lon, MENBA_SEAT) < -5


def test_the_estimate_of_a_quarter_of_a_city_is_the_city_not_its_governorates_centre():
    text = "Gunmen shot a man in Westa Al Balad in Westa city on Monday."
    district = Candidate(13, "Westa", 34.8, 39.8, "A", "ADM2", "SY", 0, "Westa", area="XS0201",
                         within=("XS02", "XS0201"))
    index = GazetteerIndex([("Westa", WESTA), ("Westa", district), ("Westa", WESTA_CITY)],
                           capitals={"XS02": WESTA_CITY})
    (incident,) = extract_incidents(text, published=MONDAY, toponyms=geoparse(text, index),
                                    seats=index.capital)
    assert (incident.lat, incident.lon) == (WESTA_CITY.lat, WESTA_CITY.lon)
    assert (incident.est_lat, incident.est_lon) == (WESTA_CITY.lat, WESTA_CITY.lon)


@pytest.mark.parametrize(
    "text",
    [
        # the town the text puts an unknown place near is finer than its governorate
        "Rebels took control of Zawra village in the eastern countryside of Northa south of Burja on Monday.",
        "Soldiers captured the Zawra hill in eastern Northa, near Burja, on Monday.",
        "Clashes went on in the Zawra area of Northa near Burja on Monday.",
    ],
)
def test_an_unknown_place_near_a_town_is_at_the_town_not_its_governorate(text):
    incident = _incident(text)
    assert (incident.location_name, incident.geo_precision) == ("Burja", 2)
    assert _north_km(incident.lat, TOWN) < 1 and abs(_east_km(incident.lon, TOWN)) < 1


def test_a_name_after_its_detached_article_is_after_its_preposition():
    # "in al-Burja": the preposition governs the town, whose span starts after "al-"
    incident = _incident("Fighters clashed with the militants near al-Burja in Northa on Monday.")
    assert incident.location_name == "Burja"
