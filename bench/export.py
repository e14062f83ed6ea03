"""Export throughput: `python -m bench.export --n 1000000`.

Fills the bench database (PostGIS: COPY is the baseline) with N synthetic incidents
(generated in SQL, seeded by the row number, so every run sees the same rows; text with
quotes, commas, line breaks and formula-like starts), then measures, each in its own
process so its peak RSS is its own:

- ``copy``: ``COPY (SELECT * FROM incidents_incident ORDER BY ...) TO STDOUT`` of the same
  rows into a file: what the database alone costs;
- ``csv``: ``export_write(fmt="csv")``, the export the site and the command run (COPY of
  the ACLED columns with formula-safe cells on PostGIS);
- ``csv_python``, ``geojson``, ``gpkg``, ``shp``, ``kml``: the Python writers, on the
  ``--gis-n`` incidents the filter ``review_status=confirmed`` selects (GIS writers are
  slower; the figure is rows/s);
- ``import``: `manage.py import_incidents` of the ACLED dev file (../shared), cold, then again.

Ends with one JSON line: csv_rows_per_s, copy_rows_per_s, csv_peak_rss_mb and the others.
BENCH_DATABASE_URL must be PostGIS (default postgis://postgres@127.0.0.1:5432/atlas_bench).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import ROOT, machine

DEFAULT_URL = "postgis://postgres@127.0.0.1:5432/atlas_bench"
PHASES = ("copy", "csv", "csv_python", "geojson", "gpkg", "shp", "kml")
GIS_PHASES = {"csv_python", "geojson", "gpkg", "shp", "kml"}
ACLED_DEV = ("eval", "dev", "acled_syria_battles_2017-2023.csv")
MARKER = "bench-export"

FILL = """
INSERT INTO incidents_incident (report_id, event_date, time_precision, event_type, sub_event_type,
    actor1, actor2, fatalities, location, estimate, location_name, geo_precision, admin1, admin2,
    country_code, summary, start, "end", review_status, confidence, created_at, updated_at, acled)
SELECT %(report)s, date '2014-01-01' + (g %% 3650)::int, (1 + g %% 3)::int,
    (ARRAY['Battles', 'Explosions/Remote violence', 'Violence against civilians',
           'Strategic developments', 'Protests', 'Riots'])[1 + g %% 6],
    (ARRAY['Armed clash', 'Air/drone strike', 'Attack', 'Arrests', 'Peaceful protest',
           'Mob violence'])[1 + g %% 6],
    'Military Forces of Iraq (2014-2018)', CASE WHEN g %% 3 = 0 THEN '' ELSE 'Islamic State (Iraq)' END,
    CASE WHEN g %% 4 = 0 THEN NULL ELSE g %% 13 END, p.pt, p.pt,
    'Town ' || (g %% 5000), (1 + g %% 3)::int, 'Ninewa', 'Mosul',
    CASE WHEN g %% 2 = 0 THEN 'IQ' ELSE 'SY' END,
    CASE WHEN g %% 101 = 0 THEN '=' ELSE '' END || 'Clashes, "heavy" ones, broke out near town '
        || (g %% 5000) || ' on the road to the border; ' || g || ' fighters were reported.'
        || CASE WHEN g %% 97 = 0 THEN E'\\nA second line.' ELSE '' END,
    0, 120, CASE WHEN g %% %(every)s = 0 THEN 'confirmed' ELSE 'auto' END, 0.5, now(), now(), '{}'::jsonb
FROM generate_series(1::bigint, %(n)s) AS g,
LATERAL (SELECT CASE WHEN g %% 50 = 0 THEN NULL ELSE ST_SetSRID(ST_MakePoint(
    38.5 + (g * 7919 %% 50000) / 10000.0, 33.0 + (g * 104729 %% 45000) / 10000.0), 4326) END AS pt) AS p
