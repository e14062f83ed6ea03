"""The ingest benchmark's batched runs: in this process, and in k worker processes.

`run_batched` feeds `sources_ingest` batches of `--batch-size` reports, as
`manage.py ingest` does. `run_processes` forks k processes (after this one has built the
gazetteer index, so they start warm), each opens its own database connection and waits
at a barrier; the clock runs from the barrier to the last process done, each ingesting
its share in batches. Every run also counts CPU seconds: this process's (or the
workers') and their PostgreSQL backends' (read from /proc), so a figure taken on a
shared machine can be read per CPU second as well as per wall second.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import time
from dataclasses import dataclass
from pathlib import Path

# A worker that has not started (or finished) in this long is stopped and the run fails.
START_TIMEOUT, PROCESS_TIMEOUT = 120, 900


@dataclass(slots=True)
class Run:
    seconds: float
    client_cpu: float  # CPU seconds of the Python process(es)
    db_cpu: float  # CPU seconds of their PostgreSQL backends (0 on SpatiaLite)


def backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (same machine)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # a server on another machine: not measured
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _sources(payloads: list[dict]):
    from incidents.sources.payloads import document_from_payload

    return [(p["origin"], "api", lambda p=p: document_from_payload(p, origin=p["origin"]))
            for p in payloads]


def ingest_batches(payloads: list[dict], batch_size: int, progress) -> None:
    from incidents.services.ingest import sources_ingest

    for start in range(0, len(payloads), batch_size):
        outcomes = sources_ingest(sources=_sources(payloads[start:start + batch_size]))
        failed = [o for o in outcomes if o.status == "failed"]
        if failed:
            raise RuntimeError(f"{failed[0].origin} failed: {failed[0].reason}")
        progress(len(outcomes))


def measured(call) -> Run:
    """Wall and CPU seconds of `call()` in this process and its database backend."""
    db_before, cpu_before, started = backend_cpu(), time.process_time(), time.perf_counter()
    call()
    seconds = time.perf_counter() - started
    return Run(seconds, time.process_time() - cpu_before, backend_cpu() - db_before)


def run_batched(payloads: list[dict], batch_size: int, progress) -> Run:
    return measured(lambda: ingest_batches(payloads, batch_size, progress))


def _worker(payloads, batch_size, barrier, results) -> None:
    from django.db import connection

    from incidents.services.analysis import analysis_context

    connection.ensure_connection()
    analysis_context()  # the index is inherited; this reads its stamp once more
    barrier.wait(timeout=START_TIMEOUT)
    db_before, cpu_before = backend_cpu(), time.process_time()
    ingest_batches(payloads, batch_size, lambda _n: None)
    results.put((time.process_time() - cpu_before, backend_cpu() - db_before))
    connection.close()


def run_processes(payloads: list[dict], count: int, batch_size: int) -> Run:
    """k forked processes, each ingesting every k-th batch-sized slice of the payloads."""
    from django.db import connections

    from incidents.services.analysis import analysis_context

    analysis_context()  # build the index here: the workers inherit it
    connections.close_all()  # a forked child must not share this process's connection
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(count + 1), context.Queue()
    shares = [payloads[i::count] for i in range(count)]
    workers = [context.Process(target=_worker, args=(share, batch_size, barrier, results))
               for share in shares]
    for worker in workers:
        worker.start()
    try:
        barrier.wait(timeout=START_TIMEOUT)
        started = time.perf_counter()
        cpu = []
        while len(cpu) < count:
            try:
                cpu.append(results.get(timeout=1))
            except queue.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    codes = [w.exitcode for w in workers]
                    raise RuntimeError(f"a worker failed: exit codes {codes}") from None
                if time.perf_counter() - started > PROCESS_TIMEOUT:
                    raise RuntimeError(f"workers not done in {PROCESS_TIMEOUT} s") from None
        seconds = time.perf_counter() - started
        for worker in workers:
            worker.join(timeout=60)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
    return Run(seconds, sum(c for c, _ in cpu), sum(d for _, d in cpu))
