"""Containment as a constraint (gazetteer/geoparser/containment.py), on invented places.

A name the text puts inside another resolves only inside it: by the loaded outlines
(Candidate.area / within, P-codes) where the container is an area, by distance for a
town; a loaded outline decides alone, and without one a reading just past a
governorate's reach still counts (texts put border towns in the neighbour); a namesake
far away never; with no reading inside, the name is left for review and coded to its
container.
"""

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse
from gazetteer.geoparser.containment import fit

# Two governorates with outlines (their compass parts: centre and radius) and their towns.
NORTH_GOV = Candidate(1, "Northa", 36.0, 43.0, "A", "ADM1", "IQ", 0, "Northa", area="XQ01", within=("XQ01",))
SOUTH_GOV = Candidate(2, "Southa", 32.0, 45.0, "A", "ADM1", "IQ", 0, "Southa", area="XQ02", within=("XQ02",))
NORTH_TOWN = Candidate(10, "Northa", 36.05, 43.05, "P", "PPLA", "IQ", 500_000, "Northa", within=("XQ01",))
KAFRA_NORTH = Candidate(11, "Kafra", 36.3, 42.8, "P", "PPL", "IQ", 0, "Northa", within=("XQ01",))
KAFRA_SOUTH = Candidate(12, "Kafra", 31.9, 45.2, "P", "PPL", "IQ", 900, "Southa", within=("XQ02",))
KAFRA_ABROAD = Candidate(13, "Kafra", 33.9, 35.5, "P", "PPLA", "LB", 160_000, "")
ONLY_SOUTH = Candidate(14, "Zubara", 31.8, 45.1, "P", "PPL", "IQ", 0, "Southa", within=("XQ02",))
PARTS = {1: {"C": (36.0, 43.0, 60.0)}, 2: {"C": (32.0, 45.0, 60.0)}}


def _index(*extra, capitals=None):
    entries = [("Northa", NORTH_GOV), ("Northa", NORTH_TOWN), ("Southa", SOUTH_GOV), ("Kafra", KAFRA_NORTH),
               ("Kafra", KAFRA_SOUTH), ("Kafra", KAFRA_ABROAD), ("Zubara", ONLY_SOUTH), *extra]
    return GazetteerIndex(entries, parts=PARTS, capitals=capitals)


def _named(text, name, index=None):
    return next(t for t in geoparse(text, index or _index()) if t.text == name)


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("Gunmen attacked a checkpoint in Kafra, Southa governorate.", KAFRA_SOUTH.place_id),
        ("Gunmen attacked a checkpoint in Kafra, Northa governorate.", KAFRA_NORTH.place_id),
        ("Shells fell on Kafra in Southa on Monday.", KAFRA_SOUTH.place_id),
        ("Shells fell on Kafra village in the countryside of Northa on Monday.", KAFRA_NORTH.place_id),
    ],
)
def test_a_name_resolves_inside_its_stated_container(text, place_id):
    assert _named(text, "Kafra").place.place_id == place_id


def test_with_no_reading_inside_the_name_is_left_to_its_container():
    kafra = _named("A bomb went off in Zubara, Northa governorate.", "Zubara")
    assert kafra.place is None and kafra.candidates  # kept for an analyst
    assert kafra.relation == "within" and kafra.anchor == "Northa"


def test_a_namesake_abroad_never_stands_for_a_place_stated_in_a_governorate():
    kafra = _named("Clashes broke out in Kafra in Northa.", "Kafra")
    assert kafra.place.country == "IQ"


def test_a_loaded_outline_decides_a_place_just_across_it_is_outside():
    # 85 km from the centre of a governorate 60 km in radius: across its loaded line.
    near = Candidate(20, "Qasira", 36.0, 43.0 + 0.95, "P", "PPL", "IQ", 0, "Easta", within=("XQ03",))
    assert fit(near, NORTH_GOV, _index(), how="in") == 0
    far = Candidate(21, "Qasira", 32.0, 45.0, "P", "PPL", "IQ", 0, "Southa", within=("XQ02",))
    assert fit(far, NORTH_GOV, _index(), how="in") == 0
    assert fit(KAFRA_NORTH, NORTH_GOV, _index(), how="in") == 2
    # a reading with no area codes of its own (abroad, say) on the outline: near it
    bare = Candidate(22, "Qasira", 36.2, 43.2, "P", "PPL", "IQ", 0, "")
    assert fit(bare, NORTH_GOV, _index(), how="in") == 1


