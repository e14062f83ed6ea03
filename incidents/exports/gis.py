"""GIS exports (GeoPackage, zipped Shapefile, KML through a child process) and
export-to-file for the management command.

A GIS file is never written in this process: the web process may have loaded
mod_spatialite with RTLD_GLOBAL, and GDAL opening an SQLite-based GeoPackage next to it
has crashed the process (``gazetteer/apps.py``). Instead the export rows go as
newline-delimited GeoJSON to a temporary file, ``python -m incidents.exports.gpkg_writer`` turns
them into a GeoPackage beside it, and the caller gets the result as an open file whose
directory entry is already gone, so nothing is left behind whatever happens next.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from incidents.exports.streaming import geojson_chunks, geojson_lines, incidents_csv_chunks
from incidents.filters import IncidentFilter
from incidents.selectors.exports import ACLED_COLUMNS, export_rows
from incidents.selectors.exports_copy import CopyCount

GPKG_CONTENT_TYPE = "application/geopackage+sqlite3"
# Format -> (file name, content type) of the GIS files the child process writes.
GIS_FILES = {
    "gpkg": ("incidents.gpkg", GPKG_CONTENT_TYPE),
    "shp": ("incidents.zip", "application/zip"),
    "kml": ("incidents.kml", "application/vnd.google-earth.kml+xml"),
}
# A GeoPackage of 100k incidents takes a few seconds; far beyond that something is stuck.
GPKG_TIMEOUT_SECONDS = 300
FORMATS = ("csv", "geojson", "gpkg", "shp", "kml", "html")
WRITER_MODULE = "incidents.exports.gpkg_writer"


class ExportError(RuntimeError):
    """The export could not be produced; the message says why, fit to show the user."""


def _gis_build(
    *, rows: Iterable[dict[str, Any]], workdir: Path, timeout: float, fmt: str
) -> tuple[Path, int]:
    source = workdir / "incidents.geojsonl"
    target = workdir / GIS_FILES[fmt][0]
    with source.open("w", encoding="utf-8") as handle:
        handle.writelines(geojson_lines(columns=ACLED_COLUMNS, rows=rows))
    try:
        result = subprocess.run(  # noqa: S603 - fixed argv of our own paths, no shell
            [sys.executable, "-m", WRITER_MODULE, str(source), str(target), fmt],
            cwd=settings.BASE_DIR,  # so ``-m incidents...`` imports this checkout
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExportError(f"{_NAMES[fmt]} writer timed out after {timeout:g} s.") from None
    except OSError as exc:
        raise ExportError(f"{_NAMES[fmt]} writer could not start: {exc}.") from None
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit status {result.returncode}"
        raise ExportError(f"{_NAMES[fmt]} writer failed: {reason}")
    try:
        count = int(json.loads(result.stdout)["features"])
    except (ValueError, KeyError, TypeError):
        raise ExportError(f"{_NAMES[fmt]} writer gave no feature count.") from None
    if not target.is_file():
        raise ExportError(f"{_NAMES[fmt]} writer produced no file.")
    return target, count


_NAMES = {"gpkg": "GeoPackage", "shp": "Shapefile", "kml": "KML"}


def gpkg_open(
    *, rows: Iterable[dict[str, Any]], timeout: float = GPKG_TIMEOUT_SECONDS
) -> tuple[IO[bytes], int]:
    """The GeoPackage of ``rows`` as an open binary file (already unlinked) and its feature count."""
    return gis_open(rows=rows, fmt="gpkg", timeout=timeout)


def gis_open(
    *, rows: Iterable[dict[str, Any]], fmt: str, timeout: float = GPKG_TIMEOUT_SECONDS
) -> tuple[IO[bytes], int]:
    """The ``fmt`` file (gpkg, shp as a zip, kml) of ``rows``, open and already unlinked, and
    its feature count.

    Raises ExportError when the writer fails; its temporary files are removed either way.
    """
    workdir = Path(tempfile.mkdtemp(prefix=f"atlas-{fmt}-"))
    try:
        target, count = _gis_build(rows=rows, workdir=workdir, timeout=timeout, fmt=fmt)
        # POSIX keeps an open file readable after its directory is removed: the response
        # streams it and the disk space is freed when the handle is closed.
        handle = target.open("rb")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return handle, count


# Rows between two progress reports.
PROGRESS_EVERY = 10_000


class _Counter:
    """Pass rows through, count them and report progress now and then."""

    def __init__(self, rows: Iterable[dict[str, Any]], progress: Callable[[int], None] | None = None):
        self.rows = rows
        self.count = 0
        self.progress = progress

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            self.count += 1
            if self.progress and self.count % PROGRESS_EVERY == 0:
                self.progress(self.count)
            yield row


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (mkstemp's is owner-only)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _csv_write(*, filters: IncidentFilter, out: IO[bytes], progress: Callable[[int], None] | None) -> int:
    count = CopyCount()
    lines, reported = -1, 0  # the header is no row
    for chunk in incidents_csv_chunks(filters=filters, count=count):
        data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
        out.write(data)
        if progress:
            lines += data.count(b"\n")  # a note with line breaks makes this an estimate
            if lines - reported >= PROGRESS_EVERY:
                progress(lines)
                reported = lines
    return count.rows


def export_write(
    *, filters: IncidentFilter, fmt: str, path: Path, progress: Callable[[int], None] | None = None
) -> int:
    """Write the filtered incidents to ``path`` in ``fmt``; return how many were written.

    The file is written beside ``path`` and renamed into place at the end, so a failed
    export never leaves a truncated file or clobbers an earlier good one. ``progress`` is
    called now and then with the number of rows written so far.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}.")
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"directory {path.parent} does not exist.")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt in GIS_FILES:
            handle, count = gis_open(rows=_Counter(export_rows(filters=filters), progress), fmt=fmt)
            with handle, tmp.open("wb") as out:
                shutil.copyfileobj(handle, out)
        elif fmt == "html":
            from incidents.exports.folium_map import incidents_map

            rendered = incidents_map(filters=filters)
            tmp.write_text(rendered.html, encoding="utf-8")
            count = rendered.shown
        elif fmt == "csv":
            with tmp.open("wb") as out:
                count = _csv_write(filters=filters, out=out, progress=progress)
        else:
            rows = _Counter(export_rows(filters=filters), progress)
            with tmp.open("w", encoding="utf-8", newline="") as out:
                out.writelines(geojson_chunks(columns=ACLED_COLUMNS, rows=rows))
            count = rows.count
        tmp.chmod(_file_mode())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count
