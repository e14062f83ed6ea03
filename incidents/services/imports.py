"""ACLED import: an ACLED CSV (theirs or our export) -> Incidents, idempotent by event_id_cnty.

`acled_import` reads the rows (`incidents.sources.acled`), links each to a gazetteer place
when one of that name lies near the coded point, and writes them in batches: new events
are bulk-created, changed ones bulk-updated, unchanged ones left alone (a second import
of the same file writes nothing). Each batch is one transaction; if the database rejects
it, its rows are written one by one, so a bad row fails only itself. Row errors are
returned with their line, never raised.

Imported incidents hang off one Report per import (created only when an event is new),
keep ACLED's codes and notes (``acled`` holds the columns without a field), and are
``confirmed``: ACLED's coders have reviewed them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.gis.geos import Point
from django.db import DatabaseError, transaction
from django.utils import timezone

from gazetteer.geoparser.geodesy import haversine_km
from gazetteer.geoparser.normalize import name_key
from gazetteer.models import PlaceName
from incidents.models import Incident, Report
from incidents.sources.acled import AcledRecord, RowFailure, acled_records

BATCH = 1000
# A gazetteer place of the same name within this distance of ACLED's point is the place.
PLACE_LINK_KM = 10.0
# Fields an import writes (and compares, to tell an unchanged event from a changed one).
FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
          "fatalities", "location", "estimate", "location_name", "place_id", "geo_precision",
          "admin1", "admin2", "country_code", "summary", "acled", "review_status", "confidence")


@dataclass(slots=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[RowFailure] = field(default_factory=list)
    report_id: int | None = None

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.failed)


def _places(records: list[AcledRecord]) -> dict[str, list[tuple[int, float, float]]]:
    keys = {name_key(r.location) for r in records if r.location and r.lat is not None}
    keys.discard("")
    found: dict[str, list[tuple[int, float, float]]] = {}
    rows = PlaceName.objects.filter(key__in=keys).values_list("key", "place_id", "place__point")
    for key, place_id, point in rows:
        found.setdefault(key, []).append((place_id, point.y, point.x))
    return found


def _place_id(record: AcledRecord, places: dict) -> int | None:
    if record.lat is None or not record.location:
        return None
    near = [(haversine_km(record.lat, record.lon, lat, lon), pid)
            for pid, lat, lon in places.get(name_key(record.location), ())]
    near = [item for item in near if item[0] <= PLACE_LINK_KM]
    return min(near)[1] if near else None


def _values(record: AcledRecord, place_id: int | None) -> dict:
    point = (Point(record.lon, record.lat, srid=settings.ATLAS_SRID) if record.lat is not None else None)
    return {
        "event_date": record.event_date, "time_precision": record.time_precision,
        "event_type": record.event_type, "sub_event_type": record.sub_event_type,
        "actor1": record.actor1, "actor2": record.actor2, "fatalities": record.fatalities,
        "location": point, "estimate": point, "location_name": record.location, "place_id": place_id,
        "geo_precision": record.geo_precision, "admin1": record.admin1, "admin2": record.admin2,
        "country_code": record.country_code, "summary": record.notes, "acled": record.extra,
        "review_status": Incident.Review.CONFIRMED, "confidence": 1.0,
    }


def _same(incident: Incident, values: dict) -> bool:
    for name, value in values.items():
        current = getattr(incident, name)
        if name in ("location", "estimate"):
            if (current is None) != (value is None) or (
                    value is not None and (current.x, current.y) != (value.x, value.y)):
                return False
        elif current != value:
            return False
    return True


class _Importer:
    def __init__(self, *, origin: str):
        self.origin = origin
        self.result = ImportResult()
        self.report: Report | None = None

    def _report(self) -> Report:
        if self.report is None:
            stamp = timezone.now()
            text = f"ACLED events imported from {self.origin} at {stamp.isoformat()}."
            self.report = Report.objects.create(
                title=f"ACLED import: {self.origin}"[:500], publisher="ACLED", text=text,
                content_hash=hashlib.sha256(text.encode()).hexdigest(), origin=self.origin[:500],
                published_at=stamp)
            self.result.report_id = self.report.pk
        return self.report

    def batch(self, records: list[AcledRecord]) -> None:
        places = _places(records)
        existing = {i.acled_event_id: i for i in Incident.objects.filter(
            acled_event_id__in=[r.event_id for r in records])}
        new, changed = [], []
        for record in records:
            values = _values(record, _place_id(record, places))
            incident = existing.get(record.event_id)
            if incident is None:
                new.append((record, Incident(acled_event_id=record.event_id, **values)))
            elif _same(incident, values):
                self.result.unchanged += 1
            else:
                for name, value in values.items():
                    setattr(incident, name, value)
                changed.append((record, incident))
        if new:
            self._report()  # outside the batch's transaction: a rolled-back batch keeps it valid
        try:
            with transaction.atomic():
                self._write(new, changed)
        except DatabaseError:
            self._one_by_one(new, changed)
        else:
            self.result.created += len(new)
            self.result.updated += len(changed)

    def _one_by_one(self, new: list, changed: list) -> None:
        for item, is_new in [*((n, True) for n in new), *((c, False) for c in changed)]:
            try:
                with transaction.atomic():
                    self._write([item] if is_new else [], [] if is_new else [item])
            except DatabaseError as exc:
                record = item[0]
                self.result.failed.append(
                    RowFailure(record.line, record.event_id, f"database refused it: {exc}"[:500]))
            else:
                self.result.created += is_new
                self.result.updated += not is_new

    def _write(self, new: list, changed: list) -> None:
        if new:
            for _record, incident in new:
                incident.report = self.report
            Incident.objects.bulk_create([incident for _, incident in new])
        if changed:
            now = timezone.now()
            for _record, incident in changed:
                incident.updated_at = now  # bulk_update does not apply auto_now
            Incident.objects.bulk_update([incident for _, incident in changed], [*FIELDS, "updated_at"])


def acled_import(*, lines: Iterable[str], origin: str,
                 progress: Callable[[int], None] | None = None) -> ImportResult:
    """Import ACLED rows from the text lines of a CSV file; raise AcledFileError if unreadable."""
    importer = _Importer(origin=origin)
    seen: dict[str, int] = {}
    pending: list[AcledRecord] = []
    for item in acled_records(lines):
        if isinstance(item, RowFailure):
            importer.result.failed.append(item)
        elif item.event_id in seen:
            importer.result.failed.append(RowFailure(
                item.line, item.event_id, f"event_id_cnty already given on line {seen[item.event_id]}"))
        else:
            seen[item.event_id] = item.line
            pending.append(item)
        if len(pending) == BATCH:
            importer.batch(pending)
            pending = []
            if progress:
                progress(importer.result.rows)
    if pending:
        importer.batch(pending)
    if progress:
        progress(importer.result.rows)
    return importer.result
