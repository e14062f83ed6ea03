"""One incident per place when a clause lists several places with one predicate.

Pure (no Django): an invented gazetteer and invented sentences.
"""

import datetime as dt

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse
from incidents.extraction.pipeline import extract_incidents

PLACES = {
    "Alpha": (36.10, 43.10), "Bravo": (36.30, 43.40), "Charlie": (36.50, 43.70),
    "Delta": (35.50, 42.50),
}
INDEX = GazetteerIndex([
    (name, Candidate(i, name, lat, lon, "P", "PPLA2", "IQ", 60000, "Ninawa"))
    for i, (name, (lat, lon)) in enumerate(PLACES.items(), start=1)
] + [("Nineveh", Candidate(99, "Nineveh", 36.0, 42.5, "A", "ADM1", "IQ", 0, "Ninawa"))])


def incidents(text):
    return extract_incidents(text, published=dt.date(2024, 5, 1), toponyms=geoparse(text, INDEX))


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Airstrikes hit Alpha, Bravo and Charlie on Monday.", ["Alpha", "Bravo", "Charlie"]),
        ("Clashes broke out in the villages of Alpha and Bravo.", ["Alpha", "Bravo"]),
        ("Militants shelled Alpha, Bravo, Charlie.", ["Alpha", "Bravo", "Charlie"]),
        # a comma alone between two names is as often a container as a list
        ("Militants shelled Alpha, Bravo on Monday.", ["Alpha"]),
        # one scene
        ("Gunmen attacked a convoy between Alpha and Bravo.", ["Alpha"]),
        # the governorate a list of towns lies in is no member
        ("Airstrikes hit Alpha and Bravo in Nineveh.", ["Alpha", "Bravo"]),
    ],
)
def test_each_listed_place_has_its_incident(text, places):
    assert [i.location_name for i in incidents(text)] == places


def test_the_toll_is_shared_among_the_places_as_acled_codes_it():
    found = incidents("Clashes in Alpha, Bravo and Charlie killed 10 fighters.")
    assert [i.fatalities for i in found] == [4, 3, 3]
    assert {i.sub_event_type for i in found} == {"Armed clash"}


def test_an_unknown_place_named_with_a_known_one_is_placed_near_it():
    (found,) = incidents("Gunmen abducted 25 people between Unknownville and Bravo.")
    assert (found.lat, found.lon, found.geo_precision) == (*PLACES["Bravo"], 2)
