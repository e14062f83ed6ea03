"""ACLED CSV rows -> validated `AcledRecord`s, or a per-row error an analyst can act on.

Pure (no database): `incidents.services.imports` stores what this returns. It reads
ACLED's own exports and ours (`incidents.selectors.exports`): the columns of DESIGN.md in
any order, extra columns ignored, optional ones may be missing. Required: event_id_cnty,
event_date, event_type, sub_event_type. Dates are ``YYYY-MM-DD`` or ACLED's older
``17 May 2021``. A text cell our CSV export escaped against spreadsheet formulas
(``'=...``) is read back without the apostrophe, so our export re-imports unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from gazetteer.geoparser.vocab import COUNTRY_RECORDS
from incidents.extraction.taxonomy import EVENT_TYPES
from incidents.sources.document import storable

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type")
# Columns with no field of their own: kept verbatim (numbers as numbers) for the export.
EXTRA_TEXT = ("disorder_type", "assoc_actor_1", "inter1", "assoc_actor_2", "inter2", "interaction",
              "civilian_targeting", "region", "country", "admin3", "source", "source_scale", "tags")
EXTRA_INT = ("year", "iso", "timestamp")
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y")
# The same prefixes as the CSV export's csv_safe (incidents.exports.streaming).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 200  # actor, admin and location fields of the Incident model
_BY_NAME = {c.name.casefold(): c.iso for c in COUNTRY_RECORDS} | {
    name.casefold(): c.iso for c in COUNTRY_RECORDS for name in c.other_names}
_BY_NUMERIC = {c.numeric: c.iso for c in COUNTRY_RECORDS}
_BY_ISO3 = {c.iso3: c.iso for c in COUNTRY_RECORDS}


class AcledFileError(ValueError):
    """The file as a whole cannot be read (not CSV, required columns missing)."""


class RowError(ValueError):
    """One row is invalid; the message names the column."""


@dataclass(slots=True)
class AcledRecord:
    """One ACLED event, validated; ``extra`` holds the columns without a model field."""

    line: int
    event_id: str
    event_date: dt.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    admin1: str
    admin2: str
    location: str
    lat: float | None
    lon: float | None
    geo_precision: int
    fatalities: int | None
    notes: str
    country_code: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RowFailure:
    line: int
    event_id: str
    error: str


def _unescape(value: str) -> str:
    value = storable(value).strip()  # a NUL byte in a cell would fail the whole import on PostgreSQL
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def _int(row: dict, name: str, *, default: int | None = None, low: int | None = None,
         high: int | None = None) -> int | None:
    text = row.get(name, "")
    if not text:
        return default
    try:
        number = int(float(text)) if "." in text else int(text)
    except ValueError:
        raise RowError(f"{name}: {text[:40]!r} is not a whole number") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise RowError(f"{name}: {number} is outside {low}-{high}")
    return number


def _coordinate(row: dict, name: str, limit: float) -> float | None:
    text = row.get(name, "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise RowError(f"{name}: {text[:40]!r} is not a number") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise RowError(f"{name}: {text[:40]} is outside [-{limit:g}, {limit:g}]")
    return value


def parse_date(text: str) -> dt.date:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(f"event_date: {text[:40]!r} is not a date (YYYY-MM-DD or '17 May 2021')")


def _text(row: dict, name: str) -> str:
    value = row.get(name, "")
    if len(value) > MAX_TEXT:
        raise RowError(f"{name}: longer than {MAX_TEXT} characters")
    return value


def _country(row: dict, event_id: str) -> str:
    name = row.get("country", "").casefold()
    if name in _BY_NAME:
        return _BY_NAME[name]
    iso = row.get("iso", "")
    if iso.isdigit() and int(iso) in _BY_NUMERIC:
        return _BY_NUMERIC[int(iso)]
    return _BY_ISO3.get(event_id[:3], "")


def record_from_row(row: dict[str, str], *, line: int) -> AcledRecord:
    """Validate one CSV row (already stripped and unescaped); raise RowError."""
    for name in REQUIRED:
        if not row.get(name):
            raise RowError(f"{name}: missing")
    event_id = row["event_id_cnty"]
    if len(event_id) > 40:
        raise RowError("event_id_cnty: longer than 40 characters")
    event_type, sub_type = row["event_type"], row["sub_event_type"]
    if event_type not in EVENT_TYPES:
        raise RowError(f"event_type: unknown {event_type[:60]!r}; expected one of: {', '.join(EVENT_TYPES)}")
    if sub_type not in EVENT_TYPES[event_type]:
        raise RowError(f"sub_event_type: {sub_type[:60]!r} is not a sub-type of {event_type}")
    lat, lon = _coordinate(row, "latitude", 90), _coordinate(row, "longitude", 180)
    if (lat is None) != (lon is None):
        raise RowError("latitude/longitude: give both or neither")
    extra: dict[str, Any] = {name: row[name] for name in EXTRA_TEXT if name in row}
    extra |= {name: _int(row, name) for name in EXTRA_INT if name in row}
    return AcledRecord(
        line=line, event_id=event_id, event_date=parse_date(row["event_date"]),
        time_precision=_int(row, "time_precision", default=1, low=1, high=3),
        event_type=event_type, sub_event_type=sub_type,
        actor1=_text(row, "actor1"), actor2=_text(row, "actor2"),
        admin1=_text(row, "admin1"), admin2=_text(row, "admin2"), location=_text(row, "location"),
        lat=lat, lon=lon, geo_precision=_int(row, "geo_precision", default=1, low=1, high=3),
        fatalities=_int(row, "fatalities", low=0), notes=row.get("notes", ""),
        country_code=_country(row, event_id), extra=extra,
    )


def acled_records(lines: Iterable[str]) -> Iterator[AcledRecord | RowFailure]:
    """Records, or a RowFailure for each bad row, from the text lines of a CSV file."""
    reader = csv.DictReader(lines)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise AcledFileError(f"not a CSV file: {exc}") from None
    if not header:
        raise AcledFileError("the file is empty")
    columns = [name.strip().lstrip("\ufeff") for name in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise AcledFileError(f"not an ACLED export: no column {', '.join(missing)} "
                             f"(found: {', '.join(columns[:12])})")
    reader.fieldnames = columns
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RowFailure(line=reader.line_num, event_id="", error=f"unreadable CSV: {exc}")
            continue
        clean = {k: _unescape(v or "") for k, v in row.items() if k is not None}
        try:
            yield record_from_row(clean, line=reader.line_num)
        except RowError as exc:
            yield RowFailure(line=reader.line_num, event_id=clean.get("event_id_cnty", ""), error=str(exc))