def test_without_outlines_a_place_just_past_a_governorates_reach_is_near_it():
    # no outline loaded: the governorate's point and reach, with a margin for its border
    index = GazetteerIndex([("Northa", NORTH_GOV)])
    near = Candidate(20, "Qasira", 36.0, 43.0 + 1.9, "P", "PPL", "IQ", 0, "Easta", within=("XQ03",))
    assert fit(near, NORTH_GOV, index, how="in") == 1  # 171 km: its 150 km reach and a margin
    far = Candidate(21, "Qasira", 36.0, 43.0 + 2.2, "P", "PPL", "IQ", 0, "Easta", within=("XQ03",))
    assert fit(far, NORTH_GOV, index, how="in") == 0


def test_a_chain_is_read_from_the_right():
    # "Kafra in Ruwaida in Southa": Ruwaida is no known place, so Kafra lies in Southa.
    kafra = _named("Fighting hit Kafra in Ruwaida in Southa.", "Kafra")
    assert kafra.place.place_id == KAFRA_SOUTH.place_id


SPELLED = Candidate(30, "Al-Duloeyah", 36.1, 43.1, "P", "PPL", "IQ", 0, "Northa", within=("XQ01",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ض written dh or d, vowels as they come: the container's village spelled otherwise
        ("A bomb went off in Dhuluiya, Northa governorate.", SPELLED.place_id),
        ("A bomb went off in Dhuluiya town in Northa.", SPELLED.place_id),
        # no container stated, or one the village is not in: no guess
        ("A bomb went off in Dhuluiya on Monday.", None),
        ("A bomb went off in Dhuluiya, Southa governorate.", None),
    ],
)
def test_a_name_spelled_otherwise_is_found_only_inside_its_container(text, expected):
    found = [t for t in geoparse(text, _index(("Al-Duloeyah", SPELLED))) if t.text == "Dhuluiya"]
    placed = [t.place.place_id if t.place else None for t in found]
    assert placed == [expected] or (expected is None and not placed)


# A village of Northa that reports spell otherwise (vowels), and one abroad.
ZUBAYKHAN = Candidate(70, "Zubaykhan", 36.2, 43.2, "P", "PPL", "IQ", 0, "Northa", within=("XQ01",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the text puts in no container, in a document that names Northa: a village
        # of Northa spelled very alike is the one meant
        ("Militias captured the village of Zbeikhan after clashes, and shells fell on Northa.",
         ZUBAYKHAN.place_id),
        ("Clashes broke out in the Zbeikhan area on Monday, and shells fell on Northa.", ZUBAYKHAN.place_id),
        # a document that names no governorate: no guess
        ("Militias captured the village of Zbeikhan after clashes.", None),
        # nor from a name only loosely alike
        ("Militias captured the village of Zbakna after clashes, and shells fell on Northa.", None),
    ],
)
def test_a_name_spelled_otherwise_is_read_in_the_governorates_the_document_names(text, expected):
    name = next(w for w in text.split() if w.startswith("Zb"))
    found = _named(text, name, _index(("Zubaykhan", ZUBAYKHAN)))
    assert (found.place.place_id if found.place else None) == expected


# Just across Northa's line (inside its compass parts): a village of the capital's
# governorate and one of another governorate, both spelled otherwise than in the text.
CAPITAL = Candidate(31, "Capa", 36.6, 43.6, "P", "PPLC", "IQ", 5_000_000, "Capa", within=("XQ05",))
BELT_VILLAGE = Candidate(32, "Latifiyah", 36.3, 43.3, "P", "PPL", "IQ", 0, "Capa", within=("XQ05",))
OTHER_VILLAGE = Candidate(33, "Sharawina", 36.3, 43.3, "P", "PPL", "IQ", 0, "Easta", within=("XQ03",))


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # the belt is the capital's: reports put its villages in the governorates around it
        ("A mortar fell on Latifiya, Northa governorate.", "Latifiya", BELT_VILLAGE.place_id),
        # elsewhere a name only alike across the line is no reading of the stated one
        ("A mortar fell on Sharawin, Northa governorate.", "Sharawin", None),
    ],
)
def test_a_name_spelled_otherwise_across_the_line_is_read_only_in_the_capitals_belt(text, name, expected):
    index = _index(("Latifiyah", BELT_VILLAGE), ("Sharawina", OTHER_VILLAGE), capitals={"XQ05": CAPITAL})
    found = _named(text, name, index)
    assert (found.place.place_id if found.place else None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A bomb went off on the Kafra street in Northa city.",  # a street named after a town
        "Gunmen opened fire in Kafra square, Northa city.",
    ],
)
def test_a_street_named_after_a_far_town_is_no_place_of_that_town(text):
    far = Candidate(40, "Kafra", 33.3, 44.4, "P", "PPLC", "IQ", 5_000_000, "Baghdad", within=("XQ09",))
    kafra = _named(text, "Kafra", GazetteerIndex([("Kafra", far), ("Northa", NORTH_TOWN)], parts=PARTS))
    assert kafra.place is None and kafra.anchor == "Northa"


