"""The ACLED vocabulary as Django choices, built from `incidents.extraction.taxonomy`.

The labels are the ones the migrations recorded; changing them would need a migration.
"""

from django.db import models

from incidents.extraction.taxonomy import (
    EVENT_TYPES,
    GEO_NEAR,
    GEO_PRECISION,
    GEO_REGION,
    GEO_TOWN,
    TIME_DAY,
    TIME_MONTH,
    TIME_PRECISION,
    TIME_WEEK,
    precision_choice,
)

EventType = models.TextChoices("EventType", [(t, t) for t in EVENT_TYPES])
SubEventType = models.TextChoices(
    "SubEventType", sorted({(s, s) for subs in EVENT_TYPES.values() for s in subs})
)


class GeoPrecision(models.IntegerChoices):
    TOWN = GEO_TOWN, precision_choice(GEO_TOWN, GEO_PRECISION)
    NEAR = GEO_NEAR, precision_choice(GEO_NEAR, GEO_PRECISION)
    REGION = GEO_REGION, precision_choice(GEO_REGION, GEO_PRECISION)


class TimePrecision(models.IntegerChoices):
    DAY = TIME_DAY, precision_choice(TIME_DAY, TIME_PRECISION)
    WEEK = TIME_WEEK, precision_choice(TIME_WEEK, TIME_PRECISION)
    MONTH = TIME_MONTH, precision_choice(TIME_MONTH, TIME_PRECISION)
