"""Ingest throughput: generated wire reports/s into the database, in-process and via Celery.

Generates varied ~2 KB wire-style reports from templates with real Iraqi and Syrian
place names (seeded, so every run sees the same texts), then times, in one run:

- baseline: a plain bulk insert of the same Report rows (no geoparse, no extraction);
- in-process: `source_ingest` per report (clean text, hash, geoparse, extract, dedup,
  one transaction), as `manage.py ingest` does;
- Celery: 1, 2 and 4 worker processes (`--pool solo`, one task at a time each) on Redis
  consuming `incidents.report_ingest` tasks from a queue of this run's own on a
  dedicated Redis db; timed from the first enqueue to the last report stored, after a
  warm-up task per worker (gazetteer index built).

The workers are started and stopped by the script and the queue is purged afterwards,
whatever happens. Report tables are emptied between runs; the gazetteer is the default
one (`gazetteer_load_default`), loaded when missing.

Run: `python -m bench.ingest_throughput [--n 10000] [--worker-n 2000] [--workers 1,2,4]`
Database: INGEST_BENCH_DATABASE_URL, default postgis://postgres@127.0.0.1:5432/atlas_bench_ingest
(created when missing; never DATABASE_URL: it empties the report tables).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench import ROOT, bench_setup, machine

DEFAULT_DB = "postgis://postgres@127.0.0.1:5432/atlas_bench_ingest"
REDIS_HOST = "redis://127.0.0.1:6379"
REDIS_DB = int(os.environ.get("INGEST_BENCH_REDIS_DB", "11"))
START_TIMEOUT = 120
# Messages a worker reserves ahead (with acks_late they stay unacked, so none is lost).
PREFETCH = int(os.environ.get("INGEST_BENCH_PREFETCH", "1"))
STALL_TIMEOUT = 120
PERSISTENT_SETTINGS = "bench.ingest_worker_settings"  # no progress for this long: give up on a Celery run

# (town, governorate): real names, all in the default gazetteer's cities.
IRAQ = [
    ("Mosul", "Nineveh"),
    ("Tal Afar", "Nineveh"),
    ("Sinjar", "Nineveh"),
    ("Kirkuk", "Kirkuk"),
    ("Tikrit", "Salahuddin"),
    ("Samarra", "Salahuddin"),
    ("Baiji", "Salahuddin"),
    ("Ramadi", "Anbar"),
    ("Fallujah", "Anbar"),
    ("Haditha", "Anbar"),
    ("Baqubah", "Diyala"),
    ("Khanaqin", "Diyala"),
    ("Erbil", "Erbil"),
    ("Duhok", "Duhok"),
    ("Basra", "Basra"),
    ("Nasiriyah", "Dhi Qar"),
    ("Kut", "Wasit"),
    ("Hillah", "Babil"),
    ("Karbala", "Karbala"),
    ("Najaf", "Najaf"),
]
SYRIA = [
    ("Raqqa", "Raqqa"),
    ("Deir ez-Zor", "Deir ez-Zor"),
    ("Al-Mayadin", "Deir ez-Zor"),
    ("Hasakah", "Hasakah"),
    ("Qamishli", "Hasakah"),
    ("Manbij", "Aleppo"),
    ("Aleppo", "Aleppo"),
    ("Idlib", "Idlib"),
    ("Homs", "Homs"),
    ("Hama", "Hama"),
    ("Daraa", "Daraa"),
    ("Palmyra", "Homs"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven"]
DIRECTIONS = ["north", "south", "east", "west", "southwest", "northeast"]
PUBLISHERS = ["Nineveh Dispatch", "Euphrates Wire", "Tigris Post", "Al-Fajr Post", "Levant Monitor"]

EVENTS = [
    "{actor_air} carried out an air strike on {day} on an ISIS hideout {km} km {direction} of "
    "{town}, killing {n} militants, the {command} said in a statement.",
    "{n_cap} soldiers were wounded on {day} when a roadside bomb blew up next to "
    "their patrol near {town}, a security source said.",
    "Clashes broke out on {day} night between ISIS militants and {actor_ground} on the "
    "outskirts of {town}, leaving {n} fighters dead, a local official said.",
    "Security forces arrested {n} suspected ISIS members in {town} on {day}, the {command} said, "
    "adding that weapons and explosives were seized.",
    "Unidentified gunmen abducted a shepherd near {town} on {day}, and his fate remains "
    "unknown, relatives told our correspondent.",
    "Several mortar shells landed on {day} in farmland {direction} of {town}, causing no "
    "casualties, the local police said.",
    "Gunmen killed a shopkeeper outside his store in {town} on {day} evening, a medical source said.",
]
SOURCES = [
    "The source, speaking on condition of anonymity as he had no permission to brief the media, "
    "said that reinforcements had been sent to the area and that a search was under way.",
    "A spokesman for the {command} told reporters that the operation had been planned for weeks "
    "on the basis of intelligence gathered from residents of the surrounding villages.",
    "Residents reached by telephone described hearing several loud explosions and seeing smoke "
    "rising from the area for more than an hour afterwards.",
]
BACKGROUND = [
    "Baghdad announced the defeat of ISIS at the end of 2017, yet small cells of the group "
    "keep staging occasional raids in the remote and desert parts of {province} province.",
    "The area has seen repeated security incidents over the past two years, and local "
    "officials have called for more troops to be deployed along the main roads.",
    "The {command} plans a broad sweep of the area over the coming days to hunt "
    "down the last cells hiding in the valleys and orchards.",
    "Humanitarian organisations say that thousands of displaced families have still not "
    "returned to their villages because of the lack of services and the fear of attacks.",
]


def generate(n: int, *, seed: int = 5) -> list[dict]:
    """`n` distinct report payloads of about 2 KB each (seeded, reproducible)."""
    rng = random.Random(seed)
    reports = []
    for index in range(n):
        country = IRAQ if rng.random() < 0.65 else SYRIA
        paragraphs = []
        towns = rng.sample(country, 2)
        for town, province in towns:
            values = {
                "town": town,
                "province": province,
                "day": rng.choice(WEEKDAYS),
                "n": rng.choice(NUMBERS),
                "km": rng.choice([5, 10, 15, 20, 30]),
                "direction": rng.choice(DIRECTIONS),
                "actor_air": rng.choice(
                    ["Iraqi F-16 jets", "The Iraqi Air Force", "International coalition aircraft"]
                ),
                "actor_ground": rng.choice(["the Iraqi army", "the PMF", "the SDF", "Peshmerga forces"]),
                "command": rng.choice(
                    ["Joint Operations Command", "Security Media Cell", f"{province} Operations Command"]
                ),
            }
            values["n_cap"] = values["n"].capitalize()
            paragraphs.append(rng.choice(EVENTS).format(**values))
            paragraphs.append(rng.choice(SOURCES).format(**values))
        paragraphs += [
            p.format(province=towns[0][1], command="Joint Operations Command")
            for p in rng.sample(BACKGROUND, 2)
        ]
        text = "\n\n".join(paragraphs)
        while len(text) < 1900:
            text += "\n\n" + rng.choice(SOURCES).format(command="Joint Operations Command")
        published = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00:00+03:00"
        reports.append(
            {
                "title": f"Security roundup {index}: {towns[0][0]} and {towns[1][0]}",
                "publisher": rng.choice(PUBLISHERS),
                "published_at": published,
                # A serial number keeps every text (and its content hash) distinct.
                "text": f"{text}\n\nReport reference {index:06d}-{seed}.",
                "origin": f"bench-{index}",
                "channel": "api",
            }
        )
    return reports


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
    payloads = generate(args.n)
    sizes = [len(p["text"].encode()) for p in payloads]
    rows = []
    wipe_reports()
    baseline = run_baseline(payloads)
    rows.append(("baseline: bulk insert of the Report rows", args.n, baseline))
    wipe_reports()
    with tqdm(total=args.n, unit="report", desc="in-process", file=sys.stderr) as bar:
        seconds = run_in_process(payloads, bar.update)
    check_copies(args.n)
    rows.append(("in-process (source_ingest per report)", args.n, seconds))
    from incidents.models import Incident, Mention

    incidents, mentions = Incident.objects.count(), Mention.objects.count()
    log = Path("/tmp") / f"atlas-bench-workers-{os.getpid()}.log"
    worker_n = args.worker_n or args.n
    runs = [(int(c), "") for c in args.workers.split(",") if c.strip()]
    runs += [(int(c), PERSISTENT_SETTINGS) for c in args.persistent_workers.split(",") if c.strip()]
    for count, settings_module in runs:
        wipe_reports()
        subset = payloads[:worker_n]
        label = f"Celery, {count} worker(s) on Redis" + (
            ", persistent DB connections" if settings_module else ""
        )
        with tqdm(total=len(subset), unit="report", desc=label, file=sys.stderr) as bar:
            seconds = run_celery(subset, count, log, bar.update, settings_module)
        check_copies(len(subset))
        rows.append((label, len(subset), seconds))
    wipe_reports()
    print(report(rows, engine, sizes, incidents, mentions, args.n))


def report(rows, engine: str, sizes: list[int], incidents: int, mentions: int, n: int) -> str:
    """Markdown for bench/README.md; ratios against the bulk-insert baseline and in-process."""
    rates = {label: count / seconds for label, count, seconds in rows}
    baseline = next(rate for label, rate in rates.items() if label.startswith("baseline"))
    in_process = next(rate for label, rate in rates.items() if label.startswith("in-process"))
    lines = [
        f"### Ingest throughput on {engine} — {machine()}",
        "",
        f"{n} generated reports, {sum(sizes) / len(sizes) / 1024:.1f} KB on average; in-process "
        f"they gave {incidents} incidents and {mentions} mentions (default gazetteer).",
        "",
        "| run | reports | seconds | reports/s | baseline / run | run / in-process |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, count, seconds in rows:
        rate = rates[label]
        ratios = f"{baseline / rate:.0f}x | {rate / in_process:.2f}"
        lines.append(f"| {label} | {count} | {seconds:.1f} | {rate:.0f} | {ratios} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
