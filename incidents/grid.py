"""The map's grid: cell sizes per level, and the SQL that keeps the cell counts in step.

Level ``L`` cuts the world into square cells of ``2 ** (6 - L)`` degrees (level 4: 4°,
level 14: 1/256°, about 430 m), so a level's cells show about 45 px wide at zoom ``L``.
An incident's cell is ``(floor(lon / size), floor(lat / size))``; the sizes are powers
of two, so the division is exact and the database, its triggers and Python agree on
every cell.

``incidents_mapcell`` holds, per level, cell and event type, how many live (not
soft-deleted) located incidents
fall there (and the sums of their coordinates, so a cell is drawn where its incidents
are); ``incidents_daycount`` how many located incidents there are per day and type.
Database triggers on ``incidents_incident`` keep both exact on every insert, update and
delete, whoever writes (services, the admin, bulk loads, tests); ``rebuild_sql`` recounts
them from the incidents in one statement each (migration backfill, bulk loads with the
triggers off). This module is imported by a migration: keep it free of app imports.
"""

# SQL text is built from this module's constants only (levels, table names), never from input.
# ruff: noqa: S608
from __future__ import annotations

import math

MIN_LEVEL, MAX_LEVEL = 4, 14
LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))
# PostgreSQL: one advisory lock serialises the counter updates of concurrent writers, so
# two transactions touching the same cells in another order wait instead of deadlocking.
PG_LOCK_KEY = 14_014


def cell_size(level: int) -> float:
    """The side of a level's cells in degrees."""
    return 2.0 ** (6 - level)


def cell_of(lon: float, lat: float, level: int) -> tuple[int, int]:
    size = cell_size(level)
    return math.floor(lon / size), math.floor(lat / size)


def level_for_span(width: float, height: float, *, across: int) -> int:
    """The finest level at which a box of ``width`` x ``height`` degrees spans at most
    ``across`` cells each way (MIN_LEVEL for anything larger)."""
    for level in reversed(LEVELS):
        size = cell_size(level)
        if width / size <= across and height / size <= across:
            return level
    return MIN_LEVEL


def _levels_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return f"(SELECT l AS level, 2.0 ^ (6 - l) AS size FROM generate_series({MIN_LEVEL}, {MAX_LEVEL}) l)"
    # SQLite: no CTE inside a trigger; the levels as a literal table.
    rows = " UNION ALL ".join(f"SELECT {lv} AS level, {cell_size(lv)!r} AS size" for lv in LEVELS)
    return f"({rows})"


def _cell(vendor: str, coord: str) -> str:
    floor = f"floor({coord} / lv.size)"
    return f"CAST({floor} AS integer)" if vendor == "postgresql" else f"CAST({floor} AS INTEGER)"


def _apply_sql(vendor: str, row: str, sign: str) -> list[str]:
    """The statements that add (sign '+', upserts) or remove ('-', updates only: a count
    never starts below zero, whatever order a flush empties the tables in) one incident
    row (NEW/OLD)."""
    x, y = f"ST_X({row}.location)", f"ST_Y({row}.location)"
    if sign == "-":
        return [
            "UPDATE incidents_mapcell SET n = n - 1, "
            f"lon_sum = lon_sum - {x}, lat_sum = lat_sum - {y} FROM {_levels_sql(vendor)} lv "
            f"WHERE incidents_mapcell.level = lv.level AND cx = {_cell(vendor, x)} "
            f"AND cy = {_cell(vendor, y)} AND event_type = {row}.event_type",
            f"UPDATE incidents_daycount SET n = n - 1 WHERE day = {row}.event_date "
            f"AND event_type = {row}.event_type",
        ]
    cells = (
        "INSERT INTO incidents_mapcell (level, cx, cy, event_type, n, lon_sum, lat_sum) "
        f"SELECT lv.level, {_cell(vendor, x)}, {_cell(vendor, y)}, {row}.event_type, 1, "
        f"{x}, {y} FROM {_levels_sql(vendor)} lv WHERE true "
        "ON CONFLICT (level, cx, cy, event_type) DO UPDATE SET n = incidents_mapcell.n + excluded.n, "
        "lon_sum = incidents_mapcell.lon_sum + excluded.lon_sum, "
        "lat_sum = incidents_mapcell.lat_sum + excluded.lat_sum"
    )
    days = (
        "INSERT INTO incidents_daycount (day, event_type, n) "
        f"VALUES ({row}.event_date, {row}.event_type, 1) "
        "ON CONFLICT (day, event_type) DO UPDATE SET n = incidents_daycount.n + excluded.n"
    )
    return [cells, days]


