"""The ACLED vocabulary, once, in pure Python: event types, sub-event types, precision scales.

Extraction codes events with these constants; `incidents.taxonomy` builds the Django
choices from them; the map page receives `map_taxonomy()` as JSON (its legend and popups)
and the offline HTML map reads the same tables, so no copy of a label or colour exists
anywhere else.
"""

from __future__ import annotations

# --- event types --------------------------------------------------------------------------

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
CIVILIAN_VIOLENCE = "Violence against civilians"
STRATEGIC = "Strategic developments"
PROTESTS = "Protests"
RIOTS = "Riots"

# --- sub-event types ----------------------------------------------------------------------

ARMED_CLASH = "Armed clash"
GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
AIR_DRONE_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
SUICIDE_BOMB = "Suicide bomb"
GRENADE = "Grenade"
CHEMICAL_WEAPON = "Chemical weapon"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
SEXUAL_VIOLENCE = "Sexual violence"
ARRESTS = "Arrests"
AGREEMENT = "Agreement"
CHANGE_TO_GROUP = "Change to group/activity"
DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
BASE_ESTABLISHED = "Headquarters or base established"
LOOTING = "Looting/property destruction"
NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"

# event_type -> its sub_event_types, as ACLED codes them (this order is the map's order).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: (ARMED_CLASH, GOVERNMENT_REGAINS, NON_STATE_OVERTAKES),
    EXPLOSIONS: (AIR_DRONE_STRIKE, SHELLING, REMOTE_EXPLOSIVE, SUICIDE_BOMB, GRENADE, CHEMICAL_WEAPON),
    CIVILIAN_VIOLENCE: (ATTACK, ABDUCTION, SEXUAL_VIOLENCE),
    STRATEGIC: (
        ARRESTS,
        AGREEMENT,
        CHANGE_TO_GROUP,
        DISRUPTED_WEAPONS_USE,
        BASE_ESTABLISHED,
        LOOTING,
        NON_VIOLENT_TRANSFER,
        OTHER,
    ),
    PROTESTS: (PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE),
    RIOTS: (VIOLENT_DEMONSTRATION, MOB_VIOLENCE),
}

DISORDER_TYPES = {
    BATTLES: "Political violence",
    EXPLOSIONS: "Political violence",
    CIVILIAN_VIOLENCE: "Political violence",
    STRATEGIC: "Strategic developments",
    PROTESTS: "Demonstrations",
    RIOTS: "Demonstrations",
}

# Marker colours on the map, one per event type (colour-blind safe palette).
EVENT_COLOURS = {
    BATTLES: "#d62728",
    EXPLOSIONS: "#ff7f0e",
    CIVILIAN_VIOLENCE: "#9467bd",
    STRATEGIC: "#1f77b4",
    PROTESTS: "#2ca02c",
    RIOTS: "#8c564b",
}
# The colour of an event type outside the taxonomy (imported data).
OTHER_COLOUR = "#555555"

# --- precision scales ---------------------------------------------------------------------

# geo_precision: where the event is coded.
GEO_TOWN, GEO_NEAR, GEO_REGION = 1, 2, 3
GEO_PRECISION = {
    GEO_TOWN: "the named town itself",
    GEO_NEAR: "near a town / part of an area, coded to that town",
    GEO_REGION: "a larger region, coded to its capital or a natural location",
}
# The same codes in words an analyst skims (map popups).
GEO_PRECISION_SHORT = {GEO_TOWN: "the town itself", GEO_NEAR: "near a town", GEO_REGION: "wider region"}

# time_precision: how exactly the event is dated.
TIME_DAY, TIME_WEEK, TIME_MONTH = 1, 2, 3
TIME_PRECISION = {TIME_DAY: "exact day", TIME_WEEK: "within a week", TIME_MONTH: "only the month"}


def precision_choice(code: int, labels: dict[int, str]) -> str:
    """A precision code with its label as the admin shows it: "1: exact day"."""
    return f"{code}: {labels[code]}"


def precision_short(code: int) -> str:
    """A geo_precision code in words an analyst skims: "2 · near a town"."""
    return f"{code} · {GEO_PRECISION_SHORT[code]}"


def map_taxonomy() -> dict:
    """What the map page's scripts need, as JSON: event types in order with their colours,
    and the geo_precision labels of the popups."""
    return {
        "eventTypes": list(EVENT_TYPES),
        "eventColours": dict(EVENT_COLOURS),
        "otherColour": OTHER_COLOUR,
        "geoPrecision": {code: precision_short(code) for code in GEO_PRECISION_SHORT},
    }
