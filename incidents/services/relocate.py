"""Geocode corrections: an analyst moves an incident; the move is audited and taught.

`incident_relocate` writes the GeocodeChange audit row, and a new place for a named
location becomes a learned Alias that the geoparser prefers from then on in reports
about the same governorate (services.review.report_governorate).
"""

from __future__ import annotations

from django.contrib.gis.geos import Point
from django.db import transaction

from gazetteer.models import Place
from gazetteer.services import alias_learn
from incidents.models import GeocodeChange, Incident
from incidents.services.review import report_governorate

# Points closer than this (degrees, ~1 mm) are the same point: forms round-trip floats.
_SAME_POINT_DEGREES = 1e-8


def _same_location(a: Point | None, b: Point | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a.x - b.x) <= _SAME_POINT_DEGREES and abs(a.y - b.y) <= _SAME_POINT_DEGREES


@transaction.atomic
def incident_relocate(
    *,
    incident: Incident,
    location: Point | None,
    place: Place | None = None,
    geo_precision: int | None = None,
    user,
    reason: str = "",
) -> GeocodeChange | None:
    """Move an incident to a new geocode and record who moved it, from where, and why.

    `location` and `place` are the complete new geocode (None clears them);
    `geo_precision` None keeps the current precision. The update and its GeocodeChange
    audit row are written in one transaction, and the incident becomes "corrected".
    Returns the audit row, or None when nothing changed.
    """
    if location is not None and location.srid is None:
        location = Point(location.x, location.y, srid=4326)
    elif location is not None and location.srid != 4326:
        location = location.transform(4326, clone=True)
    # Old values come from the locked row, not from the caller's (possibly edited) instance.
    current = Incident.objects.select_for_update().get(pk=incident.pk)
    new_precision = current.geo_precision if geo_precision is None else geo_precision
    new_place_id = place.pk if place is not None else None
    if (
        _same_location(current.location, location)
        and current.place_id == new_place_id
        and current.geo_precision == new_precision
    ):
        return None
    change = GeocodeChange.objects.create(
        incident=current,
        changed_by=user if getattr(user, "is_authenticated", False) else None,
        old_location=current.location,
        new_location=location,
        old_place_id=current.place_id,
        new_place=place,
        old_geo_precision=current.geo_precision,
        new_geo_precision=new_precision,
        reason=reason.strip(),
    )
    if place is not None and place.pk != current.place_id and current.location_name:
        alias_learn(surface=current.location_name, place=place, user=change.changed_by,
                    context_admin1=report_governorate(report=current.report, besides=current.location_name,
                                                      fallback=place))
    incident.location = location
    # An analyst's point is the best estimate there is; its radius is unknown.
    incident.estimate = location
    incident.uncertainty_km = None
    incident.place = place
    incident.geo_precision = new_precision
    incident.review_status = Incident.Review.CORRECTED
    # A versioned save: an editor who opened the incident before this move gets a conflict.
    incident.version = current.version + 1
    incident.analyst_fields = sorted(set(current.analyst_fields) | {"location", "place", "geo_precision"})
    incident._change_reason = reason.strip()[:100] or None
    incident._history_user = change.changed_by
    incident.save(update_fields=["location", "estimate", "uncertainty_km", "place", "geo_precision",
                                 "review_status", "version", "analyst_fields", "updated_at"])
    return change
