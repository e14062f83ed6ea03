"""Deprecated: the word lists moved to ``gazetteer.geoparser.vocab``; this module only
re-exports what callers outside the geoparser still import (removed with them)."""

from .normalize import fold_keys
from .vocab import COUNTRIES, COUNTRY_NAMES, COUNTRY_POINTS, FACILITY_NAME_HEADS

COUNTRY_CODES = fold_keys(COUNTRIES)  # name_key -> ISO code

__all__ = ["COUNTRIES", "COUNTRY_CODES", "COUNTRY_NAMES", "COUNTRY_POINTS", "FACILITY_NAME_HEADS"]
