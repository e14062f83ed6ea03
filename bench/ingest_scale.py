"""Ingest against a large archive: batched ingest and its dedup query at N stored incidents.

Fills the ingest bench database (PostGIS) with N synthetic incidents in SQL, with the
map's triggers off (their counters are not what is measured; the report tables are
emptied at the end, as the other ingest runs do): dates spread over ten years, five
sub-types, points over Iraq and Syria. Then times, on that archive:

- batched ingest of `--reports` new generated reports (`sources_ingest`, 100 per batch);
- the batch dedup query alone (`incidents_match_known`, in a transaction as at ingest)
  for the last 280 stored incidents, against the old ORM query per incident.

Run: `python -m bench.ingest_scale [--n 1000000] [--reports 600]`
Database: INGEST_BENCH_DATABASE_URL, as bench.ingest_throughput.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

from bench import bench_setup, machine
from bench.ingest_processes import ingest_batches
from bench.ingest_reports import generate
from bench.ingest_throughput import DEFAULT_DB, wipe_reports

SUB_TYPES = ("Armed clash", "Air/drone strike", "Remote explosive/landmine/IED", "Arrests", "Attack")
FILL_SQL = """
INSERT INTO incidents_incident (deleted_reason, report_id, event_date, time_precision, event_type,
  sub_event_type, actor1, actor2, location, location_name, geo_precision, admin1, admin2,
  country_code, summary, start, "end", review_status, confidence, acled, created_at, updated_at,
  version, analyst_fields)
SELECT '', %s, date '2015-01-01' + (g %% 3650), 1, 'Battles', (%s::text[])[1 + g %% 5], '', '',
  ST_SetSRID(ST_MakePoint(39 + random() * 9, 30 + random() * 7), 4326), '', 1, '', '', 'IQ',
  'synthetic', 0, 0, 'auto', 0.5, '{}', now(), now(), 1, '[]'
FROM generate_series(1, %s) g
"""


def fill(n: int) -> None:
    from django.db import connection, transaction

    from incidents.models import Report

    report = Report.objects.create(text="synthetic", content_hash="bench-ingest-scale", title="synthetic")
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE incidents_incident DISABLE TRIGGER USER")
        try:
            with transaction.atomic():
                cursor.execute(FILL_SQL, [report.pk, list(SUB_TYPES), n])
        finally:
            cursor.execute("ALTER TABLE incidents_incident ENABLE TRIGGER USER")
        cursor.execute("ANALYZE incidents_incident")


def dedup_times(count: int = 280) -> tuple[float, float]:
    """Seconds for the batch query and for the old per-incident ORM queries."""
    from django.contrib.gis.measure import D
    from django.db import transaction

    from incidents.models import Incident
    from incidents.services.ingest_dedup import SAME_EVENT_KM, incidents_match_known

    incidents = list(Incident.objects.exclude(location=None).order_by("-id")[:count])
    for incident in incidents:
        incident.report_id = -1  # as if they came from a new report
    started = time.perf_counter()
    with transaction.atomic():
        incidents_match_known(incidents=incidents)
    batch = time.perf_counter() - started
    day = dt.timedelta(days=1)
    started = time.perf_counter()
    for i in incidents:
        Incident.objects.filter(
            sub_event_type=i.sub_event_type, event_date__range=(i.event_date - day, i.event_date + day),
            location__distance_lte=(i.location, D(km=SAME_EVENT_KM)),
        ).order_by("id").first()
    return batch, time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="Synthetic stored incidents.")
    parser.add_argument("--reports", type=int, default=600, help="New reports ingested on top.")
    args = parser.parse_args(argv)
    os.environ["BENCH_DATABASE_URL"] = os.environ.get("INGEST_BENCH_DATABASE_URL", DEFAULT_DB)
    os.environ["DEBUG"] = "0"
    if bench_setup() != "PostGIS":
        raise SystemExit("bench.ingest_scale needs PostGIS (INGEST_BENCH_DATABASE_URL=postgis://...)")
    from gazetteer.models import Place

    if not Place.objects.exists():
        from django.core.management import call_command

        call_command("gazetteer_load_default", verbosity=0)
    wipe_reports()
    load_before = os.getloadavg()[0]
    try:
        fill(args.n)
        payloads = generate(args.reports + 100, seed=77)
        ingest_batches(payloads[:100], 100, lambda _n: None)  # warm: index, connection, caches
        started = time.perf_counter()
        ingest_batches(payloads[100:], 100, lambda _n: None)
        rate = args.reports / (time.perf_counter() - started)
        batch, old = dedup_times()
    finally:
        wipe_reports()
    print(f"### Ingest at {args.n:,} stored incidents, PostGIS — {machine()}\n\n"
          f"Load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after. Batched ingest "
          f"of {args.reports} new reports: {rate:.0f} reports/s. Dedup of 280 incidents: one batch "
          f"query {batch * 1000:.0f} ms, the old query per incident {old * 1000:.0f} ms.")


if __name__ == "__main__":
    main()
