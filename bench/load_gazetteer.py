"""Loader benchmark: each loader on the shared files vs a plain bulk insert of the same rows.

For every loader: a cold load into empty tables, then a second (idempotent) load of the
same file, each timed; then the rows that load wrote (places, names, areas with their
WKB) are bulk-inserted into bare temporary tables in the same database (SQLite
executemany / PostgreSQL COPY) as the baseline. The ratio says what parsing,
validation, name keys, upsert comparisons and indexes cost over raw insertion.

Run: `python -m bench.load_gazetteer` (see bench/__init__.py for the database).
"""

from __future__ import annotations

import time
from pathlib import Path

from bench import bench_setup, gazetteer_wipe, machine, shared_data

PLACE_COLUMNS = ("source", "source_id", "geonameid", "name", "ascii_name", "feature_class", "feature_code",
                 "country_code", "admin1_code", "admin2_code", "population", "lon", "lat")
NAME_COLUMNS = ("source_id", "name", "key", "script", "is_preferred")
AREA_COLUMNS = ("pcode", "level", "name_en", "name_ar", "country_code", "geom_wkb")


def _place_rows(records) -> tuple[list[tuple], list[tuple]]:
    from gazetteer.geoparser.normalize import name_key, script_of
    from gazetteer.services import clean_names

    places, names = [], []
    for r in records:
        places.append((r.source, r.source_id, r.geonameid, r.name, r.ascii_name, r.feature_class,
                       r.feature_code, r.country_code, r.admin1_code, r.admin2_code, r.population,
                       r.lon, r.lat))
        for n in clean_names([r.name, *r.names]):
            names.append((r.source_id, n, name_key(n), script_of(n), n == r.name))
    return places, names


def geonames_rows(path: Path):
    from gazetteer.loaders.common import LoadReport, open_text
    from gazetteer.loaders.geonames import _dump_records

    with open_text(path) as handle:
        records = list(_dump_records(handle, LoadReport(label="bench"), frozenset(), True))
    places, names = _place_rows(records)
    return {"places": (PLACE_COLUMNS, places), "names": (NAME_COLUMNS, names)}


def csv_rows(path: Path):
    import csv

    from gazetteer.loaders.common import LoadReport
    from gazetteer.loaders.csv_places import PRESETS, _records

    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        records = list(_records(csv.DictReader(handle), PRESETS["iom-dtm"], LoadReport(label="bench"), True))
    places, names = _place_rows(records)
    return {"places": (PLACE_COLUMNS, places), "names": (NAME_COLUMNS, names)}


def boundary_rows(paths: list[Path]):
    from gazetteer.models import AdminArea, Place, PlaceName, Source

    areas = [(a.pcode, a.level, a.name_en, a.name_ar, a.country_code, bytes(a.geom.wkb))
             for a in AdminArea.objects.filter(source=Source.OCHA)]
    places = [(p.source, p.source_id, p.geonameid, p.name, p.ascii_name, p.feature_class, p.feature_code,
               p.country_code, p.admin1_code, p.admin2_code, p.population, p.point.x, p.point.y)
              for p in Place.objects.filter(source=Source.OCHA)]
    names = list(PlaceName.objects.filter(place__source=Source.OCHA).values_list(
        "place__source_id", "name", "key", "script", "is_preferred"))
    return {"areas": (AREA_COLUMNS, areas), "places": (PLACE_COLUMNS, places), "names": (NAME_COLUMNS, names)}


def _column_type(column: str, vendor: str) -> str:
    if vendor != "postgresql":
        return ""  # SQLite: untyped columns take any value
    return {"geom_wkb": "bytea", "lon": "float8", "lat": "float8", "population": "bigint",
            "geonameid": "bigint", "level": "int", "is_preferred": "boolean"}.get(column, "text")


def baseline_insert(tables: dict[str, tuple[tuple[str, ...], list[tuple]]]) -> float:
    """Seconds to bulk-insert the rows into bare temp tables (executemany / COPY), one transaction."""
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            for name, (columns, _) in tables.items():
                cursor.execute(f"DROP TABLE IF EXISTS bench_{name}")
                typed = ", ".join(f"{c} {_column_type(c, connection.vendor)}" for c in columns)
                cursor.execute(f"CREATE TEMPORARY TABLE bench_{name} ({typed})")
        raw = connection.connection
        start = time.perf_counter()
        for name, (columns, rows) in tables.items():
            if connection.vendor == "postgresql":
                sql = f"COPY bench_{name} ({', '.join(columns)}) FROM STDIN"
                with raw.cursor() as cur, cur.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(columns))
                raw.executemany(f"INSERT INTO bench_{name} VALUES ({marks})", rows)
        elapsed = time.perf_counter() - start
        with connection.cursor() as cursor:
            for name in tables:
                cursor.execute(f"DROP TABLE bench_{name}")
    return elapsed


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def run() -> list[dict]:
    """Benchmark every loader; returns one dict per loader."""
    from gazetteer.loaders.boundaries import boundaries_load
    from gazetteer.loaders.csv_places import PRESETS, csv_load_places
    from gazetteer.loaders.geonames import geonames_load_places

    data = shared_data()
    tsv = data / "gazetteer" / "geonames_cities500_IQ_SY.tsv"
    dtm = data / "gazetteer" / "iraq_iom_dtm_locations.csv"
    cod = [data / "boundaries" / "iraq_cod_ab_2019", data / "boundaries" / "syria_cod_ab_2020"]
    loaders = [
        ("GeoNames dump (cities500 IQ+SY)", lambda: [geonames_load_places(path=tsv, quiet=True)],
         lambda: geonames_rows(tsv)),
        ("CSV, IOM DTM preset", lambda: [csv_load_places(path=dtm, mapping=PRESETS["iom-dtm"], quiet=True)],
         lambda: csv_rows(dtm)),
        ("COD-AB boundaries IQ+SY (+places, links, border)", lambda: boundaries_load(paths=cod, quiet=True),
         lambda: boundary_rows(cod)),
    ]
    results = []
    gazetteer_wipe()
    for label, load, rows in loaders:
        cold, reports = _timed(load)
        warm, again = _timed(load)
        assert sum(r.created + r.updated for r in again) == 0, f"{label}: second load changed rows"
        tables = rows()
        n_rows = sum(len(r) for _, r in tables.values())
        base = baseline_insert(tables)
        results.append({
            "loader": label, "records": sum(r.read for r in reports), "rows_written": n_rows,
            "cold_s": cold, "rows_per_s": n_rows / cold, "second_s": warm, "baseline_s": base,
            "ratio": cold / base if base else float("inf"),
        })
    return results


def report(results: list[dict], engine: str) -> str:
    lines = [f"### Loaders on {engine} — {machine()}", "",
             "| loader | records read | rows written | cold load s | rows/s | 2nd load s | baseline s "
             "| cold / baseline |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['loader']} | {r['records']} | {r['rows_written']} | {r['cold_s']:.2f} "
                     f"| {r['rows_per_s']:.0f} | {r['second_s']:.2f} | {r['baseline_s']:.3f} "
                     f"| {r['ratio']:.0f}x |")
    return "\n".join(lines)


def main() -> None:
    engine = bench_setup()
    print(report(run(), engine))


if __name__ == "__main__":
    main()
