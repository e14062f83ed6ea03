"""The CSV export at the database's speed: PostgreSQL ``COPY (SELECT ...) TO STDOUT``.

The SELECT computes the very cells `exports.export_rows` + `streaming.csv_lines` write in
Python (ACLED columns, stored ACLED columns of imported incidents, coordinates rounded to
5 decimals, blanks for unknowns) and escapes text cells against spreadsheet formulas the
same way (a leading apostrophe before ``= + - @``, tab or CR), so both paths give the same
bytes (tests/exports/test_export_copy.py). The rows are the filter set's
(`IncidentFilter.apply`), compiled by Django into the WHERE clause. PostGIS only: other
databases use the Python path.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection

from incidents.extraction.taxonomy import CIVILIAN_VIOLENCE, DISORDER_TYPES
from incidents.filters import IncidentFilter
from incidents.models import Incident

from .exports import ACLED_COLUMNS, COUNTRIES, REGION
from .functions import COORD_DIGITS

# Data blocks are gathered to about this size before they are handed on.
CHUNK_BYTES = 256 * 1024


def copy_supported() -> bool:
    return connection.vendor == "postgresql"


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _case(column: str, mapping: dict[str, object]) -> str:
    whens = " ".join(f"WHEN {_literal(k)} THEN {_literal(str(v))}" for k, v in mapping.items())
    return f"(CASE {column} {whens} END)"


def _safe(column: str) -> str:
    """A text cell as csv_safe writes it: blank for '' or NULL, formula-like text escaped."""
    return (f"(CASE WHEN left({column}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') "
            f"THEN '''' || {column} ELSE NULLIF({column}, '') END)")


def _number(column: str) -> str:
    """A float, already rounded, as Python's str() writes it ('43.0', '36.335')."""
    return (f"(CASE WHEN {column} = trunc({column}) THEN trunc({column})::bigint::text || '.0' "
            f"ELSE {column}::text END)")


def _derived() -> dict[str, str]:
    """SQL for each ACLED column of an incident (before stored ACLED values replace it)."""
    iso3 = {code: c[0] for code, c in COUNTRIES.items()}
    numeric = {code: c[1] for code, c in COUNTRIES.items()}
    names = {code: c[2] for code, c in COUNTRIES.items()}
    known = ", ".join(_literal(code) for code in COUNTRIES)
    return {
        "event_id_cnty": f"(COALESCE({_case('i.country_code', iso3)}, 'XXX') || i.id::text)",
        "event_date": "to_char(i.event_date, 'YYYY-MM-DD')",
        "year": "extract(year FROM i.event_date)::int::text",
        "time_precision": "i.time_precision::text",
        "disorder_type": _case("i.event_type", DISORDER_TYPES),
        "event_type": "i.event_type", "sub_event_type": "i.sub_event_type",
        "actor1": "i.actor1", "assoc_actor_1": "NULL", "inter1": "NULL",
        "actor2": "i.actor2", "assoc_actor_2": "NULL", "inter2": "NULL", "interaction": "NULL",
        "civilian_targeting": f"(CASE WHEN i.event_type = {_literal(CIVILIAN_VIOLENCE)} "
                              "THEN 'Civilian targeting' END)",
        "iso": _case("i.country_code", numeric),
        "region": f"(CASE WHEN i.country_code IN ({known}) THEN {_literal(REGION)} END)",
        "country": _case("i.country_code", names),
        "admin1": "i.admin1", "admin2": "i.admin2", "admin3": "NULL", "location": "i.location_name",
        "latitude": f"round(ST_Y(i.location)::numeric, {COORD_DIGITS})::float8",
        "longitude": f"round(ST_X(i.location)::numeric, {COORD_DIGITS})::float8",
        "geo_precision": "i.geo_precision::text", "source": "r.publisher", "source_scale": "NULL",
        "notes": "i.summary", "fatalities": "i.fatalities::text", "tags": "NULL",
        "timestamp": "floor(extract(epoch FROM i.updated_at))::bigint::text",
    }  # fmt: skip


# Stored ACLED columns that are numbers (no formula escaping: the Python path writes ints).
_STORED_NUMBERS = {"year", "iso", "timestamp"}
_TEXT = {"event_id_cnty", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
         "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "region",
         "country", "admin1", "admin2", "admin3", "location", "source", "source_scale", "notes", "tags"}


def _inner() -> list[str]:
    """Each column's value (an imported incident's stored ACLED value first)."""
    derived = _derived()
    columns = []
    for name in ACLED_COLUMNS:
        expression = derived[name]
        if name == "event_id_cnty":
            expression = f"COALESCE(i.acled_event_id, {expression})"
        elif name in _TEXT or name in _STORED_NUMBERS:
            expression = (f"(CASE WHEN i.acled_event_id IS NOT NULL AND i.acled ? {_literal(name)} "
                          f"THEN i.acled ->> {_literal(name)} ELSE {expression} END)")
        columns.append(f'{expression} AS "{name}"')
    return columns


def _outer() -> list[str]:
    """The cells: text escaped against formulas, coordinates written as Python writes floats."""
    cells = []
    for name in ACLED_COLUMNS:
        column = f'c."{name}"'
        if name in _TEXT:
            column = _safe(column)
        elif name in ("latitude", "longitude"):
            column = _number(column)
        cells.append(f'{column} AS "{name}"')
    return cells


def copy_query(*, filters: IncidentFilter) -> tuple[str, tuple]:
    """The COPY statement and its parameters for the filtered incidents, newest first."""
    table = Incident._meta.db_table
    reports = Incident._meta.get_field("report").related_model._meta.db_table
    where, params = "", ()
    if filters != IncidentFilter():
        subquery = filters.apply(Incident.objects.all()).order_by().values("id")
        sql, params = subquery.query.sql_with_params()
        where = f"WHERE i.id IN ({sql})"
    inner, outer = ",\n  ".join(_inner()), ",\n  ".join(_outer())
    # OFFSET 0 keeps the subquery whole: each value is computed once per row, not once per use.
    # Only our own constants are formatted in (quoted by _literal); filter values are parameters.
    columns = f"{inner}, i.event_date AS sort_date, i.id AS sort_id"
    joined = f"{table} i JOIN {reports} r ON r.id = i.report_id"
    source = f"(SELECT {columns} FROM {joined} {where} OFFSET 0) c"  # noqa: S608
    query = f"SELECT {outer}\nFROM {source}\nORDER BY c.sort_date DESC, c.sort_id DESC"  # noqa: S608
    return f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)", tuple(params)


class CopyCount:
    """Filled in when the COPY is done: how many rows it wrote."""

    rows: int = 0


def csv_copy_chunks(*, filters: IncidentFilter, count: CopyCount | None = None) -> Iterator[bytes]:
    """The CSV file (header included) in blocks of about CHUNK_BYTES, straight from COPY."""
    statement, params = copy_query(filters=filters)
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        with cursor.copy(statement, params) as copy:
            buffer: list[bytes] = []
            size = 0
            for data in copy:
                buffer.append(bytes(data))
                size += len(data)
                if size >= CHUNK_BYTES:
                    yield b"".join(buffer)
                    buffer, size = [], 0
            if buffer:
                yield b"".join(buffer)
        if count is not None:
            count.rows = max(cursor.rowcount, 0)  # COPY's own row count, known once it is done
