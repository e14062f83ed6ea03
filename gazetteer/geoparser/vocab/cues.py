"""Location cue words: compass directions with their bearings, proximity, distance units,
the prepositions and verbs that put a place after them.
"""

from __future__ import annotations

# Compass words. North and south take a second one ("north-east"); "-ern" makes an
# adjective of any ("north-eastern", "western").
CARDINALS = ("north", "south", "east", "west")
POLES = ("north", "south")
SIDES = ("east", "west")
ADJECTIVE_ENDING = "ern"
# The middle of an area: "central Anbar", "the centre of Syria".
CENTRE_ADJECTIVES = ("central", "middle")
CENTRE_NOUNS = ("centre", "center")
# Compass point -> bearing in degrees.
BEARINGS = {"N": 0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315}
# "the south-eastern part of Syria".
PART_WORDS = ("part", "parts")
# "in rural Idlib": the land around a town.
RURAL = "rural"

# Words before a place that put something near it, not at it (relate: relation "near").
NEAR = ("near", "nearby", "close to", "vicinity of", "around", "outside")
# The edge of a place (relate: relation "outskirts"), before "of" or "to".
EDGES = ("outskirts", "edge", "entrance", "gate", "gates")
BETWEEN = "between"
# What joins a place to a stated container "near" it: "Abu Jasra village nr Fallujah".
NEAR_CONTAINER = ("near", "nr", "nr.", "outside")
# Words that approximate a stated distance: "about 20 km south of".
APPROXIMATELY = ("about", "some", "around", "nearly")
# Distance units (a mile is 1.609344 km).
KM_UNITS = ("km", "kilometre", "kilometres", "kilometer", "kilometers")
KMS = "kms"  # read by relate only (issue 12 keeps it so)
# The spellings a stated container's distance is read in ("Tall Rummana, a town 20 km south
# of Sinjar"): no singular or "kms" there today (issue 12 keeps it).
CONTAINER_KM_UNITS = ("km", "kilometres", "kilometers")
MILE_UNITS = ("mile", "miles", "mi")
MILE_KM = 1.609344
# Stems that make the number before a compass word a distance ("30 km north of Iraq's
# border"), not a part of the country.
DISTANCE_STEMS = ("km", "kilomet", "mi")

# Words before a capitalised common word that make it a place ("in Hit").
TRIGGERS = frozenset({
    "in", "of", "near", "at", "from", "to", "outside", "around", "into", "toward",
    "towards", "between", "and", "district", "town", "village", "city", "outskirts",
    # conflict verbs whose object is a place ("retake Hit", "an attack on Qayara")
    "on", "inside", "across", "via", "enter", "entered", "entering", "held", "liberate",
    "liberated", "recapture", "recaptured", "retake", "retook", "seize", "seized", "storm",
    "stormed", "capture", "captured", "shelled", "besieged",
})

# Strong cues before an unknown capitalised name ("southwest of X", "the village of X",
# "near X"): a compass word then "of", a place word then "of", or one of the words alone.
# Only strong cues: an unknown name after "in the" or "around" is as often a building,
# an event or a person as a village.
UNKNOWN_NAME_OF = ("outskirts", "village", "villages", "town", "city", "district", "area",
                   "vicinity", "edge", "entrance")
UNKNOWN_NAME_BEFORE = ("near", "between")

# Words between a weak name and a sure place that make them neighbours ("Bashiqa, near
# Mosul", "Hit and Haditha", "Bartalah in Nineveh").
NEIGHBOUR_AFTER_COMMA = ("and", "near", "in", "outside")
NEIGHBOUR_LINKS = ("and", "in", "near", "of", "outside")
LIST_AND = "and"

# Words before a place that put an event near it, not in it (extraction, geo_precision 2):
# these, a compass word ("north of"), or "near the gates of" (NEAR_OR_OUTSIDE, the, GATES).
EVENT_NEAR = (
    "near", "nearby", "around", "outside", "outskirts of", "edge of", "close to", "between",
    "surrounding", "vicinity of", "countryside of", "desert of", "road to", "road near",
    "road linking", "highway to", "highway near", "highway linking", "km from", "km of",
    "enter", "entering", "reach", "reaching", "toward", "towards", "heading to", "heading for",
)
NEAR_OR_OUTSIDE = ("near", "outside")
GATES = ("entrance", "edge", "gate")  # each also plural
# "... of" after those words: "near the town of X" (extraction).
EVENT_NEAR_UNITS = ("town", "city", "village", "area", "district")
# Words between a natural feature and the town that places it ("the Hamrin Mountains
# northeast of Tikrit": a compass word and "of", or these).
NATURAL_LINKS = NEAR_OR_OUTSIDE
# Words after an area head that put it in a resolved place ("X area in Mosul"); also
# "in the <word> of".
ANCHOR_LINKS = ("in", "of", "near", "outside")
# Words before a place that put an event at it (extraction scores the toponym up).
EVENT_AT = ("in", "at", "on", "from", "of", "into", "near", "around", "between", "toward",
            "towards")
EVENT_AT_UNITS = ("town", "city", "village", "area")  # "in the town of X"
# A coder's best guess of the scene after a coarser one ("in eastern Northa, likely in the
# Zawra area"): the place after it is where the event is.
LIKELY_SCENE = ("likely", "probably", "possibly")
# Words that point back to the previous event's place ("in the town", "nearby").
ANAPHORA = ("the town", "the city", "the village", "the area", "the camp", "the site",
            "nearby", "metres away", "meters away", "there")
ANAPHORA_SAME = "the same"  # "the same village": the words, then any word
