"""ACLED event vocabulary beyond the tuning set: territory, riots, protests met by force,
grenades, barrel bombs, leftover ordnance, battles told by their toll; actors that take
territory; locations on mountains and at facilities named after a town.

The sentences are invented for these tests (none comes from a shared corpus).
"""

import datetime as dt

import pytest

from gazetteer.geoparser.types import Candidate, Toponym
from incidents.extraction.actors import actor_mentions, is_government
from incidents.extraction.events import classify, fatalities
from incidents.extraction.pipeline import extract_incidents


@pytest.mark.parametrize(
    ("clause", "sub_event_type"),
    [
        ("Army units recaptured the village from the militants", "Government regains territory"),
        ("The militants seized the town of Example after a night of fighting",
         "Non-state actor overtakes territory"),
        ("Rebels took full control of the district centre", "Non-state actor overtakes territory"),
        ("The hill town fell to the insurgents", "Non-state actor overtakes territory"),
        ("Police captured three men wanted for murder", "Arrests"),
        ("Angry demonstrators torched the party office", "Violent demonstration"),
        ("Protesters clashed with riot police near the bridge", "Violent demonstration"),
        ("Security forces opened fire on the protesters, killing two", "Excessive force against protesters"),
        ("Police fired tear gas to disperse the sit-in", "Protest with intervention"),
        ("A mob beat a man accused of theft", "Mob violence"),
        ("Someone threw a hand grenade into the courtyard", "Grenade"),
        ("Helicopters dropped barrel bombs on the market", "Air/drone strike"),
        ("Warplanes killed four fighters at a farm", "Air/drone strike"),
        ("An unexploded shell went off in a field", "Remote explosive/landmine/IED"),
        ("A shell fell on the school yard", "Shelling/artillery/missile attack"),
        ("Soldiers killed two insurgents in a raid", "Armed clash"),
        ("Heavy fighting raged on the edge of the town", "Armed clash"),
        ("Gunmen opened fire on a police patrol", "Armed clash"),
        ("The two groups fought for control of the crossing", "Armed clash"),
        ("An explosion tore through a weapons depot", "Remote explosive/landmine/IED"),
        ("Residents took to the streets over power cuts", "Peaceful protest"),

        ("A suicide truck bomb ripped through the market", "Suicide bomb"),
        ("Government bombardment of the enclave went on all night", "Shelling/artillery/missile attack"),
        ("Gunmen attacked an army bus outside the town", "Armed clash"),

        ("Families demonstrated outside the court demanding news of kidnapped relatives",
         "Peaceful protest"),
        ("Students staged a sit-in over the arrest of their teacher", "Peaceful protest"),
        ("Armed men stopped the car and took him to an unknown destination",
         "Abduction/forced disappearance"),

        ("A motorcycle rigged with explosives blew up near a mosque", "Remote explosive/landmine/IED"),
        ("ISIS executed five captured shepherds", "Attack"),
    ],
)
def test_classify_covers_the_acled_sub_event_types_reports_use(clause, sub_event_type):
    assert classify(clause).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "clause",
    [
        "Thousands of unexploded mines still lie in the fields",  # a state of affairs
        "Shell company accounts were frozen",
        "The council discussed the budget for next year",
        "The authorities executed 11 men convicted of terrorism",  # a court's sentence
    ],
)
def test_classify_leaves_statements_without_an_event_alone(clause):
    assert classify(clause) is None


def test_government_actors_are_states_and_their_affiliates_not_the_sdf():
    assert is_government("Military Forces of Syria")
    assert is_government("PMF: Popular Mobilization Forces")
    assert not is_government("SDF: Syrian Democratic Forces")
    assert not is_government("ISIS")


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Three children died when the roof fell in", 3),
        ("seven soldiers and nine militants died in the fighting", 16),

        ("killing about 20 people", 20),
        ("leaving at least one soldier and one tribal fighter dead", 2),
        ("Two soldiers were martyred in the attack", 2),
    ],
)
def test_fatalities_read_approximate_listed_and_intransitive_tolls(clause, expected):
    assert fatalities(clause) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Israeli jets and regime helicopters struck while Hezbollah and the YPG watched",
         ["Military Forces of Israel", "Military Forces of Syria", "Hezbollah",
          "YPG: People's Protection Units"]),
        ("a Russian drone and a Turkish warplane",
         ["Military Forces of Russia", "Military Forces of Turkey"]),
        ("a US drone killed an al-Qaeda leader as Islamic State gunmen fled",
         ["Military Forces of the United States", "Al Qaeda", "ISIS"]),
    ],
)
def test_new_actor_aliases_name_foreign_forces_aircraft_and_armed_groups(text, names):
    assert [m.name for m in actor_mentions(text, country="Syria")] == names


