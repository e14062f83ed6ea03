"""Load test: locust (headless, loopback) against gunicorn + PostGIS, production settings.

    python -m bench.load [--users 20] [--run-time 60] [--incidents 100000] [--workers 3]

Seeds its own database (BENCH_LOAD_DATABASE_URL, default atlas_bench_load: the default
gazetteer and ``--incidents`` generated incidents, bench/map_incidents.py), starts the
production process set (bench/serving.py: scripts/serve.sh, gunicorn), warms every worker,
then runs bench/locustfile.py for ``--run-time`` seconds with ``--users`` users (4 analysts
panning the map for each script submitting reports). Prints per endpoint: requests,
throughput, median and p95 latency, failures; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench import ROOT, machine
from bench.serving import PROXY_HEADERS, production_server

DEFAULT_DB = "postgis://postgres@127.0.0.1:5432/atlas_bench_load"
USERNAME, PASSWORD = "load-analyst", "load-test-password-of-a-throwaway-account"  # noqa: S105


def seed(*, database_url: str, incidents: int) -> str:
    """Migrate and fill the bench database; return an editor's fresh API token."""
    os.environ["BENCH_DATABASE_URL"] = database_url
    from bench import bench_setup

    bench_setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench.map_incidents import incidents_generate
    from gazetteer.models import Place
    from incidents.models import Incident
    from incidents.services.roles import EDITOR, roles_sync
    from incidents.services.tokens import api_token_create

    if not Place.objects.filter(country_code="IQ", feature_class="P").exists():
        call_command("gazetteer_load_default", verbosity=0)
    if Incident.objects.count() != incidents:  # reports submitted by the last run add some
        incidents_generate(incidents)
    get_user_model().objects.filter(username=USERNAME).delete()
    from django.contrib.auth.models import Group

    roles_sync()
    user = get_user_model().objects.create_user(USERNAME, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return api_token_create(user=user, name="load test")[1]


def locust_run(*, host: str, users: int, spawn_rate: float, run_time: int, env: dict,
               user_classes: tuple[str, ...] = ()) -> list[dict]:
    """Run bench/locustfile.py headless against ``host``; one row per endpoint, "Aggregated" last.
    Locust's own warnings (e.g. its CPU at 90 %: the figures then understate the server) go to stderr."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = str(Path(folder) / "load")
        command = [str(Path(sys.executable).with_name("locust")), "-f", str(ROOT / "bench" / "locustfile.py"),
                   "--headless", "--users", str(users), "--spawn-rate", str(spawn_rate),
                   "--run-time", f"{run_time}s", "--stop-timeout", "10", "--host", host, "--csv", prefix,
                   "--only-summary", "--loglevel", "WARNING", *user_classes]
        environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
        # locust exits 1 when a request failed; the rows say which, so the caller decides.
        result = subprocess.run(command, env=environment, capture_output=True, text=True,
                                timeout=run_time + 120)
        stats = Path(prefix + "_stats.csv")
        if not stats.exists():
            raise RuntimeError(f"locust wrote no statistics ({result.returncode}):\n{result.stderr[-3000:]}")
        with stats.open() as handle:
            rows = list(csv.DictReader(handle))
        for line in result.stderr.splitlines():
            if "CPU" in line:
                print("locust:", line.strip(), file=sys.stderr)
        failures_csv = Path(prefix + "_failures.csv")
        failures = failures_csv.read_text() if failures_csv.exists() else ""
    for row in rows:
        row["failures_csv"] = failures
    return rows


def warm_up(host: str, token: str, workers: int) -> None:
    """Every worker loads the gazetteer index on its first ingest: do that before timing."""
    from bench.ingest_reports import generate

    for report in generate(workers * 3, seed=int(time.time())):
        body = {key: report[key] for key in ("title", "publisher", "published_at", "text")}
        requests.post(host + "/api/v1/reports/", json=body, timeout=120,
                      headers={**PROXY_HEADERS, "Authorization": f"Token {token}"})


def report(rows: list[dict], *, users: int, run_time: int, workers: int, incidents: int,
           only: list[str]) -> str:
    who = " + ".join(only) if only else "analysts and scripts 4:1"
    lines = [f"Load: {users} users ({who}) for {run_time} s, gunicorn {workers} workers, PostGIS with "
             f"{incidents:,} incidents; {machine()}; load average at the end "
             f"{os.getloadavg()[0]:.1f} (locust, gunicorn and PostgreSQL share these cores)", "",
             "| endpoint | requests | req/s | median ms | p95 ms | failures |", "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['Name']} | {row['Request Count']} | {float(row['Requests/s']):.1f} | "
                     f"{row['Median Response Time']} | {row['95%']} | {row['Failure Count']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--run-time", type=int, default=60, help="seconds")
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--only", choices=("Analyst", "ReportScript"), action="append", default=[],
                        help="run only these users (default: both, 4 analysts to 1 script)")
    args = parser.parse_args()
    url = os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_DB)
    token = seed(database_url=url, incidents=args.incidents)
    from django.db import connections

    connections.close_all()
    var_dir = ROOT / "var" / "bench-load"
    with production_server(database_url=url, var_dir=var_dir, workers=args.workers) as host:
        warm_up(host, token, args.workers)
        rows = locust_run(host=host, users=args.users, spawn_rate=args.spawn_rate, run_time=args.run_time,
                          env={"LOAD_USERNAME": USERNAME, "LOAD_PASSWORD": PASSWORD, "LOAD_TOKEN": token,
                               "LOAD_SEED": str(int(time.time()))}, user_classes=tuple(args.only))
    print(report(rows, users=args.users, run_time=args.run_time, workers=args.workers,
                 incidents=args.incidents, only=args.only))
    failed = int(rows[-1]["Failure Count"])
    if failed:
        print(rows[-1]["failures_csv"], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
