"""Real coded events to score extraction against: ACLED exports and GTD summaries (pure Python).

Rows that share one description (ACLED splits a note over the places it names) are one
document with several gold events. Splits are by date, fixed here so anyone reproduces
them: tune on the older part, report the newer (ACLED before/after 2020-01-01, GTD
before/after 2014-01-01). Scoring is events.py.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GTD_TYPES", "SPLITS", "EventGoldError", "GoldDocument", "GoldEvent", "acled_load",
           "documents_load", "gtd_load"]

# Where each set is split: events before the date tune, events on or after it report.
SPLITS = {"acled": dt.date(2020, 1, 1), "gtd": dt.date(2014, 1, 1)}
# GTD attack types with an unambiguous ACLED reading: (event_type, sub_event_type or None).
GTD_TYPES = {
    "Bombing/Explosion": ("Explosions/Remote violence", None),
    "Hostage Taking (Kidnapping)": ("Violence against civilians", "Abduction/forced disappearance"),
}


class EventGoldError(ValueError):
    """A coded-event file that cannot be read; the message says which row and why."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One coded event: where and when it happened and how the coder typed it."""

    id: str
    day: dt.date
    lat: float
    lon: float
    event_type: str = ""
    sub_event_type: str = ""
    fatalities: int | None = None
    location: str = ""
    admin1: str = ""
    geo_precision: int | None = None


@dataclass(slots=True)
class GoldDocument:
    """A description and the events coded from it (several when a note names several places)."""

    set_name: str
    text: str
    published: dt.date | None
    events: list[GoldEvent] = field(default_factory=list)

    @property
    def split(self) -> str:
        first = min(event.day for event in self.events)
        return "new" if first >= SPLITS.get(self.set_name, dt.date.max) else "old"


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%y", "%d %b %Y", "%m/%d/%Y")


def _day(value: str, where: str) -> dt.date:
    value = (value or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value[:10] if fmt == "%Y-%m-%d" else value, fmt).date()
        except ValueError:
            continue
    raise EventGoldError(f"{where}: event date {value!r} is in no known format (YYYY-MM-DD, 9 May 2020)")


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _rows(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield number, {(k or "").strip().lower(): (v or "") for k, v in row.items()}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EventGoldError(f"cannot read {path}: {exc}") from exc


def _point(row: dict, where: str) -> tuple[float, float]:
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except (KeyError, ValueError) as exc:
        raise EventGoldError(f"{where}: latitude/longitude missing or not numbers") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise EventGoldError(f"{where}: coordinates out of range ({lat}, {lon})")
    return lat, lon


def _group(set_name: str, items: Iterable[tuple[str, dt.date, GoldEvent]]) -> list[GoldDocument]:
    """One document per distinct text (and date): a note split over several places is
    one description with several events."""
    documents: dict[tuple[str, dt.date], GoldDocument] = {}
    for text, published, event in items:
        key = (text, published)
        if key not in documents:
            documents[key] = GoldDocument(set_name, text, published)
        documents[key].events.append(event)
    return list(documents.values())


def acled_load(path: Path) -> list[GoldDocument]:
    """An ACLED export (CSV with ACLED's columns; extra columns ignored). The publication
    date given to the pipeline is the event date: a note reports that day's events."""
    items = []
    for number, row in _rows(path):
        where = f"{path}, row {number}"
        if "notes" not in row or "event_date" not in row:
            raise EventGoldError(f"{where}: not an ACLED export (no notes/event_date column)")
        text = row["notes"].strip()
        if not text:
            continue
        day = _day(row["event_date"], where)
        lat, lon = _point(row, where)
        items.append((text, day, GoldEvent(
            id=row.get("event_id_cnty") or str(number), day=day, lat=lat, lon=lon,
            event_type=row.get("event_type", ""), sub_event_type=row.get("sub_event_type", ""),
            fatalities=_int(row.get("fatalities", "")), location=row.get("location", ""),
            admin1=row.get("admin1", ""), geo_precision=_int(row.get("geo_precision", "")))))
    return _group("acled", items)


def gtd_load(path: Path) -> list[GoldDocument]:
    """GTD incident summaries (gtd_row, date, state, city, latitude, longitude, attack_type,
    killed, summary). A summary opens with its date; the publication date is the event's."""
    items = []
    for number, row in _rows(path):
        where = f"{path}, row {number}"
        if "summary" not in row or "date" not in row:
            raise EventGoldError(f"{where}: not a GTD file (no summary/date column)")
        text = row["summary"].strip()
        if not text:
            continue
        day = _day(row["date"], where)
        lat, lon = _point(row, where)
        event_type, sub_type = GTD_TYPES.get(row.get("attack_type", ""), ("", None))
        items.append((text, day, GoldEvent(
            id=f"gtd-{row.get('gtd_row') or number}", day=day, lat=lat, lon=lon,
            event_type=event_type, sub_event_type=sub_type or "",
            fatalities=_int(row.get("killed", "")), location=row.get("city", ""),
            admin1=row.get("state", ""))))
    return _group("gtd", items)


def documents_load(path: Path) -> list[GoldDocument]:
    """ACLED or GTD, told apart by the header."""
    for _, row in _rows(path):
        return acled_load(path) if "notes" in row else gtd_load(path)
    return []
