"""An unknown name headed by a known town's name falls back to the town (resolve/inner.py),
on invented places.

"Qasr al-Balad" (its old town) and the "Qasr-Northa" road are the town; "Qasr Nuwayr" (the Arabic head
noun qasr, "castle", with its own modifier) and "Suqur al-Qasr" (a group "of al-Qasr")
are not. A container the text states, or a document of the other country, rules the town
out as it rules out a namesake.
"""

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse

QASR = Candidate(1, "Qasr", 34.0, 38.0, "P", "PPLA2", "SY", 60_000, "Homsa", within=("SY04",))
HOMSA = Candidate(2, "Homsa", 34.2, 37.5, "A", "ADM1", "SY", 0, "Homsa", area="SY04", within=("SY04",))
NORTHA = Candidate(3, "Northa", 36.5, 40.0, "A", "ADM1", "SY", 0, "Northa", area="SY05", within=("SY05",))
PARTS = {2: {"C": (34.2, 37.5, 80.0)}, 3: {"C": (36.5, 40.0, 60.0)}}


def _index():
    return GazetteerIndex([("Qasr", QASR), ("Homsa", HOMSA), ("Northa", NORTHA)], parts=PARTS)


def _named(text, name):
    return next(t for t in geoparse(text, _index()) if t.text == name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Clashes took place in Qasr al-Balad on Monday.", "Qasr al-Balad"),
        ("Clashes took place on the Qasr-Northa road.", "Qasr-Northa"),
    ],
)
def test_a_name_headed_by_a_town_falls_back_to_it(text, name):
    t = _named(text, name)
    assert t.place is None  # still unknown, for review
    assert t.relation == "within" and t.anchor == "Qasr"
    assert t.point == (QASR.lat, QASR.lon)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the Arabic head noun with its own modifier: another place that begins alike
        ("Clashes took place in Qasr Nuwayr village on Monday.", "Qasr Nuwayr"),
        # the town's name after an article: "of al-Qasr", the head is the first word
        ("Clashes took place between Suqur al-Qasr and the regime in the desert.", "Suqur al-Qasr"),
    ],
)
def test_a_name_the_town_does_not_head_is_not_the_town(text, name):
    t = _named(text, name)
    assert t.relation != "within" and t.point is None


@pytest.mark.parametrize(
    ("container", "anchor"),
    [
        ("Homsa", "Qasr"),  # the town lies in it
        ("Northa", "Northa"),  # it does not: the name is placed at its container
    ],
)
def test_a_stated_container_rules_the_town_in_or_out(container, anchor):
    t = _named(f"Gunmen attacked a checkpoint in Qasr al-Balad in {container} governorate.", "Qasr al-Balad")
    assert t.relation == "within" and t.anchor == anchor


def test_a_town_across_the_border_is_not_the_head_in_a_document_of_the_other_country():
    iraqi = Candidate(1, "Qasr", 34.0, 42.0, "P", "PPLA2", "IQ", 60_000, "Anbara")
    index = GazetteerIndex([("Qasr", iraqi)])

    def point(text):
        return next(t for t in geoparse(text, index) if t.text == "Qasr al-Balad").point

    assert point("Syrian regime forces shelled Qasr al-Balad.") is None
    assert point("Gunmen shelled Qasr al-Balad.") == (iraqi.lat, iraqi.lon)