_WATCHED = "location, event_type, event_date, deleted_at"
_SQLITE_TRIGGERS = (
    # name, event, row, sign
    ("incident_mapcell_ins", "INSERT", "NEW", "+"),
    ("incident_mapcell_del", "DELETE", "OLD", "-"),
    ("incident_mapcell_upd_old", f"UPDATE OF {_WATCHED}", "OLD", "-"),
    ("incident_mapcell_upd_new", f"UPDATE OF {_WATCHED}", "NEW", "+"),
)


def _live(row: str) -> str:
    """An incident the map counts: located and not soft-deleted."""
    return f"{row}.location IS NOT NULL AND {row}.deleted_at IS NULL"


def install_sql(vendor: str) -> list[str]:
    """CREATE statements of the triggers for ``vendor`` (postgresql or sqlite)."""
    if vendor == "postgresql":
        minus = "; ".join(_apply_sql(vendor, "OLD", "-"))
        plus = "; ".join(_apply_sql(vendor, "NEW", "+"))
        return [
            f"""CREATE OR REPLACE FUNCTION incidents_incident_mapcell() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({PG_LOCK_KEY});
  IF TG_OP IN ('UPDATE', 'DELETE') AND {_live("OLD")} THEN {minus}; END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND {_live("NEW")} THEN {plus}; END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
            "CREATE TRIGGER incident_mapcell AFTER INSERT OR DELETE OR UPDATE OF "
            f"{_WATCHED} ON incidents_incident FOR EACH ROW EXECUTE FUNCTION incidents_incident_mapcell()",
        ]
    statements = []
    for name, event, row, sign in _SQLITE_TRIGGERS:
        body = "; ".join(_apply_sql(vendor, row, sign))
        statements.append(
            f"CREATE TRIGGER {name} AFTER {event} ON incidents_incident "
            f"FOR EACH ROW WHEN {_live(row)} BEGIN {body}; END"
        )
    return statements


def drop_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            "DROP TRIGGER IF EXISTS incident_mapcell ON incidents_incident",
            "DROP FUNCTION IF EXISTS incidents_incident_mapcell()",
        ]
    return [f"DROP TRIGGER IF EXISTS {name}" for name, *_ in _SQLITE_TRIGGERS]


def rebuild_sql(vendor: str) -> list[str]:
    """Recount both tables from the incidents (the triggers may be off meanwhile)."""
    x, y = "ST_X(i.location)", "ST_Y(i.location)"
    return [
        "DELETE FROM incidents_mapcell",
        "DELETE FROM incidents_daycount",
        "INSERT INTO incidents_mapcell (level, cx, cy, event_type, n, lon_sum, lat_sum) "
        f"SELECT lv.level, {_cell(vendor, x)} AS cx, {_cell(vendor, y)} AS cy, i.event_type, "
        f"count(*), sum({x}), sum({y}) FROM incidents_incident i CROSS JOIN {_levels_sql(vendor)} lv "
        "WHERE i.location IS NOT NULL AND i.deleted_at IS NULL GROUP BY lv.level, cx, cy, i.event_type",
        "INSERT INTO incidents_daycount (day, event_type, n) SELECT event_date, event_type, count(*) "
        "FROM incidents_incident WHERE location IS NOT NULL AND deleted_at IS NULL "
        "GROUP BY event_date, event_type",
    ]
