"""Ingest throughput: generated wire reports/s into the database, in-process and via Celery.

Generates varied ~2 KB wire-style reports from templates with real Iraqi and Syrian
place names (seeded, so every run sees the same texts), then times, in one run:

- baseline: a plain bulk insert of the same Report rows (no geoparse, no extraction);
- one by one (before): `source_ingest` per report (clean text, hash, geoparse, extract,
  dedup, one transaction), as `manage.py ingest` did;
- batched: `sources_ingest` per `--batch-size` reports (one hash query, one transaction,
  one dedup query per batch), as `manage.py ingest` does, in this process and in k forked
  worker processes (`--processes`, bench/ingest_processes.py);
- Celery: 1, 2 and 4 worker processes (`--pool solo`, one task at a time each) on Redis
  consuming `incidents.report_ingest` tasks from a queue of this run's own on a
  dedicated Redis db; timed from the first enqueue to the last report stored, after a
  warm-up task per worker (gazetteer index built).

The workers are started and stopped by the script and the queue is purged afterwards,
whatever happens. Report tables are emptied between runs; the gazetteer is the default
one (`gazetteer_load_default`), loaded when missing.

Every run also reports CPU milliseconds per report (Python + its PostgreSQL backends), so
a figure from a shared machine reads per CPU second too; `taskset -c 1` gives a per-core one.

Run: `python -m bench.ingest_throughput [--n 10000] [--batch-size 100] [--processes 1,2]
[--worker-n 2000] [--workers 1,2,4]`
Database: INGEST_BENCH_DATABASE_URL, default postgis://postgres@127.0.0.1:5432/atlas_bench_ingest
(created when missing; never DATABASE_URL: it empties the report tables).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench import ROOT, bench_setup, machine
from bench.ingest_processes import Run, measured, run_batched, run_processes
from bench.ingest_reports import generate

DEFAULT_DB = "postgis://postgres@127.0.0.1:5432/atlas_bench_ingest"
REDIS_HOST = "redis://127.0.0.1:6379"
REDIS_DB = int(os.environ.get("INGEST_BENCH_REDIS_DB", "11"))
START_TIMEOUT = 120
# Messages a worker reserves ahead (with acks_late they stay unacked, so none is lost).
PREFETCH = int(os.environ.get("INGEST_BENCH_PREFETCH", "1"))
STALL_TIMEOUT = 120
PERSISTENT_SETTINGS = "bench.ingest_worker_settings"  # no progress for this long: give up on a Celery run

# (town, governorate): real names, all in the default gazetteer's cities.
# --- runs --------------------------------------------------------------------------------


def wipe_reports() -> None:
    """Empty the report-side tables (incidents, mentions, links, audit rows, ingest log)."""
    from django.core.management.color import no_style
    from django.db import connection

    from incidents.models import FeedEntry, Incident, IngestFailure, Mention, Report

    models = (Incident.other_reports.through, Incident, Mention, FeedEntry, IngestFailure, Report)
    tables = [model._meta.db_table for model in models]
    # allow_cascade empties the tables that refer to these too (TRUNCATE ... CASCADE on
    # PostgreSQL); SQLite deletes them in any order, so its FK checks are off meanwhile.
    with connection.constraint_checks_disabled():
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=True))


def run_baseline(payloads: list[dict]) -> float:
    """Seconds to bulk-insert the same Report rows (text, hash, metadata), nothing else."""
    from django.db import transaction

    from incidents.models import Report
    from incidents.sources.document import content_hash
    from incidents.sources.html import parse_datetime

    started = time.perf_counter()
    rows = [
        Report(
            text=p["text"],
            title=p["title"],
            publisher=p["publisher"],
            published_at=parse_datetime(p["published_at"]),
            origin=p["origin"],
            content_hash=content_hash(p["text"]),
        )
        for p in payloads
    ]
    with transaction.atomic():
        Report.objects.bulk_create(rows, batch_size=1000)
    return time.perf_counter() - started


def run_in_process(payloads: list[dict], progress) -> float:
    from incidents.services.ingest import source_ingest
    from incidents.sources.payloads import document_from_payload

    started = time.perf_counter()
    for payload in payloads:
        outcome = source_ingest(
            load=lambda p=payload: document_from_payload(p, origin=p["origin"]),
            origin=payload["origin"],
            channel="api",
        )
        if outcome.status == "failed":
            raise RuntimeError(f"{payload['origin']} failed: {outcome.reason}")
        progress()
    return time.perf_counter() - started


class Workers:
    """k `celery worker --pool solo` processes on one queue; stopped and purged on exit."""

    def __init__(self, count: int, queue: str, log: Path, settings_module: str = ""):
        self.count, self.queue, self.log = count, queue, log
        self.settings_module = settings_module
        self.processes: list[subprocess.Popen] = []
        self.names = [f"{queue}-{i}@localhost" for i in range(count)]

    def __enter__(self):
        # The bench's DATABASE_URL and settings module are inherited from os.environ.
        env = {**os.environ, "CELERY_EAGER": "0", "CELERY_BROKER_URL": broker_url()}
        if self.settings_module:
            env["DJANGO_SETTINGS_MODULE"] = self.settings_module
        env.pop("CELERY_RESULT_BACKEND", None)
        celery = ROOT / ".venv" / "bin" / "celery"
        options = [
            "--pool",
            "solo",
            "-Q",
            self.queue,
            "--prefetch-multiplier",
            str(PREFETCH),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "WARNING",
        ]
        with self.log.open("ab") as out:
            for name in self.names:
                command = [str(celery), "-A", "config", "worker", "-n", name, *options]
                self.processes.append(
                    subprocess.Popen(
                        command,
                        cwd=ROOT,
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
        self._wait_started()
        return self

    def _wait_started(self):
        from config.celery import app

        deadline = time.monotonic() + START_TIMEOUT
        waiting = set(self.names)
        while waiting and time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                raise RuntimeError(f"a worker exited at start; see {self.log}")
            for reply in app.control.ping(destination=list(waiting), timeout=1.0):
                waiting -= set(reply)
        if waiting:
            raise RuntimeError(f"workers did not start in {START_TIMEOUT} s: {sorted(waiting)}")

    def __exit__(self, *exc):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        purge(self.queue)
        return False


def broker_url() -> str:
    return f"{REDIS_HOST}/{REDIS_DB}"


def purge(queue: str) -> None:
    """Drop our queue, its bindings and the unacked messages left for it."""
    import redis

    from config.celery import redis_queue_purge

    redis_queue_purge(redis.Redis.from_url(broker_url()), queue)


def _wait_for(total: int, progress) -> None:
    from incidents.models import IngestFailure, Report

    done, last_change = 0, time.monotonic()
    while done < total:
        time.sleep(0.25)
        now_done = Report.objects.count() + IngestFailure.objects.count()
        if now_done != done:
            progress(now_done - done)
            done, last_change = now_done, time.monotonic()
        elif time.monotonic() - last_change > STALL_TIMEOUT:
            raise RuntimeError(f"no progress for {STALL_TIMEOUT} s at {done}/{total}")
    failures = IngestFailure.objects.count()
    if failures:
        raise RuntimeError(f"{failures} report(s) failed in the workers")


def run_celery(payloads: list[dict], workers: int, log: Path, progress, settings_module: str = "") -> float:
    from config.celery import app
    from incidents.tasks import report_ingest_task

    queue = f"atlas-bench-{uuid.uuid4().hex[:10]}"
    app.conf.update(
        broker_url=broker_url(), task_always_eager=False, task_default_queue=queue, task_ignore_result=True
    )
    app._after_fork()  # drop pools built for another broker
    with Workers(workers, queue, log, settings_module):
        warm = generate(workers, seed=99)  # one per worker: builds its gazetteer index
        for payload in warm:
            report_ingest_task.apply_async((payload,), queue=queue)
        _wait_for(len(warm), lambda _n: None)
        wipe_reports()
        started = time.perf_counter()
        with app.producer_or_acquire() as producer:
            for payload in payloads:
                report_ingest_task.apply_async((payload,), queue=queue, producer=producer)
        _wait_for(len(payloads), progress)
        return time.perf_counter() - started


def check_copies(expected: int) -> None:
    from incidents.models import Report

    reports = Report.objects.count()
    if reports != expected:
        raise RuntimeError(f"expected {expected} reports, found {reports}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000, help="Reports for baseline and in-process.")
    parser.add_argument("--batch-size", type=int, default=100, help="Reports per batch (batched runs).")
    parser.add_argument("--processes", default="1,2", help="Batched runs in k worker processes ('' = none).")
    parser.add_argument(
        "--worker-n",
        type=int,
        default=2000,
        help="Reports per Celery run (steady-state rate; 0 = same as --n).",
    )
    parser.add_argument("--workers", default="1,2,4", help="Worker counts, comma-separated ('' = none).")
    parser.add_argument(
        "--persistent-workers",
        default="1,2",
        help="Worker counts run again with persistent DB connections (bench/ingest_worker_settings.py).",
    )
    args = parser.parse_args(argv)
    os.environ["BENCH_DATABASE_URL"] = os.environ.get("INGEST_BENCH_DATABASE_URL", DEFAULT_DB)
    os.environ["DEBUG"] = "0"  # DEBUG keeps every SQL query in memory: not what is measured
    engine = bench_setup()
    from django.core.management import call_command
    from tqdm import tqdm

    from gazetteer.models import Place

    if not Place.objects.exists():
        call_command("gazetteer_load_default", verbosity=0)
    load_before = os.getloadavg()
    payloads = generate(args.n)
    sizes = [len(p["text"].encode()) for p in payloads]
    rows: list[tuple[str, int, Run]] = []
    wipe_reports()
    run = measured(lambda: run_baseline(payloads))
    rows.append(("baseline: bulk insert of the Report rows", args.n, run))
    wipe_reports()
    with tqdm(total=args.n, unit="report", desc="one by one", file=sys.stderr) as bar:
        run = measured(lambda: run_in_process(payloads, bar.update))
    check_copies(args.n)
    rows.append(("one by one (source_ingest per report), before", args.n, run))
    from incidents.models import Incident, Mention

    stored = (Incident.objects.count(), Mention.objects.count())
    wipe_reports()
    with tqdm(total=args.n, unit="report", desc="batched", file=sys.stderr) as bar:
        run = run_batched(payloads, args.batch_size, bar.update)
    check_copies(args.n)
    if (Incident.objects.count(), Mention.objects.count()) != stored:
        raise RuntimeError(f"batched ingest stored other rows than one by one: {stored}")
    rows.append((f"batched ({args.batch_size} per sources_ingest), this process", args.n, run))
    for count in [int(c) for c in args.processes.split(",") if c.strip()]:
        wipe_reports()
        print(f"batched, {count} worker process(es)...", file=sys.stderr)
        run = run_processes(payloads, count, args.batch_size)
        check_copies(args.n)
        rows.append((f"batched, {count} worker process(es)", args.n, run))
    log = Path("/tmp") / f"atlas-bench-workers-{os.getpid()}.log"
    worker_n = args.worker_n or args.n
    runs = [(int(c), "") for c in args.workers.split(",") if c.strip()]
    runs += [(int(c), PERSISTENT_SETTINGS) for c in args.persistent_workers.split(",") if c.strip()]
    for count, settings_module in runs:
        wipe_reports()
        subset = payloads[:worker_n]
        label = f"Celery, {count} worker(s) on Redis, one report per task" + (
            ", persistent DB connections" if settings_module else ""
        )
        with tqdm(total=len(subset), unit="report", desc=label, file=sys.stderr) as bar:
            seconds = run_celery(subset, count, log, bar.update, settings_module)
        check_copies(len(subset))
        rows.append((label, len(subset), Run(seconds, 0.0, 0.0)))
    wipe_reports()
    print(report(rows, engine, sizes, *stored, args.n, (load_before, os.getloadavg())))


def report(rows, engine: str, sizes: list[int], incidents: int, mentions: int, n: int, loads) -> str:
    """Markdown for bench/README.md; ratios against the bulk-insert baseline and one by one."""
    rates = {label: count / run.seconds for label, count, run in rows}
    baseline = next(rate for label, rate in rates.items() if label.startswith("baseline"))
    before = next(rate for label, rate in rates.items() if label.startswith("one by one"))
    cores = sorted(os.sched_getaffinity(0))
    lines = [
        f"### Ingest throughput on {engine} — {machine()}",
        "",
        f"{n} generated reports, {sum(sizes) / len(sizes) / 1024:.1f} KB on average; they gave "
        f"{incidents} incidents and {mentions} mentions (default gazetteer). Python on CPU(s) "
        f"{','.join(map(str, cores))}; load average {loads[0][0]:.2f} before, {loads[1][0]:.2f} after.",
        "",
        "| run | reports | seconds | reports/s | CPU ms per report: Python + PostgreSQL "
        "| reports per Python CPU second | baseline / run | run / one by one |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, count, run in rows:
        rate = rates[label]
        if run.client_cpu:
            cpu = f"{run.client_cpu / count * 1000:.1f} + {run.db_cpu / count * 1000:.1f}"
            per_cpu = f"{count / run.client_cpu:.0f}"
        else:
            cpu = per_cpu = "-"
        lines.append(f"| {label} | {count} | {run.seconds:.1f} | {rate:.0f} | {cpu} | {per_cpu} "
                     f"| {baseline / rate:.0f}x | {rate / before:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
