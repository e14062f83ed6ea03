"""Words about places: heads after a name, facilities, generic words, and the area words
with what each says about where an event is (the geo_precision it implies).
"""

from __future__ import annotations

from dataclasses import dataclass

# Generic words that name_key drops ("Hammam al-Alil district" = "Hammam al-Alil"); a
# name never ends with one.
GENERIC_WORDS = frozenset({
    "center", "centre", "markaz", "village", "vilage", "qaryat", "qarya", "qaryah", "camp",
    "collective",  # a Kurdish "collective town" (mujamma): "Kani Rash Collective"
    "district", "subdistrict", "qadha", "qada", "qadaa", "nahiya", "nahia", "nahiyah",
    "nahiyat", "city", "town", "governorate", "province", "muhafazat", "muhafaza",
    "muhafazah",
})

# "Kirkuk's Dibis district": named with its governorate, a district is the area itself.
DISTRICT_WORDS = ("district", "sub-district", "subdistrict")
# The administrative level a word after a name fixes ("Saladin governorate" is the ADM1
# area, never a sub-district of the same name elsewhere).
ADMIN_LEVEL_WORDS: dict[str, int] = {
    "governorate": 1, "province": 1, "muhafaza": 1, "muhafazah": 1, "muhafazat": 1,
    "district": 2, "qadha": 2, "qada": 2, "qadaa": 2,
    "sub-district": 3, "subdistrict": 3, "nahiya": 3, "nahia": 3, "nahiyah": 3, "nahiyat": 3,
}
# The same in Arabic script, before the name ("مركز ناحية حمام العليل" = "حمام العليل"); the
# first three make it an administrative area (sub-district, district, governorate), as
# "district" after a Latin name does.
ARABIC_ADMIN_WORDS = ("ناحية", "قضاء", "محافظة")
ARABIC_GENERIC_WORDS = (*ARABIC_ADMIN_WORDS, "مركز", "قرية", "مدينة", "مخيم", "بلدة")

# Words after a name that make the name a place ("Badush prison", "Mosul Dam").
PLACE_HEADS = frozenset({
    "dam", "prison", "camp", "bridge", "road", "airport", "airbase", "base", "village",
    "district", "area", "mountain", "mountains", "valley", "desert", "plain", "plains", "lake",
    "river", "governorate", "province", "subdistrict", "sub-district", "city", "town",
    "crossing", "border", "refinery", "field", "oilfield", "junction", "highway", "countryside",
    "outskirts", "region", "neighbourhood", "neighborhood", "quarter", "market", "checkpoint",
    # plurals close a list: "Qayyarah and Shura districts"
    "districts", "subdistricts", "sub-districts", "villages", "towns", "cities", "provinces",
    "governorates", "areas", "camps", "neighbourhoods", "neighborhoods",
})
# Heads that name a small place, after a titled name ("the Sheikh Maqsoud neighbourhood").
PERSON_PLACE_HEADS = frozenset({
    "neighbourhood", "neighborhood", "district", "subdistrict", "sub-district", "quarter",
    "area", "camp", "village",
})
# "sub-district", "sub district", "subdistrict": one generic word for name keys.
SUB_DISTRICT = ("sub", "district")
# The type words UCDP writes after a place name ("Al Fallujah town", "Sinjar district"),
# which its gold spans leave out (eval.py).
UCDP_TYPE_WORDS = ("town", "city", "village", "district", "province", "governorate", "area", "camp",
                   "region", "sub-district", "neighbourhood", "neighborhood", "prison", "airport",
                   "base", "road", "highway", "hospital", "bridge")
# Words that make an adjectival border phrase ("the Iraqi-Syrian borders").
BORDER_WORDS = ("border", "borders", "borderland", "borderlands", "borderline")
# The one head that makes a titled name a camp ("the Sheikh X camp"), not a political camp.
CAMP = "camp"

# Last words of a name that make it a building or an event, not a settlement; an
# unknown name ending so is not reported ("Royal Alexandra Hospital", "Town Hall").
FACILITY_HEADS = frozenset({
    "house", "hall", "court", "conference", "hospital", "boulevard", "street", "avenue",
    "college", "school", "church", "hotel", "restaurant", "cafe", "stadium", "centre", "center",
    "museum", "club", "summit", "festival", "games", "cup", "prize", "award", "airlines",
    "mosque", "shrine", "tomb", "palace", "embassy", "consulate",
})