"""


def _fill(n: int, gis_n: int) -> None:
    from django.db import connection

    from incidents.models import Incident, Report

    report, _ = Report.objects.get_or_create(content_hash=MARKER, defaults={"text": MARKER, "title": MARKER})
    every = max(1, n // gis_n)
    Incident.objects.exclude(report=report).delete()  # e.g. the ACLED rows of the last import phase
    synthetic = Incident.objects.filter(report=report)
    if synthetic.count() == n and synthetic.filter(review_status="confirmed").count() == n // every:
        return
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE incidents_incident CASCADE")
        cursor.execute(FILL, {"report": report.pk, "n": n, "every": every})
        cursor.execute("ANALYZE incidents_incident")


def _peak_rss_mb() -> float:
    """The larger peak RSS of this process and its children (the GIS writer).

    Linux carries ru_maxrss over fork and exec, so the driver imports no Django: a phase
    starts from its small figure, and its own peak is what it reports.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def _phase(name: str, workdir: Path) -> dict:
    """Run one measurement in this process (a child of the driver)."""
    from django.db import connection

    from incidents.exports.gis import export_write
    from incidents.filters import IncidentFilter

    filters = IncidentFilter(review_statuses=("confirmed",)) if name in GIS_PHASES else IncidentFilter()
    target = workdir / f"out.{name}"
    start = time.perf_counter()
    if name == "copy":
        with connection.cursor() as cursor, target.open("wb") as out:
            statement = ("COPY (SELECT * FROM incidents_incident ORDER BY event_date DESC, id DESC) "
                         "TO STDOUT WITH (FORMAT csv, HEADER true)")
            with cursor.cursor.copy(statement) as copy:
                for data in copy:
                    out.write(data)
            rows = cursor.cursor.rowcount
    elif name == "csv_python":
        from incidents.exports.streaming import csv_lines
        from incidents.selectors.exports import ACLED_COLUMNS, export_rows

        rows = 0
        with target.open("w", encoding="utf-8", newline="") as out:
            for line in csv_lines(columns=ACLED_COLUMNS, rows=export_rows(filters=filters)):
                out.write(line)
                rows += 1
        rows -= 1
    else:
        rows = export_write(filters=filters, fmt=name, path=target)
    seconds = time.perf_counter() - start
    size = target.stat().st_size
    target.unlink()
    return {"phase": name, "rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
            "peak_rss_mb": _peak_rss_mb(), "mb": round(size / 1e6, 1)}


def _import(shared: Path) -> dict:
    from incidents.models import Incident
    from incidents.services.imports import acled_import

    path = shared.joinpath(*ACLED_DEV)
    Incident.objects.filter(acled_event_id__isnull=False).delete()
    timings = []
    for _ in range(2):
        start = time.perf_counter()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            result = acled_import(lines=handle, origin="bench")
        timings.append((time.perf_counter() - start, result))
    (cold, first), (warm, second) = timings
    return {"phase": "import", "rows": first.rows, "created": first.created, "failed": len(first.failed),
            "seconds": round(cold, 2), "rows_per_s": round(first.rows / cold),
            "second_run_s": round(warm, 2), "second_run_changes": second.created + second.updated,
            "peak_rss_mb": _peak_rss_mb()}


def _child(args: list[str]) -> dict:
    done = subprocess.run(  # noqa: S603 - our own module, fixed argv
        [sys.executable, "-m", "bench.export", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"bench.export {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _setup() -> str:
    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_URL)
    if not os.environ["BENCH_DATABASE_URL"].startswith("postgis://"):
        sys.exit("bench.export: BENCH_DATABASE_URL must be PostGIS (COPY is the baseline)")
    from bench import bench_setup

    return bench_setup()


def report(results: list[dict], n: int, engine: str) -> str:
    lines = [f"### Export on {engine}, {n:,} incidents — {machine()}", "",
             "| phase | rows | s | rows/s | peak RSS MB | file MB |", "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['phase']} | {r['rows']:,} | {r['seconds']} | {r['rows_per_s']:,} | "
                     f"{r['peak_rss_mb']} | {r.get('mb', '')} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--gis-n", type=int, default=100_000, help="rows for the slower Python/GIS writers")
    parser.add_argument("--phase", choices=(*PHASES, "import", "fill"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        engine = _setup()
        if args.phase == "import":
            from bench import shared_data

            print(json.dumps(_import(shared_data())))
        elif args.phase == "fill":
            _fill(args.n, min(args.gis_n, args.n))
            print(json.dumps({"engine": engine}))
        else:
            print(json.dumps(_phase(args.phase, Path(args.workdir))))
        return
    engine = _child(["--phase", "fill", "--n", str(args.n), "--gis-n", str(args.gis_n)])["engine"]
    results = []
    with tempfile.TemporaryDirectory(prefix="atlas-bench-export-") as workdir:
        for phase in PHASES:
            results.append(_child(["--phase", phase, "--workdir", workdir]))
            print(json.dumps(results[-1]), file=sys.stderr)
    results.append(_child(["--phase", "import"]))
    print(report(results, args.n, engine))
    by = {r["phase"]: r for r in results}
    summary = {"n": args.n, "csv_rows_per_s": by["csv"]["rows_per_s"],
               "copy_rows_per_s": by["copy"]["rows_per_s"],
               "csv_vs_copy": round(by["csv"]["rows_per_s"] / by["copy"]["rows_per_s"], 3),
               "csv_peak_rss_mb": by["csv"]["peak_rss_mb"]}
    summary |= {f"{p}_rows_per_s": by[p]["rows_per_s"] for p in GIS_PHASES}
    summary |= {f"{p}_peak_rss_mb": by[p]["peak_rss_mb"] for p in GIS_PHASES}
    summary |= {"import_rows_per_s": by["import"]["rows_per_s"],
                "import_second_run_changes": by["import"]["second_run_changes"]}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
