"""Optional online fallback: Nominatim (through geopy) for names the gazetteer lacks.

Off by default (setting ATLAS_GEOCODER_ONLINE). When on, only toponyms of kind "place"
that the geoparser could neither resolve nor place are asked, limited to Iraq and
Syria (countrycodes), at most one request a second (geopy RateLimiter, shared by the
whole process), with settings.ATLAS_USER_AGENT. Every answer, a miss included, is
cached in GeocodeCache, so a name is asked once; with the setting off, cached answers
are still used. Network errors are logged and not cached (they are not answers).

Settings (read with getattr, defaults in brackets): ATLAS_GEOCODER_ONLINE [False],
ATLAS_GEOCODER_DOMAIN ["nominatim.openstreetmap.org"], ATLAS_GEOCODER_SCHEME ["https"],
ATLAS_GEOCODER_COUNTRIES [("iq", "sy")], ATLAS_GEOCODER_MIN_DELAY [1.0 s],
ATLAS_GEOCODER_TIMEOUT [10 s].
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from gazetteer.geoparser import precision
from gazetteer.geoparser.types import Kind, Relation, Toponym
from gazetteer.models import GeocodeCache

log = logging.getLogger(__name__)
PROVIDER = "nominatim"
MAX_QUERY = 300

_lock = threading.Lock()
_limiter: dict[tuple, RateLimiter] = {}


@dataclass(frozen=True, slots=True)
class GeocodeResult:
    query: str
    lat: float
    lon: float
    display_name: str


def _setting(name: str, default):
    return getattr(settings, name, default)


def _countries() -> str:
    return ",".join(c.lower() for c in _setting("ATLAS_GEOCODER_COUNTRIES", ("iq", "sy")))


def _geocode_fn() -> RateLimiter:
    """One RateLimiter per configuration, so the 1 request/s limit holds process-wide."""
    config = (_setting("ATLAS_GEOCODER_DOMAIN", "nominatim.openstreetmap.org"),
              _setting("ATLAS_GEOCODER_SCHEME", "https"), settings.ATLAS_USER_AGENT,
              float(_setting("ATLAS_GEOCODER_TIMEOUT", 10)),
              float(_setting("ATLAS_GEOCODER_MIN_DELAY", 1.0)))
    with _lock:
        if config not in _limiter:
            domain, scheme, agent, timeout, delay = config
            nominatim = Nominatim(domain=domain, scheme=scheme, user_agent=agent, timeout=timeout)
            _limiter[config] = RateLimiter(nominatim.geocode, min_delay_seconds=delay,
                                           max_retries=0, swallow_exceptions=False)
        return _limiter[config]


def _clean(query: str) -> str:
    return " ".join(str(query).split())[:MAX_QUERY]


def _from_cache(row: GeocodeCache) -> GeocodeResult | None:
    if not row.found:
        return None
    return GeocodeResult(row.query, row.lat, row.lon, row.display_name)


def geocode_lookup(*, query: str) -> GeocodeResult | None:
    """The cached answer for a name, else (setting on) Nominatim's, cached; else None."""
    query = _clean(query)
    if not query:
        raise ValueError("geocode_lookup needs a non-empty name")
    countries = _countries()
    row = GeocodeCache.objects.filter(provider=PROVIDER, query=query, countries=countries).first()
    if row is not None:
        return _from_cache(row)
    if not _setting("ATLAS_GEOCODER_ONLINE", False):
        return None
    try:
        location = _geocode_fn()(query, exactly_one=True, country_codes=countries.split(","))
    except GeopyError as exc:
        log.warning("geocoder: %s failed for %r: %s", PROVIDER, query, exc)
        return None
    fields = {"found": location is not None}
    if location is not None:
        fields.update(lat=location.latitude, lon=location.longitude,
                      display_name=(location.address or "")[:500], raw=location.raw or {})
    try:
        with transaction.atomic():
            row = GeocodeCache.objects.create(provider=PROVIDER, query=query, countries=countries,
                                              **fields)
    except IntegrityError:  # another worker cached it meanwhile
        row = GeocodeCache.objects.get(provider=PROVIDER, query=query, countries=countries)
    return _from_cache(row)


def toponyms_geocode_unresolved(*, toponyms: list[Toponym]) -> list[Toponym]:
    """The toponyms, the unresolved, unplaced "place" ones placed through the fallback where
    it knows them. ``place`` stays None (no Place row), so they stay up for review;
    ``relation`` becomes "geocoded" and geo_precision 2."""
    out = list(toponyms)
    for i, t in enumerate(toponyms):
        if t.kind != Kind.PLACE or t.place is not None or t.point is not None:
            continue
        result = geocode_lookup(query=t.text)
        if result is None:
            continue
        out[i] = t.related(Relation.GEOCODED, t.text, t.direction, t.distance_km, result.lat,
                           result.lon, *precision.GEOCODED, result.lat, result.lon)
    return out