# Facilities named after their town ("Damascus International Airport", "Tikrit
# University", "Baiji Refinery", "Badush Central Prison"): the town name alone is a place,
# where an event at the facility happened, even when the whole name is an organisation
# ("a professor at Mosul University": extraction only locates events). Each written
# capitalised and matched case-insensitively; a modifier may come first.
FACILITY_NAME_HEADS = (
    "Airport", "Air Base", "Airbase", "Air Field", "Airfield", "University", "Dam", "Refinery",
    "Prison", "Stadium", "Hospital", "Bridge", "Power Station", "Power Plant",
)
FACILITY_NAME_MODIFIERS = (
    "International", "Military", "Civil", "Civilian", "Central", "General", "Teaching",
    "Technical", "Oil", "Gas", "Thermal",
)

# Adjectives before a name that are part of where it is ("Eastern Ghouta", "Old Mosul").
PLACE_ADJECTIVES = frozenset({
    "eastern", "western", "northern", "southern", "central", "greater", "old", "new", "upper",
    "lower", "east", "west", "north", "south", "rural", "downtown",
})

# "the city of X", "the villages of X and Y".
SETTLEMENTS = ("city", "town", "village")
SETTLEMENTS_PLURAL = ("cities", "towns", "villages")
# Heads of an apposition after a name: "Tall Rummana, a town 20 km south of Sinjar".
APPOSITION_HEADS = ("town", "village", "city", "suburb", "district", "area")
# Words that make a road of two names: "the Kirkuk-Baghdad road".
ROAD_WORDS = ("road", "highway", "motorway", "route")
EVENT_ROAD_WORDS = ("road", "highway")  # what extraction reads (issue 12 keeps it so)
# Natural features named after (or as) a place: "Mount Sinjar", "the Hamrin Mountains".
MOUNT_WORDS = ("mount", "mt", "mt.", "jabal", "jebel")
NATURAL_HEADS = ("mountain", "mountains", "range", "hills", "desert", "valley")


@dataclass(frozen=True, slots=True)
class AreaWord:
    """What a word right after a name ("Nineveh province", "the Idlib countryside") says,
    for each stage that reads it (None: that stage does not know the word).

    - ``precision``/``extent_km``: the geoparser's region of X (relate: relation
      "region", the ACLED geo_precision and the radius around X's point).
    - ``reach_km``: how far from the container's point a place stated "in X <word>" may
      lie (containers).
    - ``admin``: "X <word>" names the governorate X, not its town (resolve).
    - ``cue``: an unknown capitalised name before the word is a place (recognition).
    - ``event_precision``: the geo_precision extraction gives an event at "X <word>"
      (locate), with the word right after X; ``event_precision_apart`` with one word
      between ("the Anbar western desert").
    """

    precision: int | None = None
    extent_km: float | None = None
    reach_km: float | None = None
    admin: bool = False
    cue: bool = False
    event_precision: int | None = None
    event_precision_apart: int | None = None


A = AreaWord
# Stages disagree on some words today (issue 12 keeps every behaviour): "district" is a
# region of geo_precision 3 for the geoparser (relate) and a small part of an area (2) for
# extraction (locate); "mountain(s)" likewise; "plain(s)" is known to relate only, "plains"
# is no cue for an unknown name; "area", "camp", "valley"... are known to extraction only.
AREA_WORDS: dict[str, AreaWord] = {
    "desert": A(3, 30.0, cue=True, event_precision=3, event_precision_apart=2),
    "countryside": A(3, 30.0, 100.0, admin=True, cue=True, event_precision=3),
    "province": A(3, 60.0, 300.0, admin=True, event_precision=3),
    "governorate": A(3, 60.0, 300.0, admin=True, event_precision=3),
    "muhafaza": A(admin=True),
    "muhafazah": A(admin=True),
    "region": A(3, 30.0, cue=True, event_precision=3, event_precision_apart=2),
    "plain": A(3, 30.0, cue=True),
    "plains": A(3, 30.0),
    "mountain": A(3, 60.0, cue=True, event_precision=2, event_precision_apart=2),
    "mountains": A(3, 60.0, cue=True, event_precision=2, event_precision_apart=2),
    "outskirts": A(2, 5.0, cue=True, event_precision=2, event_precision_apart=2),
    "district": A(3, 60.0, 200.0, cue=True, event_precision=2, event_precision_apart=2),
    "sub-district": A(3, 30.0, 80.0, cue=True, event_precision=2, event_precision_apart=2),
    "subdistrict": A(3, 30.0, 80.0, cue=True, event_precision=2, event_precision_apart=2),
    "area": A(reach_km=15.0, cue=True, event_precision=2, event_precision_apart=2),
    "neighbourhood": A(cue=True),
    "neighborhood": A(cue=True),
    "village": A(cue=True),
    "valley": A(cue=True, event_precision=2, event_precision_apart=2),
    "quarter": A(cue=True),
    "camp": A(event_precision=2, event_precision_apart=2),
    "range": A(event_precision=2, event_precision_apart=2),
    "oil field": A(event_precision=2, event_precision_apart=2),
    "oilfield": A(event_precision=2, event_precision_apart=2),
    "checkpoint": A(event_precision=2, event_precision_apart=2),
}
del A
# Extraction also takes a facility named after the town ("Mosul Dam", "Tikrit University")
# as a part of it (event_precision 2 when right after or one word apart).

