"""GeoNames dump loader: country files, allCountries, alternate names and admin code tables.

Formats (https://download.geonames.org/export/dump/readme.txt):
- `IQ.txt`, `allCountries.txt` (or their .zip): 19 tab-separated columns, no header.
  Streamed line by line, so the 1.5 GB allCountries file loads in constant memory;
  `countries` keeps only those country codes.
- `alternateNamesV2.txt` (or `alternateNames.txt`): names added to places already loaded
  (any Place with that geonameid). Postal codes, links, airport codes and other
  non-name "languages" are dropped; historic and colloquial names are kept, unmarked,
  because reports do use old names (the model has no flag or language for them yet).
- `admin1CodesASCII.txt`, `admin2Codes.txt` and the JSON form of both
  (`{"admin1": [{"code", "name"}], "admin2": [...]}`): code -> name rows (AdminCode),
  used to show admin names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction

from gazetteer.index import gazetteer_index_reset
from gazetteer.models import AdminCode, Place, PlaceName, Source
from gazetteer.services import PlaceRecord, clean_names

from . import LoaderError
from .common import (
    LoadReport,
    has_bad_bytes,
    open_text,
    parse_coordinates,
    progress_bar,
    upsert_in_batches,
)

COLUMNS = 19
ALT_COLUMNS_V2 = 10
ALT_COLUMNS_V1 = 8
# isolanguage values in alternateNames that are not names of the place.
NOT_NAMES = frozenset({"post", "link", "iata", "icao", "faac", "unlc", "wkdt", "abbr", "tcid"})
_CODE = re.compile(r"^[A-Z]{2}(\.[A-Za-z0-9]+){1,2}$")
_BATCH = 2000


def admin_code_names() -> dict[str, str]:
    """The loaded code -> name table ("IQ.15" -> "Nineveh"); empty when none was loaded."""
    return dict(AdminCode.objects.values_list("code", "name"))


def _place_record(cols: list[str]) -> PlaceRecord:
    """One dump line (already split) as a PlaceRecord; ValueError says what is wrong."""
    geonameid_text, name, asciiname, alternates, lat_text, lon_text = cols[:6]
    feature_class, feature_code, country = cols[6], cols[7], cols[8]
    admin1, admin2, population_text = cols[10], cols[11], cols[14]
    if not geonameid_text.isdigit():
        raise ValueError(f"geonameid {geonameid_text!r} is not a positive integer")
    name = name.strip()
    if not name:
        raise ValueError("empty name")
    lat, lon = parse_coordinates(lat_text, lon_text)
    try:
        population = int(population_text or 0)
    except ValueError:
        raise ValueError(f"population {population_text!r} is not an integer") from None
    if country and not (len(country) == 2 and country.isalpha()):
        raise ValueError(f"country code {country!r} is not two letters")
    return PlaceRecord(
        source=Source.GEONAMES,
        source_id=geonameid_text,
        geonameid=int(geonameid_text),
        name=name[:200],
        ascii_name=asciiname.strip()[:200],
        feature_class=feature_class[:1],
        feature_code=feature_code[:10],
        country_code=country.upper(),
        admin1_code=admin1[:32],
        admin2_code=admin2[:32],
        population=max(population, 0),
        lon=lon,
        lat=lat,
        names=[asciiname, *alternates.split(",")] if alternates else [asciiname],
    )


def _dump_records(
    handle, report: LoadReport, countries: frozenset[str], quiet: bool
) -> Iterator[PlaceRecord]:
    first_line: dict[str, int] = {}
    bar = progress_bar(desc=f"{report.label}", quiet=quiet)
    try:
        for number, line in enumerate(handle, start=1):
            bar.update()
            report.read += 1
            line = line.rstrip("\r\n")
            if not line.strip():
                report.error(number, "empty line")
                continue
            cols = line.split("\t")
            if len(cols) != COLUMNS:
                report.error(number, f"expected {COLUMNS} tab-separated columns, found {len(cols)}")
                continue
            # The filter runs before any parsing: allCountries is mostly other countries.
            if countries and cols[8].upper() not in countries:
                report.filtered += 1
                continue
            if has_bad_bytes(line):
                report.error(number, "not valid UTF-8 or a NUL byte (bad bytes in the line)")
                continue
            try:
                record = _place_record(cols)
            except ValueError as exc:
                report.error(number, str(exc))
                continue
            if record.source_id in first_line:
                report.error(number, f"duplicate geonameid {record.source_id} (first on line "
                                     f"{first_line[record.source_id]})")
                continue
            first_line[record.source_id] = number
            key = f"places {record.country_code or '??'}"
            report.extra[key] = report.extra.get(key, 0) + 1
            yield record
    finally:
        bar.close()


def geonames_load_places(
    *, path: Path, countries: tuple[str, ...] = (), quiet: bool = False, reset_index: bool = True
) -> LoadReport:
    """Load a GeoNames dump (country file or allCountries, .txt or .zip) into Place rows."""
    wanted = frozenset(c.upper() for c in countries)
    report = LoadReport(label=f"geonames {Path(path).name}")
    with open_text(path) as handle:
        upsert_in_batches(records=_dump_records(handle, report, wanted, quiet), report=report)
    if reset_index:
        gazetteer_index_reset()
    return report


def _alternate_rows(handle, report: LoadReport, known: dict[int, list[int]], quiet: bool):
    bar = progress_bar(desc=report.label, quiet=quiet)
    try:
        for number, line in enumerate(handle, start=1):
            bar.update()
            report.read += 1
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) not in (ALT_COLUMNS_V2, ALT_COLUMNS_V1):
                report.error(number, f"expected {ALT_COLUMNS_V2} (or {ALT_COLUMNS_V1}) tab-separated "
                                     f"columns, found {len(cols)}")
                continue
            if has_bad_bytes(line):
                report.error(number, "not valid UTF-8 or a NUL byte (bad bytes in the line)")
                continue
            if not cols[1].isdigit():
                report.error(number, f"geonameid {cols[1]!r} is not a positive integer")
                continue
            place_ids = known.get(int(cols[1]))
            if not place_ids or cols[2] in NOT_NAMES:
                report.filtered += 1
                continue
            names = clean_names([cols[3]])
            if not names:
                report.filtered += 1
                continue
            for place_id in place_ids:
                yield place_id, names[0]
    finally:
        bar.close()


def geonames_load_alternate_names(*, path: Path, quiet: bool = False, reset_index: bool = True) -> LoadReport:
    """Add alternateNames(V2) entries as PlaceNames of places already loaded (by geonameid)."""
    from gazetteer.geoparser.normalize import name_key, script_of

    report = LoadReport(label=f"geonames alternate names {Path(path).name}")
    known: dict[int, list[int]] = {}
    for geonameid, place_id in Place.objects.exclude(geonameid=None).values_list("geonameid", "id"):
        known.setdefault(geonameid, []).append(place_id)

    def flush(batch: list[tuple[int, str]]) -> None:
        wanted = set(batch)
        place_ids = {p for p, _ in wanted}
        existing = set(PlaceName.objects.filter(place_id__in=place_ids).values_list("place_id", "name"))
        new = [pair for pair in wanted if pair not in existing]
        with transaction.atomic():
            PlaceName.objects.bulk_create(
                [PlaceName(place_id=p, name=n, key=name_key(n), script=script_of(n)) for p, n in new],
                batch_size=500,
            )
        report.created += len(new)
        report.unchanged += len(wanted) - len(new)

    batch: list[tuple[int, str]] = []
    with open_text(path) as handle:
        for pair in _alternate_rows(handle, report, known, quiet):
            batch.append(pair)
            if len(batch) >= _BATCH:
                flush(batch)
                batch = []
    if batch:
        flush(batch)
    if reset_index:
        gazetteer_index_reset()
    return report


def _code_rows(path: Path, report: LoadReport) -> Iterator[tuple[str, str]]:
    if Path(path).suffix.lower() == ".json":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise LoaderError(f"cannot read admin codes JSON {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise LoaderError(f"{path}: expected an object with 'admin1'/'admin2' lists")
        entries = [e for key in ("admin1", "admin2") for e in data.get(key) or []]
        for number, entry in enumerate(entries, start=1):
            report.read += 1
            if not isinstance(entry, dict) or not entry.get("code") or not entry.get("name"):
                report.error(number, f"entry {number} needs 'code' and 'name'")
                continue
            yield str(entry["code"]), str(entry["name"])
        return
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            report.read += 1
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) != 4:
                report.error(number, f"expected 4 tab-separated columns, found {len(cols)}")
                continue
            if has_bad_bytes(line):
                report.error(number, "not valid UTF-8 or a NUL byte (bad bytes in the line)")
                continue
            yield cols[0], cols[1]


def geonames_load_admin_codes(*, path: Path) -> LoadReport:
    """Upsert admin1CodesASCII/admin2Codes (.txt) or their JSON form into AdminCode rows."""
    report = LoadReport(label=f"geonames admin codes {Path(path).name}")
    table = admin_code_names()
    rows: dict[str, str] = {}
    for code, name in _code_rows(path, report):
        if not _CODE.match(code) or not name.strip():
            report.error(report.read, f"code {code!r} is not like IQ.15 or IQ.15.90392")
            continue
        old = table.get(code)
        if old is None:
            report.created += 1
        elif old != name:
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        rows[code] = name[:200]
    with transaction.atomic():
        AdminCode.objects.bulk_create(
            [AdminCode(code=code, name=name) for code, name in rows.items()],
            update_conflicts=True, unique_fields=["code"], update_fields=["name"],
        )
    return report


def geonames_kind(path: Path) -> str:
    """Which GeoNames file this is, from its name: places, alternate_names or admin_codes."""
    name = Path(path).name.lower()
    if name.startswith("alternatenames"):
        return "alternate_names"
    if name.startswith(("admin1codes", "admin2codes")) or name.endswith(".json"):
        return "admin_codes"
    return "places"


def geonames_load(
    *, path: Path, countries: tuple[str, ...] = (), quiet: bool = False, reset_index: bool = True
) -> LoadReport:
    """Load any GeoNames dump file, choosing the reader by its file name."""
    kind = geonames_kind(path)
    if kind == "alternate_names":
        return geonames_load_alternate_names(path=path, quiet=quiet, reset_index=reset_index)
    if kind == "admin_codes":
        return geonames_load_admin_codes(path=path)
    return geonames_load_places(path=path, countries=countries, quiet=quiet, reset_index=reset_index)


DEFAULT_DUMP_URL = "https://download.geonames.org/export/dump"
USER_AGENT = "incident-atlas/0.1 (gazetteer loader; +https://www.geonames.org/export/)"


def geonames_download(
    *, countries: tuple[str, ...], dest_dir: Path, base_url: str | None = None, timeout: float = 60.0
) -> list[Path]:
    """Fetch {base_url}/{CC}.zip for each country into dest_dir; returns the zip paths.

    The base URL defaults to setting GEONAMES_DUMP_URL (else the GeoNames server), so a
    mirror or a test server can stand in. A failed download raises LoaderError and
    leaves no partial file behind.
    """
    import requests

    base = (base_url or getattr(settings, "GEONAMES_DUMP_URL", "") or DEFAULT_DUMP_URL).rstrip("/")
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for country in countries:
        code = country.strip().upper()
        if not (len(code) == 2 and code.isalpha()):
            raise LoaderError(f"--download takes ISO 3166-1 alpha-2 country codes, got {country!r}")
        url = f"{base}/{code}.zip"
        target = dest_dir / f"{code}.zip"
        partial = target.with_suffix(".zip.part")
        try:
            with requests.get(url, stream=True, timeout=timeout, headers={"User-Agent": USER_AGENT}) as resp:
                resp.raise_for_status()
                with open(partial, "wb") as out:
                    for chunk in resp.iter_content(chunk_size=1 << 16):
                        out.write(chunk)
        except requests.RequestException as exc:
            partial.unlink(missing_ok=True)
            raise LoaderError(f"download of {url} failed: {exc}") from exc
        partial.replace(target)
        paths.append(target)
    return paths
