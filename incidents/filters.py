"""The one incident filter set shared by the map, the REST API and every export.

``IncidentFilterSet`` is a django-filter ``FilterSet``: the REST API uses it through
``DjangoFilterBackend`` (and drf-spectacular documents its parameters from it). Its form
parses and validates the query string; ``IncidentFilter.from_query(request.GET)`` runs the
same form for callers outside DRF (the map's endpoints, the exports, the command line) and
raises ``FilterError`` (a ``ValueError``) with a message fit to show the user. Either way
the validated values become an ``IncidentFilter``, whose ``.apply(qs)`` is the one place a
queryset is narrowed.

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

import django_filters
from django import forms
from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict

from gazetteer.geoparser.vocab import FOCUS_COUNTRIES
from incidents.extraction.taxonomy import EVENT_TYPES, GEO_PRECISION

from .models import Incident

COUNTRIES = FOCUS_COUNTRIES
MAX_Q_LENGTH = 200
SUB_EVENT_TYPES = tuple(sub for subs in EVENT_TYPES.values() for sub in subs)
MAX_TEXT_LENGTH = 200

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
        filterset = IncidentFilterSet(data=_query_dict(query), queryset=Incident.objects.none())
        if not filterset.is_valid():
            raise FilterError(filterset.error_text())
        return filterset.values()

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


# --- the django-filter FilterSet -----------------------------------------------------------


def _query_dict(query: Mapping) -> QueryDict:
    """A QueryDict of the non-blank values of a QueryDict or a plain dict (lists allowed)."""
    if isinstance(query, QueryDict):
        return query
    data = QueryDict(mutable=True)
    for name in query:
        data.setlist(name, _values(query, name))
    return data


class _ListWidget(forms.SelectMultiple):
    """Every non-blank value of a parameter (a form left empty sends blanks)."""

    def value_from_datadict(self, data, files, name):
        return _values(data, name)


def _invalid(message: str) -> forms.ValidationError:
    """A ValidationError whose message is shown as is: it may quote the user's value, and a
    "%" there must not be read as a format (django-filter formats messages with ``%``)."""
    return forms.ValidationError("%(message)s", params={"message": message})


def _without_nul(param: str, values: list[str] | tuple[str, ...]) -> None:
    # PostgreSQL refuses NUL in any text it is sent, so it is refused here, before a query.
    if any("\x00" in v for v in values):
        raise _invalid(f"{param}: contains a NUL character.")


class _SingleWidget(forms.TextInput):
    def value_from_datadict(self, data, files, name):
        return _values(data, name)


class _SingleField(forms.Field):
    """A parameter given at most once, parsed by ``parse`` (which raises FilterError)."""

    widget = _SingleWidget

    def __init__(self, *, parse=None, **kwargs):
        kwargs.setdefault("required", False)
        self.parse = parse
        super().__init__(**kwargs)

    def clean(self, value):
        values = value if isinstance(value, list) else ([value] if value else [])
        if len(values) > 1:
            raise _invalid(f"{self.param}: give it once, not {len(values)} times.")
        if not values:
            return None
        _without_nul(self.param, values)
        try:
            return self.parse(values[0]) if self.parse else values[0]
        except FilterError as exc:
            raise _invalid(str(exc)) from None


class _ChoicesField(forms.MultipleChoiceField):
    """Repeatable parameter from a fixed list; unknown values are named in the error."""

    widget = _ListWidget

    def clean(self, value):
        values = tuple(dict.fromkeys(value or ()))
        valid = [str(key) for key, _label in self.choices]
        unknown = [v for v in values if v not in valid]
        if unknown:
            raise _invalid(
                f"{self.param}: unknown {', '.join(map(repr, unknown))}; expected one of: {', '.join(valid)}."
            )
        return values


class _TextsField(forms.Field):
    """A repeatable free-text parameter (any of the values), each at most MAX_TEXT_LENGTH long."""

    widget = _ListWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        values = tuple(dict.fromkeys(value or ()))
        if any(len(v) > MAX_TEXT_LENGTH for v in values):
            raise _invalid(f"{self.param}: longer than {MAX_TEXT_LENGTH} characters.")
        _without_nul(self.param, values)
        return values


def _actor_text(text: str) -> str:
    if len(text) > MAX_TEXT_LENGTH:
        raise FilterError(f"actor: longer than {MAX_TEXT_LENGTH} characters.")
    return text


def _country(text: str) -> str:
    code = text.upper()
    if code not in COUNTRIES:
        raise FilterError(f"country: {code!r} is not one of {', '.join(COUNTRIES)}.")
    return code


def _search_text(text: str) -> str:
    if len(text) > MAX_Q_LENGTH:
        raise FilterError(f"q: search text is longer than {MAX_Q_LENGTH} characters.")
    return text


class _Filter(django_filters.CharFilter):
    """A single-valued parameter; the queryset is narrowed by ``IncidentFilter.apply``."""

    field_class = _SingleField

    def __init__(self, *, parse=None, **kwargs):
        super().__init__(field_name="id", **kwargs)  # field_name unused: apply() filters
        self.extra["parse"] = parse

    def filter(self, qs, value):
        return qs


class _MultiFilter(django_filters.MultipleChoiceFilter):
    field_class = _ChoicesField

    def filter(self, qs, value):
        return qs


class _TextsFilter(django_filters.CharFilter):
    """A repeatable free-text parameter; the queryset is narrowed by ``IncidentFilter.apply``."""

    field_class = _TextsField

    def __init__(self, **kwargs):
        super().__init__(field_name="id", **kwargs)  # field_name unused: apply() filters

    def filter(self, qs, value):
        return qs


class _FilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise _invalid(f"date_from {date_from} is after date_to {date_to}.")
        return data


class IncidentFilterSet(django_filters.FilterSet):
    """The map's filters as query parameters (all optional; blank values are ignored)."""

    bbox = _Filter(parse=parse_bbox, help_text="minlon,minlat,maxlon,maxlat in WGS 84 degrees; "
                   "drops incidents without a location.")
    date_from = _Filter(parse=lambda v: parse_date("date_from", v), help_text="YYYY-MM-DD, inclusive.")
    date_to = _Filter(parse=lambda v: parse_date("date_to", v), help_text="YYYY-MM-DD, inclusive.")
    event_type = _MultiFilter(choices=[(t, t) for t in EVENT_TYPES],
                              help_text="An ACLED event type; repeatable (any of them).")
    review_status = _MultiFilter(choices=Incident.Review.choices, help_text="Repeatable (any of them).")
    country = _Filter(parse=_country, help_text="IQ or SY (case-insensitive).")
    q = _Filter(parse=_search_text, help_text="Text searched in the summary and the location name.")
    sub_event_type = _MultiFilter(choices=[(t, t) for t in SUB_EVENT_TYPES],
                                  help_text="An ACLED sub-event type; repeatable (any of them).")
    actor = _Filter(parse=_actor_text, help_text="Text found in actor1 or actor2 (any case).")
    governorate = _TextsFilter(help_text="Governorate (admin1) name, any case; repeatable.")
    district = _TextsFilter(help_text="District (admin2) name, any case; repeatable.")
    publisher = _TextsFilter(help_text="Publisher of the incident's report or of a report linked to it "
                             "(any case); repeatable.")
    geo_precision = _MultiFilter(choices=[(str(code), label) for code, label in GEO_PRECISION.items()],
                                 help_text="ACLED geo_precision 1, 2 or 3; repeatable.")

    class Meta:
        model = Incident
        form = _FilterForm
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            field.param = name

    def error_text(self) -> str:
        """All validation errors as one message (each names its parameter)."""
        return " ".join(str(message) for messages in self.form.errors.values() for message in messages)

    def values(self) -> IncidentFilter:
        """The validated parameters as an IncidentFilter (call after ``is_valid()``)."""
        data = self.form.cleaned_data
        return IncidentFilter(
            bbox=data.get("bbox"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            event_types=tuple(data.get("event_type") or ()),
            review_statuses=tuple(data.get("review_status") or ()),
            country=data.get("country") or None,
            q=data.get("q") or "",
            sub_event_types=tuple(data.get("sub_event_type") or ()),
            actor=data.get("actor") or "",
            governorates=tuple(data.get("governorate") or ()),
            districts=tuple(data.get("district") or ()),
            publishers=tuple(data.get("publisher") or ()),
            geo_precisions=tuple(int(v) for v in data.get("geo_precision") or ()),
        )

    def filter_queryset(self, queryset):
        return self.values().apply(queryset)