# Words after "the" that name a region of X before "of X": "the province of Anbar"
# (extraction: geo_precision 3).
REGION_OF = ("province", "governorate", "desert")
# What reports say a place is, between it and its container ("X village in Y", "the X
# axis in Y", "X farms of Y", "X neighbourhood, Mosul", "Busra square in Dar'a city"): up
# to two of them ("X village area in Y").
SITE_WORDS = ("area", "areas", "village", "villages", "district", "sub-district", "subdistrict",
              "neighbourhood", "neighborhood", "town", "city", "quarter", "front", "frontline",
              "frontlines", "axis", "axes", "farm", "farms", "desert", "hill", "hills", "region",
              "plain", "countryside", "camp", "mountain", "mountains", "valley", "outskirts", "suburb",
              "street", "square", "roundabout", "avenue", "road", "market", "bridge")
SMALL_AREA_HEADS = SITE_WORDS  # after a name, before a comma ("X neighbourhood, Mosul")
# After a name, before "in"/"of" ("the X district in Mosul", "the Al-Askari Shrine in
# Samarra city", "X checkpoint in Y"): a site or a facility the container holds.
CONTAINED_HEADS = (*SITE_WORDS, "shrine", "shrines", "mosque", "tomb", "church", "school", "hospital",
                   "checkpoint", "base", "prison", "airport", "refinery", "university", "stadium",
                   "station", "dam", "oilfield", "field")
# The part of a container a place is stated in, after "the ... of": "in the city of Mosul",
# "in the northern countryside of Idlib", "on the outskirts of Tikrit".
CONTAINER_UNITS = ("city", "town", "district", "sub-district", "subdistrict", "province", "governorate",
                   "countryside", "outskirts", "suburbs", "vicinity", "desert", "area", "areas",
                   "environs")
# "Mosul's outskirts": the area word after a possessive (extraction, geo_precision 2).
POSSESSIVE_AREAS = ("outskirts",)
# "the Hamrin Mountains northeast of the town of Tikrit" (extraction).
TOWN_OR_CITY = ("town", "city")
# The area heads extraction puts a resolved place around ("Ain Al-Jahsh area in Mosul").
ANCHORED_HEADS = ("area", "district", "village", "neighbourhood", "neighborhood", "quarter",
                  "sub-district", "subdistrict", "region")

# What containment reads (containment.py).
# A name the text calls small is no city of that name ("Al Suwayda village, Masyaf").
SMALL_NAME_HEADS = ("village", "neighbourhood", "neighborhood", "quarter", "area", "farm", "farms",
                    "hill", "street", "square")
# "X neighbourhood of Damascus": a quarter lies within its town's own reach.
QUARTER_HEADS = ("neighbourhood", "neighborhood", "quarter")
# After a container, an administrative area rather than its town ("the X quarter of Rutba
# district": the district's).
ADMIN_AREA_HEADS = ("governorate", "province", "district", "sub-district", "subdistrict", "countryside",
                    "region")
# A bare comma states a container when a site word says what one of the two is: after the
# container ("X, Mosul city", "X, Y governorate") or after the name ("the Zahra
# neighbourhood, Mosul").
SITE_AFTER_CONTAINER = ("city", "town", "governorate", "province", "district", "sub-district",
                        "subdistrict", "village")
SITE_BEFORE_COMMA = ("area", "village", "neighbourhood", "neighborhood", "quarter", "district",
                     "sub-district", "subdistrict", "town", "city", "camp", "region")

# What the names the gazetteer lacks are told by (unknown.py).
# A generic first word that runs on into a whole name ("Tall Diyab", "Khirbet X").
GENERIC_FIRST_WORDS = frozenset({"khirbet", "khirbat", "mazraat", "mazraa", "tel", "tell"})
# Site words between an unknown name and its container ("in Sayda village in Dar'a").
UNKNOWN_SITE_HEADS = ("area", "village", "town", "city", "district", "sub-district", "subdistrict",
                      "neighbourhood", "neighborhood", "quarter", "front", "frontline", "axis", "farm",
                      "farms", "camp", "region", "countryside")
# The prepositions that put an unknown name where the text says ("in X, Y governorate",
# "control of X in Y").
UNKNOWN_PLACE_PREPOSITIONS = ("in", "at", "on", "near", "from", "into", "outside", "around", "of", "over")
# Words that only qualify a known name inside a longer one ("Upper Baguz").
NAME_QUALIFIERS = frozenset({"big", "small", "great", "little", "upper", "lower"})
COUNTRYSIDE = "countryside"
