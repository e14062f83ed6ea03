"""CSV place lists with a column mapping, and the IOM DTM master-list preset.

A mapping names the columns that hold the id, the preferred name, alternate names,
latitude, longitude and admin names/codes. Rows are upserted on (source, id), so a
second load of the same file changes nothing; a row without an id column gets a stable
id from its name and coordinates.

Master lists qualify names: "Tall Rummana (Gir Hasan)", "Abu Jasra-Falluja" (Abu Jasra
in Falluja district). With ``strip_qualifiers`` (on in the IOM DTM preset) the name without
its bracketed or district/governorate qualifier is indexed too, so a report's
"Tall Rummana" or "Abu Jasra" finds the place; the full name stays the preferred one.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from gazetteer.geoparser.normalize import is_article, name_key
from gazetteer.index import gazetteer_index_reset
from gazetteer.models import Source
from gazetteer.services import PlaceRecord, ascii_fold

from . import LoaderError
from .common import LoadReport, has_bad_bytes, parse_coordinates, progress_bar, upsert_in_batches


@dataclass(frozen=True)
class CsvMapping:
    """Which CSV column holds what; admin_cols are (admin1, admin2) in that order."""

    name_col: str
    lat_col: str
    lon_col: str
    id_col: str = ""
    alt_name_cols: tuple[str, ...] = ()
    admin_cols: tuple[str, ...] = ()
    country: str = ""
    source: str = Source.CSV
    feature_class: str = "P"
    feature_code: str = "PPL"
    delimiter: str = ","
    strip_qualifiers: bool = False

    def columns(self) -> list[str]:
        cols = [self.name_col, self.lat_col, self.lon_col, *self.alt_name_cols, *self.admin_cols]
        return [c for c in (self.id_col, *cols) if c]


PRESETS = {
    # IOM Displacement Tracking Matrix master lists (Iraq): English + Arabic names.
    "iom-dtm": CsvMapping(
        id_col="location_id", name_col="name_en", alt_name_cols=("name_ar",),
        lat_col="lat", lon_col="lon", admin_cols=("governorate", "district"),
        country="IQ", source=Source.IOM_DTM, feature_class="P", feature_code="PPL",
        strip_qualifiers=True,
    ),
}


def csv_mapping(*, preset: str | None = None, **overrides) -> CsvMapping:
    """A mapping from a preset, with any non-empty override applied on top."""
    given = {k: v for k, v in overrides.items() if v not in (None, "", ())}
    if preset:
        if preset not in PRESETS:
            raise LoaderError(f"unknown preset {preset!r}; known: {', '.join(sorted(PRESETS))}")
        return replace(PRESETS[preset], **given)
    missing = [c for c in ("name_col", "lat_col", "lon_col") if not given.get(c)]
    if missing:
        raise LoaderError(
            "a CSV load needs --name-col, --lat-col and --lon-col (or a --preset); missing: "
            + ", ".join("--" + m.replace("_", "-") for m in missing)
        )
    return CsvMapping(**given)


_BRACKETED = re.compile(r"\s*[(（][^()（）]*[)）]")
_TRAILING = re.compile(r"[\s\-–]+$")
_SUFFIX = re.compile(r"^(.+?)\s*[-–]\s*([^-–]+)$")


def unqualified_names(name: str, admins: list[str]) -> list[str]:
    """The name without its qualifiers, when it has any: the bracketed parts dropped
    ("Tall Rummana (Gir Hasan)" -> "Tall Rummana", "Tall Rummana (Gir Hasan) village" ->
    "Tall Rummana village"), and a trailing "-<district or governorate>" ("Abu
    Jasra-Falluja" in Al-Falluja district -> "Abu Jasra"). Empty when nothing is left
    or nothing was dropped."""
    out = []
    bare = _TRAILING.sub("", " ".join(_BRACKETED.sub(" ", name).split()))
    if bare and "(" not in bare and ")" not in bare:
        out.append(bare)
    m = _SUFFIX.match(bare or name)
    if m and not is_article(m.group(1).split()[-1]):  # "Markaz Al-Qaim" is not qualified
        admin_keys = {name_key(a) for a in admins if a}
        if name_key(m.group(2)) in admin_keys and name_key(m.group(1)) not in admin_keys:
            out.append(m.group(1).strip())
    full = name_key(name)
    return [n for n in out if name_key(n) not in ("", full)]


def _stable_id(name: str, lat: float, lon: float) -> str:
    digest = hashlib.sha1(f"{name}|{lat:.6f}|{lon:.6f}".encode(), usedforsecurity=False)
    return "h" + digest.hexdigest()[:20]


def _records(
    reader: csv.DictReader, mapping: CsvMapping, report: LoadReport, quiet: bool
) -> Iterator[PlaceRecord]:
    first_line: dict[str, int] = {}
    country = mapping.country.upper()
    bar = progress_bar(desc=report.label, quiet=quiet)
    try:
        for row in reader:
            bar.update()
            line = reader.line_num
            report.read += 1
            extra, values = row.pop(None, None) or [], [v for v in row.values() if v is not None]
            if extra or len(values) != len(row):
                report.error(line, f"expected {len(row)} columns, found {len(values) + len(extra)}")
                continue
            if any(has_bad_bytes(v) for v in row.values()):
                report.error(line, "not valid UTF-8 or a NUL byte (bad bytes in the row)")
                continue
            name = row[mapping.name_col].strip()
            if not name:
                report.error(line, f"empty name in column {mapping.name_col!r}")
                continue
            try:
                lat, lon = parse_coordinates(row[mapping.lat_col].strip(), row[mapping.lon_col].strip())
            except ValueError as exc:
                report.error(line, str(exc))
                continue
            source_id = row[mapping.id_col].strip() if mapping.id_col else _stable_id(name, lat, lon)
            if not source_id or len(source_id) > 64:
                report.error(line, f"id {source_id!r} in column {mapping.id_col!r} is empty or too long")
                continue
            if source_id in first_line:
                report.error(line, f"duplicate id {source_id} (first on line {first_line[source_id]})")
                continue
            first_line[source_id] = line
            admins = [row[c].strip()[:32] for c in mapping.admin_cols] + ["", ""]
            alternates = [row[c] for c in mapping.alt_name_cols if row[c].strip()]
            if mapping.strip_qualifiers:
                alternates += [v for n in (name, *alternates) for v in unqualified_names(n, admins)]
            yield PlaceRecord(
                source=mapping.source, source_id=source_id, name=name[:200],
                ascii_name=ascii_fold(name)[:200], feature_class=mapping.feature_class,
                feature_code=mapping.feature_code, country_code=country,
                admin1_code=admins[0], admin2_code=admins[1], lon=lon, lat=lat,
                names=alternates,
            )
    finally:
        bar.close()


def csv_load_places(
    *, path: Path, mapping: CsvMapping, quiet: bool = False, reset_index: bool = True
) -> LoadReport:
    """Load a CSV place list with the given column mapping; bad rows are reported and skipped."""
    path = Path(path)
    if not path.is_file():
        raise LoaderError(f"file not found: {path}")
    report = LoadReport(label=f"csv {path.name} ({mapping.source})")
    # surrogateescape: a bad byte is reported on its row instead of aborting the file.
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=mapping.delimiter)
        header = reader.fieldnames or []
        missing = [c for c in mapping.columns() if c not in header]
        if missing:
            raise LoaderError(f"{path}: column(s) {', '.join(missing)} not in the header {header}")
        upsert_in_batches(records=_records(reader, mapping, report, quiet), report=report)
    if reset_index:
        gazetteer_index_reset()
    return report
