"""The analyst's map at archive scale: map data, timeline and choropleth latency, first render.

    BENCH_DATABASE_URL=postgis://postgres@127.0.0.1:5432/atlas_map_bench \\
        python -m bench.map_data --n 1000000

PostGIS only (the scale path). Loads the default gazetteer and the COD-AB governorates
(../shared/data, for the choropleth) when missing, generates ``n`` incidents
(bench/map_incidents.py; kept when the database already holds exactly ``n``), then times
through the Django test client (logged in: middleware and JSON included), after warm-up:

- ``/api/map.json`` for the country, Nineveh and a city (Mosul) view: the grid counts
  (``MapCell``), against the unindexed query of the same rows in the same run (the grouped
  query over the incidents with index scans off);
- ``/api/timeline.json`` for the country view (``DayCount``) and the Nineveh view (grouped
  query), and ``/api/choropleth.json``, each against its unindexed query;
- the first render: headless Chromium (system /usr/bin/chromium) against ``runserver``,
  from navigation to the map's idle event (the first view drawn, ``data-map-idle``).

Prints a Markdown table for bench/README.md, then one JSON line with the p95 figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager

from bench import ROOT, bench_setup, machine, percentile, shared_data

DEFAULT_DB = "postgis://postgres@127.0.0.1:5432/atlas_map_bench"
VIEWS = {  # bbox as a 1280x800 map page shows them
    "country": "35.5,29.0,49.0,37.6",
    "nineveh": "41.2,35.3,44.2,37.1",
    "city": "43.05,36.28,43.25,36.40",
}
RUNS, BASELINE_RUNS, WARMUP = 40, 5, 3
PORT = int(os.environ.get("BENCH_PORT", "8114"))
PASSWORD = "bench-map-password"  # noqa: S105 - a throwaway account of the bench database


def _ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


@contextmanager
def _unindexed():
    """Index scans off, and filters that are not grid keys: the same rows, read the slow way."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET enable_indexscan = off; SET enable_bitmapscan = off; "
                       "SET enable_indexonlyscan = off")
    try:
        yield {"geo_precision": ["1", "2", "3"]}
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan")


def _prepare(n: int) -> None:
    from django.core.management import call_command

    from bench.map_incidents import incidents_generate
    from gazetteer.models import AdminArea, Place
    from incidents.models import Incident

    if not Place.objects.filter(country_code="IQ", feature_class="P").exists():
        call_command("gazetteer_load_default", verbosity=0)
    if not AdminArea.objects.filter(level=1).exists():
        from gazetteer.loaders.boundaries import boundaries_load

        data = shared_data()
        folders = ("iraq_cod_ab_2019", "syria_cod_ab_2020")
        boundaries_load(paths=[data / "boundaries" / f for f in folders], quiet=True)
    if Incident.objects.count() != n:
        started = time.perf_counter()
        incidents_generate(n)
        print(f"generated {n} incidents in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _time(client, url: str, query: dict, runs: int) -> list[float]:
    check = client.get(url, query)
    assert check.status_code == 200, check.content[:300]
    for _ in range(WARMUP - 1):
        client.get(url, query)
    return [_ms(lambda: client.get(url, query)) for _ in range(runs)]


def _row(name: str, fast: list[float], slow: list[float], answer: str) -> dict:
    return {"name": name, "p50": percentile(fast, 50), "p95": percentile(fast, 95),
            "base_p50": percentile(slow, 50), "base_p95": percentile(slow, 95), "answer": answer}


def run_api() -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse

    from incidents.services.roles import VIEWER, roles_sync

    roles_sync()
    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=VIEWER))  # every page and API needs a role
    client = Client()
    client.force_login(user)
    rows = []
    map_url, timeline_url = reverse("incidents:map-data"), reverse("incidents:incidents-timeline")
    for name, bbox in VIEWS.items():
        body = client.get(map_url, {"bbox": bbox}).json()
        shown = len(body["cells"]) or len(body["features"])
        answer = f"{body['mode']}: {body['total']} incidents, {shown} shown"
        fast = _time(client, map_url, {"bbox": bbox}, RUNS)
        with _unindexed() as raw:
            slow_body = client.get(map_url, {"bbox": bbox, **raw}).json()
            assert slow_body["total"] == body["total"], (name, slow_body["total"], body["total"])
            slow = _time(client, map_url, {"bbox": bbox, **raw}, BASELINE_RUNS)
        rows.append(_row(f"{name} view (/api/map.json)", fast, slow, answer))
    for name in ("country", "nineveh"):
        query = {"bbox": VIEWS[name]}
        body = client.get(timeline_url, query).json()
        fast = _time(client, timeline_url, query, RUNS)
        with _unindexed() as raw:
            assert client.get(timeline_url, {**query, **raw}).json() == body
            slow = _time(client, timeline_url, {**query, **raw}, BASELINE_RUNS)
        rows.append(_row(f"timeline, {name} view", fast, slow, f"{body['total']} incidents, "
                         f"{len(body['buckets'])} {body['unit']}s"))
    chor_url = reverse("incidents:choropleth")
    body = client.get(chor_url).json()
    fast = _time(client, chor_url, {}, RUNS)
    with _unindexed() as raw:
        slow = _time(client, chor_url, raw, BASELINE_RUNS)
    rows.append(_row("choropleth (/api/choropleth.json)", fast, slow,
                     f"{len(body['areas'])} governorates, {body['elsewhere']} elsewhere"))
    return rows