def test_a_tribe_named_like_a_village_is_no_place():
    found = geoparse("Clashes broke out between the Kafra tribe and the Zubara clan.", _index())
    assert [t.kind for t in found] == ["organisation", "organisation"]


def test_a_hamlet_abroad_far_from_every_governorate_named_is_left_for_review():
    abroad = Candidate(50, "Hurra", 31.0, 47.5, "P", "PPL", "KW", 0, "")
    found = geoparse("Clashes erupted in Hurra neighbourhood, near the stadium in Northa city.",
                     _index(("Hurra", abroad)))
    hurra = next(t for t in found if t.text == "Hurra")
    assert hurra.place is None and hurra.candidates


# A seat and a district of a third governorate just across Northa's line, a village
# there, and a sub-district of Southa's name far away in Northa.
EAST_SEAT = Candidate(40, "Suwayda", 36.0, 43.95, "P", "PPLA", "IQ", 80_000, "Easta", within=("XQ03",))
EAST_DISTRICT = Candidate(41, "Suwayda", 36.0, 43.95, "A", "ADM2", "IQ", 0, "Easta", area="XQ0301",
                          within=("XQ03", "XQ0301"))
EAST_VILLAGE = Candidate(42, "Dawra", 36.0, 43.95, "P", "PPL", "IQ", 0, "Easta", within=("XQ03",))
SOUTHA_NAHIYA = Candidate(43, "Southa", 36.2, 42.9, "A", "ADM3", "IQ", 0, "Northa", area="XQ0101N1",
                          within=("XQ01", "XQ0101", "XQ0101N1"))
TAL_TOWN = Candidate(46, "Tal", 31.9, 45.3, "P", "PPLA2", "IQ", 50_000, "Southa", within=("XQ02",))
JALULA = Candidate(45, "Jalula", 36.45, 43.05, "P", "PPL", "IQ", 0, "Northa", within=("XQ01",))
ONLY_NORTH_OF_NAHIYA = Candidate(44, "Hilla", 36.21, 42.91, "P", "PPL", "IQ", 0, "Northa", within=("XQ01",))


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a village just across the loaded line is another governorate's, not the one
        # the text names (it stays for review, the event at the container) ...
        ("A mortar fell on Dawra, Northa governorate.", "Dawra", None),
        # ... and so is a governorate's seat or a district only alike in name ("Sayda town
        # in Dar'a countryside")
        ("Gunmen shot a man in Sayda town in Northa countryside.", "Sayda", None),
        # "X governorate" is the governorate, not a sub-district of that name elsewhere
        ("Gunmen shot a man in Hilla town, Southa governorate.", "Hilla", None),
        # a head word written as part of the name ("Hole Camp in Al Hasakeh") still
        # lets the container be stated
        ("Clashes broke out in Zubara Camp in Northa.", "Zubara", None),
        # so does a facility's head word ("the Al-Askari Shrine in Samarra city")
        ("Mortars struck the Zubara checkpoint in Northa.", "Zubara", None),
        # a town's own reach has no margin: a namesake 44 km from the city stated is not it
        ("A bomb went off in Jalula area, Northa city, Northa governorate.", "Jalula", None),
        # an ayn mark opening a word keeps it in the name: "Tal 'Adah" is no town "Tal"
        ("Gunmen shot two men in Tal 'Adah village in Northa countryside.", "Tal 'Adah", None),
    ],
)
def test_what_lies_just_across_a_stated_governorate(text, name, expected):
    index = _index(("Suwayda", EAST_SEAT), ("Suwayda", EAST_DISTRICT), ("Dawra", EAST_VILLAGE),
                   ("Southa", SOUTHA_NAHIYA), ("Hilla", ONLY_NORTH_OF_NAHIYA), ("Jalula", JALULA),
                   ("Tal", TAL_TOWN))
    found = _named(text, name, index)
    assert (found.place.place_id if found.place else None) == expected


