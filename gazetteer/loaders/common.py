"""Shared plumbing of the file loaders (GeoNames, CSV, boundaries): counts, row errors, batching.

Each loader reads its format into `PlaceRecord`s and hands batches to
`gazetteer.services.places_upsert`, so the upsert rules (idempotent, names keyed with
`name_key`) live in one place. What this module adds is what every file loader shares:
a `LoadReport` of exact counts and per-line errors, text streams that survive bad bytes,
and a batcher that never loses a record or crashes on one.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from tqdm import tqdm

from gazetteer.services import PlaceRecord, UpsertCounts, places_upsert

from . import LoaderError

BATCH_SIZE = 2000
# Errors kept verbatim in the report; beyond this only the count grows (constant memory).
MAX_ERRORS_KEPT = 1000


@dataclass
class RowError:
    """One input row that was skipped, with where it was and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class LoadReport:
    """Exact counts of one load, for the command to print and tests to check."""

    label: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    filtered: int = 0
    errors: list[RowError] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)

    def error(self, line: int, message: str) -> None:
        self.skipped += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(RowError(line, message))

    def add_upsert(self, counts: UpsertCounts) -> None:
        self.created += counts.places_created
        self.updated += counts.places_updated
        self.unchanged += counts.places_unchanged
        self.extra["names created"] = self.extra.get("names created", 0) + counts.names_created
        self.extra["names updated"] = self.extra.get("names updated", 0) + counts.names_updated

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def summary(self) -> str:
        if not (self.read or self.skipped):
            # A step that reads no records (border, admin links) has only its extras to say.
            return f"{self.label}: " + ", ".join(f"{k} {v}" for k, v in self.extra.items())
        parts = [
            f"{self.label}: read {self.read}", f"created {self.created}",
            f"updated {self.updated}", f"unchanged {self.unchanged}", f"skipped {self.skipped}",
        ]
        if self.filtered:
            parts.append(f"filtered out {self.filtered}")
        parts += [f"{k} {v}" for k, v in self.extra.items()]
        return ", ".join(parts)

    def lines(self) -> list[str]:
        """Every error (up to MAX_ERRORS_KEPT) then the one-line summary."""
        out = [f"{self.label}: {e}" for e in self.errors]
        if self.skipped > len(self.errors):
            out.append(f"{self.label}: ... {self.skipped - len(self.errors)} more errors not shown")
        out.append(self.summary())
        return out


def has_bad_bytes(text: str) -> bool:
    """True when a string read with errors="surrogateescape" held bytes that are not UTF-8,
    or a NUL byte (valid UTF-8, but PostgreSQL stores no NUL in text)."""
    return "\x00" in text or any("\udc80" <= ch <= "\udcff" for ch in text)


@contextmanager
def open_text(path: Path, *, member_suffix: str = ".txt", member: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text stream of a plain file or of one member of a .zip, read lazily.

    Undecodable bytes become lone surrogates instead of an exception, so a loader can
    report the line and go on (see `has_bad_bytes`).
    """
    path = Path(path)
    if not path.is_file():
        raise LoaderError(f"file not found: {path}")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            zip_check(archive, path=path)
            name = member or _zip_member(archive, path, member_suffix)
            try:
                with archive.open(name) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="\n")
            except zipfile.BadZipFile as exc:  # a damaged member, or one longer than it declares
                raise LoaderError(f"{path}: damaged zip: {exc}") from exc
        return
    with open(path, encoding="utf-8", errors="surrogateescape", newline="\n") as handle:
        yield handle


def zip_check(archive: zipfile.ZipFile, *, path: Path) -> None:
    """Refuse a zip bomb before anything is decompressed: too many members, too many bytes
    once uncompressed, or a member that compresses too well (ATLAS_ZIP_MAX_* settings).

    The sizes are the ones the archive declares; zipfile never reads a member past its
    declared size (and fails its CRC check if the data goes on), so they bound the work.
    """
    members = archive.infolist()
    most, max_bytes, max_ratio = (settings.ATLAS_ZIP_MAX_MEMBERS, settings.ATLAS_ZIP_MAX_BYTES,
                                  settings.ATLAS_ZIP_MAX_RATIO)
    if len(members) > most:
        raise LoaderError(f"{path}: {len(members):,} files in the zip (limit {most:,})")
    total = sum(m.file_size for m in members)
    if total > max_bytes:
        raise LoaderError(f"{path}: {total:,} bytes once unzipped (limit {max_bytes:,}, ATLAS_ZIP_MAX_BYTES)")
    for m in members:
        # Small members are let through whatever their ratio: they cannot exhaust anything.
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > 1024 * 1024 and ratio > max_ratio:
            raise LoaderError(f"{path}: {m.filename} unzips to {ratio:,.0f} times its size "
                              f"(limit {max_ratio}, ATLAS_ZIP_MAX_RATIO): a zip bomb?")


def _zip_member(archive: zipfile.ZipFile, path: Path, suffix: str) -> str:
    # GeoNames zips hold the data file plus readme.txt; the data file is the one we want.
    names = [
        n for n in archive.namelist()
        if n.lower().endswith(suffix) and Path(n).name.lower() != "readme.txt"
    ]
    preferred = [n for n in names if Path(n).stem == path.stem]
    if preferred:
        return preferred[0]
    if len(names) == 1:
        return names[0]
    raise LoaderError(f"{path}: expected one {suffix} data file in the zip, found {names or 'none'}")


def progress_bar(*, desc: str, total: int | None = None, unit: str = "rows", quiet: bool = False) -> tqdm:
    """A tqdm bar on stderr (stdout stays for the counts); silent when `quiet`."""
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=quiet, leave=False)


def upsert_in_batches(
    *,
    records: Iterable[PlaceRecord],
    report: LoadReport,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[int], None] | None = None,
) -> None:
    """Feed records to places_upsert in batches of `batch_size` (each batch one transaction)."""
    batch: list[PlaceRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= batch_size:
            report.add_upsert(places_upsert(records=batch))
            if on_batch:
                on_batch(len(batch))
            batch = []
    if batch:
        report.add_upsert(places_upsert(records=batch))
        if on_batch:
            on_batch(len(batch))


def parse_coordinates(lat_text: str, lon_text: str) -> tuple[float, float]:
    """Latitude and longitude as floats, or ValueError saying which one is wrong."""
    try:
        lat = float(lat_text)
    except (TypeError, ValueError):
        raise ValueError(f"latitude {lat_text!r} is not a number") from None
    try:
        lon = float(lon_text)
    except (TypeError, ValueError):
        raise ValueError(f"longitude {lon_text!r} is not a number") from None
    # float() accepts "nan" and "inf", which would pass a plain range check.
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"latitude {lat_text!r} is out of range -90..90")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude {lon_text!r} is out of range -180..180")
    return lat, lon