def first_render(runs: int = 5) -> list[float]:
    """Milliseconds from navigation to the map's idle event, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"], "DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload", "--insecure"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{PORT}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            for _ in range(100):  # the server starts
                try:
                    page.goto(base + "/accounts/login/")
                    break
                except Exception:  # noqa: BLE001 - connection refused until it listens
                    time.sleep(0.2)
            page.fill('input[name="username"]', "bench-analyst")
            page.fill('input[name="password"]', PASSWORD)
            page.click('button[type="submit"]')
            page.wait_for_selector("#map")
            times = []
            for _ in range(runs + 1):  # the first load fills the browser's cache: not counted
                start = time.perf_counter()
                page.goto(base + "/", wait_until="commit")
                page.wait_for_function("document.documentElement.getAttribute('data-map-idle') === '1'",
                                       timeout=60_000)
                times.append((time.perf_counter() - start) * 1000)
            browser.close()
            return times[1:]
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(rows: list[dict], render: list[float], n: int) -> str:
    lines = [f"### Map data at {n:,} incidents on PostGIS — {machine()}", "",
             "ms; grid counts / day counts against the unindexed grouped query of the same rows.", "",
             "| request | answer | p50 | p95 | unindexed p50 | unindexed p95 |",
             "|---|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['name']} | {r['answer']} | {r['p50']:.1f} | {r['p95']:.1f} "
                     f"| {r['base_p50']:.0f} | {r['base_p95']:.0f} |")
    lines.append(f"| first render (navigation to idle, Chromium) | {len(render)} loads | "
                 f"{percentile(render, 50):.0f} | {percentile(render, 95):.0f} | | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="incidents to generate")
    args = parser.parse_args()
    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_DB)
    if not os.environ["BENCH_DATABASE_URL"].startswith("postgis://"):
        sys.exit("bench.map_data: PostGIS only (BENCH_DATABASE_URL=postgis://...)")
    bench_setup()
    _prepare(args.n)
    rows = run_api()
    render = first_render()
    print(report(rows, render, args.n))
    print(json.dumps({
        "n": args.n,
        "country_p95_ms": round(rows[0]["p95"], 1),
        "nineveh_p95_ms": round(rows[1]["p95"], 1),
        "city_p95_ms": round(rows[2]["p95"], 1),
        "timeline_p95_ms": round(rows[3]["p95"], 1),
        "timeline_nineveh_p95_ms": round(rows[4]["p95"], 1),
        "choropleth_p95_ms": round(rows[5]["p95"], 1),
        "country_unindexed_p95_ms": round(rows[0]["base_p95"], 1),
        "first_render_ms": round(percentile(render, 50), 1),
        "first_render_p95_ms": round(percentile(render, 95), 1),
    }))


if __name__ == "__main__":
    main()
