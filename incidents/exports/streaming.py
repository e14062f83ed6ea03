"""Streaming CSV and GeoJSON exports of incidents in ACLED columns.

Rows are written as they are read (``StreamingHttpResponse`` over a pseudo-buffer), so a
large export never sits in memory. The file is UTF-8 without a byte-order mark: ACLED's
own files have none and a BOM breaks many command-line tools; spreadsheet users who need
one can import the file as UTF-8 explicitly.

On PostGIS the CSV comes straight from ``COPY ... TO STDOUT``
(`incidents.selectors.exports_copy`, the same cells); elsewhere rows are read through a
chunked cursor and written here. Lines end in LF, as in ACLED's files and COPY's output.

Formula injection (CSV injection): a text cell that starts with ``=``, ``+``, ``-``, ``@``,
tab or carriage return would run as a formula in a spreadsheet, so it gets a leading
apostrophe. Only ``str`` values are escaped: numeric columns (coordinates, counts) reach
the writer as int/float and a negative longitude stays a number.

GeoJSON (RFC 7946): a FeatureCollection streamed feature by feature, coordinates
``[longitude, latitude]`` in WGS 84 (no ``crs`` member: RFC 7946 dropped it, WGS 84 is
implied). Properties are the ACLED columns; numeric columns are numbers or ``null`` when
unknown (the CSV writes blanks), text columns are strings. Incidents without a location
are kept with ``"geometry": null``. No formula escaping: GeoJSON is not opened by
spreadsheets, and altering the text would corrupt it for GIS users.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import StreamingHttpResponse

from incidents.filters import IncidentFilter
from incidents.selectors.exports import ACLED_COLUMNS, export_rows
from incidents.selectors.exports_copy import CopyCount, copy_supported, csv_copy_chunks

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# ACLED columns that hold numbers; their blanks ("") become JSON null.
NUMERIC_COLUMNS = frozenset(
    {"year", "time_precision", "iso", "latitude", "longitude", "geo_precision", "fatalities", "timestamp"}
)
GEOJSON_CONTENT_TYPE = "application/geo+json"
# Features per chunk handed to the server: few enough to stream, enough to not crawl.
GEOJSON_CHUNK = 200


class _Echo:
    """A file-like object whose write() hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_safe(value: Any) -> Any:
    """Neutralise a text cell a spreadsheet would evaluate; leave numbers untouched."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_lines(*, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header and one CSV line per row, cells escaped against formula injection."""
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow(columns)
    for row in rows:
        cells = [csv_safe(row.get(column, "")) for column in columns]
        if any(isinstance(cell, str) and "\r" in cell for cell in cells):
            yield _quoted_line(cells)
        else:
            yield writer.writerow(cells)


def _quoted_line(cells: list[Any]) -> str:
    """A line with a carriage return inside a cell: the csv module would leave that cell
    unquoted once lines end in LF; quoted as COPY (and RFC 4180) quote it."""
    out = []
    for cell in cells:
        text = str(cell)
        if any(char in text for char in ',"\r\n'):
            text = '"' + text.replace('"', '""') + '"'
        out.append(text)
    return ",".join(out) + "\n"


def incidents_csv_chunks(*, filters: IncidentFilter, count: CopyCount | None = None) -> Iterable[str | bytes]:
    """The filtered incidents' CSV: COPY on PostGIS, else the rows written here.

    ``count.rows`` holds how many rows were written once the iterator is exhausted.
    """
    if copy_supported():
        return csv_copy_chunks(filters=filters, count=count)
    return _counted_lines(filters=filters, count=count or CopyCount())


def _counted_lines(*, filters: IncidentFilter, count: CopyCount) -> Iterator[str]:
    lines = csv_lines(columns=ACLED_COLUMNS, rows=export_rows(filters=filters))
    yield next(lines)
    for line in lines:
        count.rows += 1
        yield line


def csv_response(*, filters: IncidentFilter, filename: str = "incidents.csv") -> StreamingHttpResponse:
    """A streaming ``text/csv`` download of the filtered incidents."""
    response = StreamingHttpResponse(
        incidents_csv_chunks(filters=filters), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def geojson_feature(*, columns: Sequence[str], row: dict[str, Any]) -> dict[str, Any]:
    """One GeoJSON Feature from an export row: a Point, or null geometry without a location."""
    properties = {}
    for column in columns:
        value = row.get(column, "")
        properties[column] = None if column in NUMERIC_COLUMNS and value == "" else value
    lon, lat = properties.get("longitude"), properties.get("latitude")
    geometry = None if lon is None or lat is None else {"type": "Point", "coordinates": [lon, lat]}
    feature: dict[str, Any] = {"type": "Feature", "geometry": geometry, "properties": properties}
    if properties.get("event_id_cnty"):
        feature["id"] = properties["event_id_cnty"]
    return feature


def geojson_lines(*, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One compact JSON Feature per line (newline-delimited GeoJSON), each ending in newline."""
    for row in rows:
        feature = geojson_feature(columns=columns, row=row)
        yield json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + "\n"


def geojson_chunks(*, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection as text chunks, one feature per line, never all in memory."""
    yield '{"type":"FeatureCollection","features":[\n'
    batch: list[str] = []
    first = True
    for line in geojson_lines(columns=columns, rows=rows):
        batch.append(line[:-1] if first else ",\n" + line[:-1])
        first = False
        if len(batch) == GEOJSON_CHUNK:
            yield "".join(batch)
            batch = []
    batch.append("\n]}\n")
    yield "".join(batch)


def geojson_response(
    *, columns: Sequence[str], rows: Iterable[dict[str, Any]], filename: str = "incidents.geojson"
) -> StreamingHttpResponse:
    """A streaming ``application/geo+json`` download of ``rows``."""
    response = StreamingHttpResponse(
        geojson_chunks(columns=columns, rows=rows), content_type=GEOJSON_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