def test_government_forces_belong_to_the_country_of_the_event():
    (mention,) = actor_mentions("government forces advanced", country="Iraq")
    assert mention.name == "Military Forces of Iraq"


# --- the pipeline with hand-made toponyms ------------------------------------------------

PUBLISHED = dt.date(2024, 3, 12)  # a Tuesday


def _place(name, lat, lon, code="PPL", pop=10_000):
    return Candidate(place_id=hash(name) % 10_000, name=name, lat=lat, lon=lon,
                     feature_class="P", feature_code=code, country="IQ", population=pop,
                     admin1="")


def _toponym(text, surface, place):
    start = text.index(surface)
    return Toponym(start=start, end=start + len(surface), text=surface, kind="place",
                   candidates=[(place, 0.9)], place=place, confidence=0.9)


def _one(text, *toponyms):
    (incident,) = extract_incidents(text, published=PUBLISHED, toponyms=list(toponyms))
    return incident


def test_who_takes_territory_decides_the_sub_type():
    town = _place("Qaryat Example", 35.0, 43.0)
    text = "ISIS militants recaptured Qaryat Example on Monday."
    incident = _one(text, _toponym(text, "Qaryat Example", town))
    assert (incident.sub_event_type, incident.actor1) == ("Non-state actor overtakes territory", "ISIS")
    text = "The army took control of Qaryat Example on Monday."
    incident = _one(text, _toponym(text, "Qaryat Example", town))
    assert incident.sub_event_type == "Government regains territory"


def test_rioters_are_actor1_and_the_police_facing_them_actor2():
    town = _place("Example City", 31.0, 46.0)
    text = "Protesters stormed the council building in Example City on Monday as police watched."
    incident = _one(text, _toponym(text, "Example City", town))
    assert (incident.event_type, incident.actor1, incident.actor2) == (
        "Riots", "Rioters (Iraq)", "Police Forces of Iraq")


def test_civilians_who_die_in_an_explosion_are_not_its_actor():
    town = _place("Example City", 31.0, 46.0)
    text = "Two civilians died when an unexploded shell went off in Example City on Monday."
    incident = _one(text, _toponym(text, "Example City", town))
    assert incident.actor1 == "Unidentified Armed Group (Iraq)"
    assert incident.actor2 == "Civilians (Iraq)"
    assert incident.fatalities == 2


@pytest.mark.parametrize(
    "text",
    [
        "An IED exploded on Mount Examplar on Monday.",
        "Rockets hit Examplar International Airport on Monday.",
        "Clashes broke out near Examplar dam on Monday.",
    ],
)
def test_a_mountain_or_a_facility_named_after_a_town_is_near_it(text):
    town = _place("Examplar", 36.0, 42.0)
    incident = _one(text, _toponym(text, "Examplar", town))
    assert (incident.lat, incident.geo_precision) == (36.0, 2)


def test_a_range_named_like_a_far_village_is_coded_to_its_stated_anchor():
    village = _place("Hamra", 34.5, 45.3)  # ~150 km from the town below
    town = _place("Examplar", 34.6, 43.7, code="PPLA")
    text = "Troops killed two insurgents in the Hamra Mountains northeast of Examplar on Monday."
    incident = _one(text, _toponym(text, "Hamra", village), _toponym(text, "Examplar", town))
    assert (incident.location_name, incident.geo_precision) == ("Examplar", 2)
    # A namesake close to the anchor is the feature itself.
    near = _place("Hamra", 34.7, 43.9)
    incident = _one(text, _toponym(text, "Hamra", near), _toponym(text, "Examplar", town))
    assert incident.location_name == "Hamra"


def test_a_running_total_is_no_incident():
    text = "More than 200 people have been killed since the unrest began on March 3."
    assert extract_incidents(text, published=PUBLISHED, toponyms=[]) == []


def test_an_army_reporting_its_own_capture_takes_the_territory():
    town = _place("Qaryat Example", 35.0, 43.0)
    text = "The army said it had taken control of Qaryat Example by evening."
    incident = _one(text, _toponym(text, "Qaryat Example", town))
    assert (incident.sub_event_type, incident.actor1) == (
        "Government regains territory", "Military Forces of Iraq")


def test_a_named_region_with_a_point_locates_an_event_at_precision_3():
    text = "Shelling of the Example Plain killed three farmers on Monday."
    start = text.index("Example Plain")
    region = Toponym(start=start, end=start + len("Example Plain"), text="Example Plain",
                     kind="region", lat=36.4, lon=43.3, geo_precision=3)
    incident = _one(text, region)
    assert (incident.lat, incident.lon, incident.geo_precision) == (36.4, 43.3, 3)


def test_the_geoparsers_fallback_for_an_unknown_quarter_locates_the_event():
    text = "A mortar round hit the Example Quarter of Examplar on Monday."
    start = text.index("Example Quarter")
    quarter = Toponym(start=start, end=start + len("Example Quarter"), text="Example Quarter",
                      kind="place", lat=36.0, lon=42.0, relation="within", anchor="Examplar",
                      geo_precision=2)
    incident = _one(text, quarter)
    assert (incident.lat, incident.geo_precision) == (36.0, 2)


