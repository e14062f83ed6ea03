"""Ingest jobs: what a submission costs the web request, with the broker up and down, and
how fast a worker clears the jobs a broker outage left unsent.

In one run, against a private redis-server (port JOBS_BENCH_REDIS_PORT, default 18142):

- baseline: `source_ingest` in-process per report (what the form and API did before jobs);
- submit, broker up: `job_submit` per report (write the job, send the task) - the time a
  request now spends before answering 202;
- submit, broker down (Redis killed): the same, ending "unsent" - the send's bounded retry;
- recovery: Redis back, one worker (`--pool solo`), `jobs_resend`: jobs/s until all are done.

Run: `python -m bench.jobs [--n 300]`. Database: JOBS_BENCH_DATABASE_URL, default
postgis://postgres@127.0.0.1:5432/atlas_bench_jobs (created when missing; its report and
job tables are emptied).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from bench import ROOT, bench_setup, machine, percentile
from bench.ingest_reports import generate

DEFAULT_DB = "postgis://postgres@127.0.0.1:5432/atlas_bench_jobs"
REDIS_PORT = int(os.environ.get("JOBS_BENCH_REDIS_PORT", "18142"))
TIMEOUT = 600


def _redis() -> subprocess.Popen:
    process = subprocess.Popen(
        [shutil.which("redis-server") or "redis-server", "--port", str(REDIS_PORT), "--save", "",
         "--appendonly", "no", "--bind", "127.0.0.1"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    return process


def _wipe() -> None:
    from incidents.models import Incident, IngestFailure, IngestJob, Mention, Report

    for model in (IngestJob, Incident.other_reports.through, Incident, Mention, IngestFailure):
        model.objects.all().delete()
    Report.all_objects.all().delete()


def _timed(calls) -> list[float]:
    times = []
    for call in calls:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _row(name: str, times: list[float]) -> str:
    rate = len(times) / (sum(times) / 1000)
    return (f"| {name} | {percentile(times, 50):.1f} | {percentile(times, 95):.1f} | "
            f"{rate:,.0f} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="Reports per run.")
    args = parser.parse_args(argv)
    url = os.environ.get("JOBS_BENCH_DATABASE_URL", DEFAULT_DB)
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"
    broker = f"redis://127.0.0.1:{REDIS_PORT}/0"
    engine = bench_setup()
    from django.core.management import call_command

    from config.celery import app
    from gazetteer.models import Place
    from incidents.models import IngestJob
    from incidents.services.ingest import source_ingest
    from incidents.services.jobs import job_submit, jobs_resend
    from incidents.sources.payloads import document_from_payload

    if not Place.objects.exists():
        call_command("gazetteer_load_default", verbosity=0)
    payloads = generate(args.n * 3)
    runs = [payloads[: args.n], payloads[args.n: 2 * args.n], payloads[2 * args.n:]]
    _wipe()
    source_ingest(load=lambda: document_from_payload(runs[0][0], origin="warm"), origin="warm",
                  channel="api")  # the gazetteer index is built once, outside the timing
    _wipe()
    baseline = _timed(lambda p=p: source_ingest(
        load=lambda: document_from_payload(p, origin="b"), origin="b", channel="api") for p in runs[0])

    redis = _redis()
    app.conf.update(broker_url=broker, task_always_eager=False)
    worker = None
    try:
        up = _timed(lambda p=p: job_submit(channel="api", origin="up", payload=p) for p in runs[1])
        redis.send_signal(signal.SIGKILL)
        redis.wait()  # the producer pool still holds its connections: as in a web process
        down = _timed(lambda p=p: job_submit(channel="api", origin="down", payload=p) for p in runs[2])
        assert IngestJob.objects.filter(status="unsent").count() == len(runs[2])
        redis = _redis()  # back, empty: the "up" run's messages are gone with the old one
        env = {**os.environ, "DATABASE_URL": url, "CELERY_EAGER": "0", "CELERY_BROKER_URL": broker}
        log = Path(ROOT / "var" / "bench-jobs-worker.log")
        log.parent.mkdir(exist_ok=True)
        worker = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "celery"), "-A", "config", "worker", "--pool", "solo",
             "--without-gossip", "--without-mingle", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        started = time.perf_counter()
        sent = jobs_resend(stale_after=__import__("datetime").timedelta(0))
        deadline = started + TIMEOUT
        while IngestJob.objects.exclude(status__in=("done", "failed")).exists():
            if time.perf_counter() > deadline:
                raise SystemExit("bench.jobs: the worker did not finish in time")
            time.sleep(0.2)
        recovery = time.perf_counter() - started
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=30)
        redis.send_signal(signal.SIGKILL)
    done = IngestJob.objects.filter(status="done").count()
    print(f"### Ingest jobs on {engine} — {machine()}\n")
    print(f"{args.n} reports of ~2 KB per run (bench.ingest_reports).\n")
    print("| path | p50 ms | p95 ms | reports/s |")
    print("|---|---|---|---|")
    print(_row("baseline: source_ingest in the request", baseline))
    print(_row("job_submit, broker up (answer 202)", up))
    print(_row("job_submit, broker down (answer 202 unsent)", down))
    print(f"\nRecovery: {sent['sent']} jobs re-sent, {done} done by one worker (solo) in "
          f"{recovery:.1f} s ({sent['sent'] / recovery:,.0f} jobs/s, worker start included).")


if __name__ == "__main__":
    main()
