"""The one incident filter set shared by the map API, the page and the CSV export.

``IncidentFilter.from_query(request.GET)`` parses and validates the query string and raises
``FilterError`` (a ``ValueError``) with a message fit to show the user; ``.apply(qs)``
narrows an Incident queryset. No django-filter: the rules are few and must read the same
for every caller.

Parameters (all optional, empty values are ignored so an unfilled HTML form is valid):

    bbox          minlon,minlat,maxlon,maxlat in WGS 84 degrees
    date_from     YYYY-MM-DD, inclusive
    date_to       YYYY-MM-DD, inclusive
    event_type    an ACLED event type; repeatable (any of them)
    review_status auto / needs_review / confirmed / corrected; repeatable
    country       IQ or SY (ISO 3166-1 alpha-2, case-insensitive)
    q             text searched in the summary and the location name
    sub_event_type  an ACLED sub-event type; repeatable
    actor         text found in actor1 or actor2 (any case)
    governorate   admin1 name (any case); repeatable
    district      admin2 name (any case); repeatable
    publisher     publisher of the incident's report or of a report linked to it; repeatable
    geo_precision 1, 2 or 3 (ACLED); repeatable

``IncidentFilter.only_grid_keys`` says whether the filters are ones the map's cell counts
(``MapCell``: bbox and event type) answer without reading the incidents.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.db.models import Exists, OuterRef, Q, QuerySet

from gazetteer.geoparser.vocab import FOCUS_COUNTRIES
from incidents.extraction.taxonomy import EVENT_TYPES, GEO_PRECISION

from .models import Incident

SUB_EVENT_TYPES = tuple(sub for subs in EVENT_TYPES.values() for sub in subs)
MAX_TEXT_LENGTH = 200

COUNTRIES = FOCUS_COUNTRIES
MAX_Q_LENGTH = 200

BBox = tuple[float, float, float, float]


class FilterError(ValueError):
    """A query parameter is malformed; the message says which one and why."""


def _values(query: Mapping, name: str) -> list[str]:
    """All non-blank values of a parameter, from a QueryDict or a plain dict."""
    if hasattr(query, "getlist"):
        raw = query.getlist(name)
    else:
        value = query.get(name)
        raw = [] if value is None else list(value) if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in raw if str(v).strip()]


def _single(query: Mapping, name: str) -> str | None:
    values = _values(query, name)
    if len(values) > 1:
        raise FilterError(f"{name}: give it once, not {len(values)} times.")
    return values[0] if values else None


def parse_bbox(text: str) -> BBox:
    """Parse ``minlon,minlat,maxlon,maxlat``; raise FilterError on anything doubtful."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4:
        raise FilterError(
            f"bbox: expected 4 comma-separated numbers minlon,minlat,maxlon,maxlat, got {len(parts)}."
        )
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise FilterError(f"bbox: {text!r} is not four numbers (minlon,minlat,maxlon,maxlat).") from None
    if not all(math.isfinite(v) for v in (minlon, minlat, maxlon, maxlat)):
        raise FilterError("bbox: coordinates must be finite numbers.")
    for name, value in (("minlon", minlon), ("maxlon", maxlon)):
        if not -180 <= value <= 180:
            raise FilterError(f"bbox: {name} {value:g} is outside [-180, 180] (order is lon,lat,lon,lat).")
    for name, value in (("minlat", minlat), ("maxlat", maxlat)):
        if not -90 <= value <= 90:
            raise FilterError(
                f"bbox: {name} {value:g} is outside [-90, 90] "
                "(order is minlon,minlat,maxlon,maxlat; latitude and longitude swapped?)."
            )
    if minlon >= maxlon:
        raise FilterError(f"bbox: minlon {minlon:g} must be less than maxlon {maxlon:g}.")
    if minlat >= maxlat:
        raise FilterError(f"bbox: minlat {minlat:g} must be less than maxlat {maxlat:g}.")
    return minlon, minlat, maxlon, maxlat


