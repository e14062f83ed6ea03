"""The finest known anchor wins; a governorate is coded to its capital; the estimate beside.

Pure (no Django): a small invented gazetteer, the real geoparser and extraction.
"""

import datetime as dt
import math

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse
from gazetteer.geoparser.resolve import PART_OFFSET_KM, PART_RADIUS_KM
from incidents.extraction.pipeline import extract_incidents

GOV = Candidate(1, "Northa", 36.0, 43.0, "A", "ADM1", "IQ", 0, "Northa", area="XQ01", within=("XQ01",))
CAPITAL = Candidate(2, "Capitola", 36.3, 43.1, "P", "PPLA", "IQ", 900_000, "Northa", within=("XQ01",))
TOWN = Candidate(3, "Burja", 36.5, 42.6, "P", "PPLA2", "IQ", 60_000, "Northa", within=("XQ01",))
VILLAGE = Candidate(4, "Kafra", 36.55, 42.7, "P", "PPL", "IQ", 0, "Northa", within=("XQ01",))
MONDAY = dt.date(2021, 5, 18)


def _incident(text):
    index = GazetteerIndex([("Northa", GOV), ("Capitola", CAPITAL), ("Burja", TOWN), ("Kafra", VILLAGE)],
                           capitals={"XQ01": CAPITAL})
    (incident,) = extract_incidents(text, published=MONDAY, toponyms=geoparse(text, index),
                                    seats=index.capital)
    return incident


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


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out in eastern Northa on Monday.",
        "Clashes broke out in Zawra village in eastern Northa on Monday.",
        "Clashes broke out in Zawra village in the eastern countryside of Northa on Monday.",
        "Clashes broke out in Zawra village in the eastern Northa countryside on Monday.",
    ],
)
def test_a_part_of_a_governorate_is_estimated_in_its_direction_from_the_capital(text):
    incident = _incident(text)
    assert (incident.lat, incident.lon, incident.geo_precision) == (CAPITAL.lat, CAPITAL.lon, 3)
    assert incident.est_lat == pytest.approx(CAPITAL.lat, abs=0.01)
    east_km = (incident.est_lon - CAPITAL.lon) * 111.32 * math.cos(math.radians(CAPITAL.lat))
    assert east_km == pytest.approx(PART_OFFSET_KM, abs=0.5)
    assert incident.uncertainty_km == PART_RADIUS_KM


def test_a_displaced_point_is_the_estimate_and_its_anchor_the_code():
    incident = _incident("An IED exploded 20 km west of Burja on Monday.")
    assert (incident.lat, incident.lon) == (TOWN.lat, TOWN.lon)
    assert incident.est_lon < TOWN.lon and incident.uncertainty_km == pytest.approx(4.0)