def test_an_event_on_a_road_between_two_towns_is_near_the_first():
    town = _place("Examplar", 34.5, 38.3)
    text = "Soldiers were martyred when gunmen attacked a military bus on the Examplar road on Monday."
    start = text.index("Examplar")
    on_road = Toponym(start=start, end=start + len("Examplar"), text="Examplar", kind="place",
                      candidates=[(town, 0.9)], place=town, confidence=0.9, relation="road")
    incident = _one(text, on_road)
    assert (incident.sub_event_type, incident.geo_precision) == ("Armed clash", 2)
    assert incident.actor2 == "Military Forces of Iraq"  # the soldiers suffered it


def test_the_possessed_place_not_its_possessive_owner_locates_the_event():
    province = _place("Exampla", 31.9, 47.1, code="ADM1")
    town = _place("Amtown", 31.84, 47.14, code="PPLA")
    text = "A bomb exploded at a judge's home in Exampla's Amtown on Monday."
    incident = _one(text, _toponym(text, "Exampla", province), _toponym(text, "Amtown", town))
    assert (incident.location_name, incident.geo_precision) == ("Amtown", 1)


def test_an_attack_on_an_unarmed_target_falls_on_civilians():
    assert classify("Militants attacked the university campus").sub_event_type == "Attack"
    assert classify("Militants attacked an army checkpoint").sub_event_type == "Armed clash"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # Only the statement is dated: the event happened by then.
        ("An air strike hit a hideout in Examplar, the army said on Monday.", dt.date(2024, 3, 11)),
        ("A bomb blew up in Examplar on the weekend.", dt.date(2024, 3, 9)),  # its Saturday
    ],
)
def test_vague_dates_give_a_day_within_the_week(text, day):
    incident = _one(text, _toponym(text, "Examplar", _place("Examplar", 35.0, 43.0)))
    assert (incident.event_date, incident.time_precision) == (day, 2)


def test_a_town_holding_a_named_district_is_coded_near_it():
    district = _place("Rashid", 35.3, 44.3, code="ADM3")
    town = _place("Examplar", 35.47, 44.39, code="PPLA")
    text = "Two policemen were killed in an ambush in the al-Rashid district of Examplar late Sunday."
    incident = _one(text, _toponym(text, "Rashid", district), _toponym(text, "Examplar", town))
    assert (incident.location_name, incident.geo_precision) == ("Examplar", 2)


def test_a_town_after_a_preposition_and_its_detached_article_is_the_scene():
    # "in al-Examplar desert in Northa": the article is no road's first town ("Kafra-Examplar
    # road"), so the town is the scene, not the governorate that holds it.
    town = _place("Examplar", 34.45, 40.92, code="PPLA2")
    governorate = _place("Northa", 35.33, 40.14, code="PPLA")
    text = "IS fighters clashed with regime forces in al-Examplar desert in Northa, killing two."
    incident = _one(text, _toponym(text, "Examplar", town), _toponym(text, "Northa", governorate))
    assert incident.location_name == "Examplar"
    # the first town of a road still gives way
    text = "IS fighters ambushed a convoy on the Kafra-Examplar road in Northa, killing two."
    incident = _one(text, _toponym(text, "Examplar", town), _toponym(text, "Northa", governorate))
    assert incident.location_name == "Northa"


@pytest.mark.parametrize(
    "text",
    [
        "Clashes took place in the eastern countryside of Northa, likely in the Examplar area.",
        "An IS fighter was killed in a battle in eastern Northa, likely Examplar area.",
        "Clashes took place in the Northa countryside, probably near Examplar.",
    ],
)
def test_the_coders_likely_scene_after_a_coarser_one_is_the_scene(text):
    town = _place("Examplar", 34.56, 38.27, code="PPLA2")
    city = _place("Northa", 34.73, 36.72, code="PPLA")
    incident = _one(text, _toponym(text, "Examplar", town), _toponym(text, "Northa", city))
    assert incident.location_name == "Examplar"


@pytest.mark.parametrize(
    ("clause", "next_sentence", "expected"),
    [
        ("A bomb went off, killing the driver and his son", "", 2),
        ("Gunmen killed 20 protesters and a police officer", "", 21),
        ("The raid led to the killing of three civilians", "", 3),
        # A killing named as a cause, and the toll stated in the next sentence.
        ("Missiles struck a base in revenge for the killing of General Examplar",
         "No casualties were reported.", 0),
    ],
)
def test_tolls_count_every_listed_victim_and_read_the_next_sentence(clause, next_sentence, expected):
    assert fatalities(clause, next_sentence) == expected