def parse_date(name: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FilterError(f"{name}: {text!r} is not a date in the form YYYY-MM-DD.") from None


@dataclass(frozen=True)
class IncidentFilter:
    """Validated filter values; build with ``from_query`` and narrow a queryset with ``apply``."""

    bbox: BBox | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] = ()
    review_statuses: tuple[str, ...] = ()
    country: str | None = None
    q: str = ""
    sub_event_types: tuple[str, ...] = ()
    actor: str = ""
    governorates: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    geo_precisions: tuple[int, ...] = ()

    @property
    def only_grid_keys(self) -> bool:
        """Only a bbox and event types are set: the map's cell counts answer alone."""
        return not (self.date_from or self.date_to or self.review_statuses or self.country or self.q
                    or self.sub_event_types or self.actor or self.governorates or self.districts
                    or self.publishers or self.geo_precisions)

    @classmethod
    def from_query(cls, query: Mapping) -> IncidentFilter:
        """Parse a QueryDict (or a plain dict); raise FilterError with a clear message."""
        bbox_text = _single(query, "bbox")
        bbox = parse_bbox(bbox_text) if bbox_text else None

        date_from_text = _single(query, "date_from")
        date_to_text = _single(query, "date_to")
        date_from = parse_date("date_from", date_from_text) if date_from_text else None
        date_to = parse_date("date_to", date_to_text) if date_to_text else None
        if date_from and date_to and date_from > date_to:
            raise FilterError(f"date_from {date_from} is after date_to {date_to}.")

        event_types = tuple(dict.fromkeys(_values(query, "event_type")))
        unknown = [t for t in event_types if t not in EVENT_TYPES]
        if unknown:
            raise FilterError(
                f"event_type: unknown {', '.join(map(repr, unknown))}; "
                f"expected one of: {', '.join(EVENT_TYPES)}."
            )

        statuses = tuple(dict.fromkeys(_values(query, "review_status")))
        valid_statuses = Incident.Review.values
        bad = [s for s in statuses if s not in valid_statuses]
        if bad:
            raise FilterError(
                f"review_status: unknown {', '.join(map(repr, bad))}; "
                f"expected one of: {', '.join(valid_statuses)}."
            )

        country = _single(query, "country")
        if country:
            country = country.upper()
            if country not in COUNTRIES:
                raise FilterError(f"country: {country!r} is not one of {', '.join(COUNTRIES)}.")

        q = _single(query, "q") or ""
        if len(q) > MAX_Q_LENGTH:
            raise FilterError(f"q: search text is longer than {MAX_Q_LENGTH} characters.")

        return cls(
            **_more_filters(query),
            bbox=bbox,
            date_from=date_from,
            date_to=date_to,
            event_types=event_types,
            review_statuses=statuses,
            country=country or None,
            q=q,
        )

    def apply(self, queryset: QuerySet[Incident]) -> QuerySet[Incident]:
        """Narrow an Incident queryset; a bbox drops incidents that have no location."""
        if self.bbox is not None:
            polygon = Polygon.from_bbox(self.bbox)
            polygon.srid = settings.ATLAS_SRID
            # intersects, not within: a point exactly on the box edge is still in view.
            queryset = queryset.filter(location__intersects=polygon)
        if self.date_from:
            queryset = queryset.filter(event_date__gte=self.date_from)
        if self.date_to:
            queryset = queryset.filter(event_date__lte=self.date_to)
        if self.event_types:
            queryset = queryset.filter(event_type__in=self.event_types)
        if self.review_statuses:
            queryset = queryset.filter(review_status__in=self.review_statuses)
        if self.country:
            queryset = queryset.filter(country_code=self.country)
        if self.q:
            queryset = queryset.filter(Q(summary__icontains=self.q) | Q(location_name__icontains=self.q))
        return self._apply_more(queryset)

    def _apply_more(self, queryset: QuerySet[Incident]) -> QuerySet[Incident]:
        if self.sub_event_types:
            queryset = queryset.filter(sub_event_type__in=self.sub_event_types)
        if self.actor:
            queryset = queryset.filter(Q(actor1__icontains=self.actor) | Q(actor2__icontains=self.actor))
        for field, names in (("admin1", self.governorates), ("admin2", self.districts)):
            if names:
                queryset = queryset.filter(_any_iexact(field, names))
        if self.publishers:
            linked = Incident.other_reports.through.objects.filter(
                _any_iexact("report__publisher", self.publishers), incident=OuterRef("pk"))
            queryset = queryset.filter(_any_iexact("report__publisher", self.publishers) | Exists(linked))
        if self.geo_precisions:
            queryset = queryset.filter(geo_precision__in=self.geo_precisions)
        return queryset


def _any_iexact(field: str, values: tuple[str, ...]) -> Q:
    query = Q()
    for value in values:
        query |= Q(**{f"{field}__iexact": value})
    return query


def _texts(query: Mapping, name: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(_values(query, name)))
    if any(len(v) > MAX_TEXT_LENGTH for v in values):
        raise FilterError(f"{name}: longer than {MAX_TEXT_LENGTH} characters.")
    return values


def _more_filters(query: Mapping) -> dict:
    """The filters added for the analyst's map (sub-type, actor, areas, publisher, precision)."""
    subs = _texts(query, "sub_event_type")
    unknown = [s for s in subs if s not in SUB_EVENT_TYPES]
    if unknown:
        raise FilterError(f"sub_event_type: unknown {', '.join(map(repr, unknown))}.")
    precisions = []
    for text in _texts(query, "geo_precision"):
        if not text.isdigit() or int(text) not in GEO_PRECISION:
            raise FilterError(f"geo_precision: {text!r} is not one of {', '.join(map(str, GEO_PRECISION))}.")
        precisions.append(int(text))
    actor = _single(query, "actor") or ""
    if len(actor) > MAX_TEXT_LENGTH:
        raise FilterError(f"actor: longer than {MAX_TEXT_LENGTH} characters.")
    return {
        "sub_event_types": subs,
        "actor": actor,
        "governorates": _texts(query, "governorate"),
        "districts": _texts(query, "district"),
        "publishers": _texts(query, "publisher"),
        "geo_precisions": tuple(dict.fromkeys(precisions)),
    }
