"""ACLED vocabulary: event types, sub-event types, disorder types, precision codes."""

from django.db import models

# event_type -> its sub_event_types, as ACLED codes them.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Strategic developments": (
        "Arrests",
        "Agreement",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
}

DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Strategic developments": "Strategic developments",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
}

# Marker colours on the map, one per event type (colour-blind safe palette).
EVENT_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Strategic developments": "#1f77b4",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
}

EventType = models.TextChoices("EventType", [(t, t) for t in EVENT_TYPES])
SubEventType = models.TextChoices(
    "SubEventType", sorted({(s, s) for subs in EVENT_TYPES.values() for s in subs})
)


class GeoPrecision(models.IntegerChoices):
    TOWN = 1, "1: the named town itself"
    NEAR = 2, "2: near a town / part of an area, coded to that town"
    REGION = 3, "3: a larger region, coded to its capital or a natural location"


class TimePrecision(models.IntegerChoices):
    DAY = 1, "1: exact day"
    WEEK = 2, "2: within a week"
    MONTH = 3, "3: only the month"
