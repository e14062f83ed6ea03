"""Streaming CSV export of incidents in ACLED columns.

Rows are written as they are read (``StreamingHttpResponse`` over a pseudo-buffer), so a
large export never sits in memory. The file is UTF-8 without a byte-order mark: ACLED's
own files have none and a BOM breaks many command-line tools; spreadsheet users who need
one can import the file as UTF-8 explicitly.

Formula injection (CSV injection): a text cell that starts with ``=``, ``+``, ``-``, ``@``,
tab or carriage return would run as a formula in a spreadsheet, so it gets a leading
apostrophe. Only ``str`` values are escaped: numeric columns (coordinates, counts) reach
the writer as int/float and a negative longitude stays a number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([csv_safe(row.get(column, "")) for column in columns])


def csv_response(
    *, columns: Sequence[str], rows: Iterable[dict[str, Any]], filename: str = "incidents.csv"
) -> StreamingHttpResponse:
    """A streaming ``text/csv`` download of ``rows``."""
    response = StreamingHttpResponse(
        csv_lines(columns=columns, rows=rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