# Two districts of Northa with loaded outlines, and a village of each 40-50 km from the
# other district's point: within a district's reach and margin, but in the other outline.
WEST_DISTRICT = Candidate(60, "Gharba", 36.0, 42.6, "A", "ADM2", "IQ", 0, "Northa", area="XQ0102",
                          within=("XQ01", "XQ0102"))
QAMSA_EAST = Candidate(61, "Qamsa", 36.2, 43.0, "P", "PPL", "IQ", 0, "Northa", within=("XQ01", "XQ0101"))
QAMSA_WEST = Candidate(62, "Qamsa", 35.9, 42.5, "P", "PPL", "IQ", 0, "Northa", within=("XQ01", "XQ0102"))


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # only a governorate's line has a belt: a village in the next district is another
        # district's, whether named as written ...
        ("Clashes broke out in Qamsa in Gharba district.", "Qamsa", None),
        # ... or spelled otherwise
        ("Clashes broke out in Qamsah in Gharba district.", "Qamsah", None),
    ],
)
def test_a_districts_loaded_outline_decides_alone(text, name, expected):
    index = _index(("Gharba", WEST_DISTRICT), ("Qamsa", QAMSA_EAST))
    found = _named(text, name, index)
    assert (found.place.place_id if found.place else None) == expected
    assert found.anchor == "Gharba"


def test_a_reading_inside_the_districts_outline_fits_it():
    index = _index(("Gharba", WEST_DISTRICT), ("Qamsa", QAMSA_EAST), ("Qamsa", QAMSA_WEST))
    assert fit(QAMSA_WEST, WEST_DISTRICT, index, how="in") == 2
    assert fit(QAMSA_EAST, WEST_DISTRICT, index, how="in") == 0
    assert _named("Clashes broke out in Qamsa in Gharba district.", "Qamsa", index).place == QAMSA_WEST


# A well-known town of Southa whose name a Northa village shares.
DURA_TOWN = Candidate(47, "Dura", 32.1, 44.9, "P", "PPLA2", "IQ", 110_000, "Southa", within=("XQ02",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in prose, the governorate is named to tell a village from the town everyone
        # knows: its outline decides, and the name is left to it
        ("Troops took the village of Dura in eastern Northa.", None),
        ("Clashes erupted in Dura in the Northa countryside.", None),
        # an address line can be a slip of its writer: the known town stands
        ("Air strike near Dura, Northa governorate, Iraq.", DURA_TOWN.place_id),
        # a town as container has no outline: the known town stands too
        ("A bomb went off in Dura in Northa city.", DURA_TOWN.place_id),
    ],
)
def test_a_known_town_in_prose_inside_another_governorate_is_a_namesake(text, expected):
    found = _named(text, "Dura", _index(("Dura", DURA_TOWN)))
    assert (found.place.place_id if found.place else None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Shells fell on Zubara, Hilwa and Qasim Dayr in Northa.",
        # items the recogniser does not read as names still make the list
        "Shells fell on Zubara, Upper Hilwa, Qaryat al Burj, and Kafra in the Northa countryside.",
        "Rebels shelled the villages of Zubara and Hilwa, in Northa.",
    ],
)
def test_every_name_of_a_list_lies_in_the_container_stated_after_it(text):
    zubara = _named(text, "Zubara")  # its only reading is in Southa
    assert zubara.place is None and zubara.candidates
    assert (zubara.relation, zubara.anchor) == ("within", "Northa")


@pytest.mark.parametrize(
    "text",
    [
        # "between A and B in Y" is one scene, not a list of places in Y
        "A body was found on the road between Zubara and Hilwa in Northa.",
        # one comma is a container as often as a list
        "Shells fell on Zubara, Hilwa in Northa.",
        # a lowercase word ends the list ("in" is no part of a name)
        "Shells fell on Zubara, where Hilwa and Qasim Dayr in Northa were hit.",
        # "X in Y and Z in W": two statements, Y is not listed with Z in W
        "Fighting hit Kafra in Zubara and Hilwa in Northa.",
    ],
)
def test_no_list_no_lists_container(text):
    assert _named(text, "Zubara").place == ONLY_SOUTH


def test_a_name_a_list_comma_follows_is_framed_by_the_governorate_the_text_names():
    # "Kafra, Zubara and Hilwa" states no container: Kafra is still read in Northa, the
    # governorate the text names, rather than next to Zubara's only reading in Southa.
    found = geoparse("Rebels shelled Kafra, Zubara and Hilwa on Monday, the Northa governor said.", _index())
    assert found[0].place == KAFRA_NORTH
