"""A real Celery worker on Redis ingests a batch; killing it mid-batch loses and doubles nothing.

Skipped when Redis does not answer on 127.0.0.1:6379. The worker is a subprocess using the
SAME database as the test (the file test DB on SpatiaLite, test_<name> on PostGIS) and a
queue of its own on Redis db 15, so parallel test runs do not share work.
"""

import os
import signal
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from config.celery import app, redis_queue_purge
from incidents.models import Incident, Report
from incidents.tasks import report_ingest_task

# Parallel runs on one machine (helpers, CI beside a session) each take their own database.
REDIS_URL = os.environ.get("ATLAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TOWNS = ["Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah", "Samarra", "Baiji", "Haditha",
         "Sinjar", "Tal Afar"]
START_TIMEOUT = 90
RESULT_TIMEOUT = 90


def _redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError as exc:
        pytest.skip(f"Redis does not answer on 127.0.0.1:6379 ({exc}): no worker test")
    return client


def _payload(index: int) -> dict:
    town = TOWNS[index]
    return {
        "title": f"Arrests in {town}",
        "publisher": "Worker Wire",
        "published_at": "2021-05-18T09:00:00+03:00",
        "origin": f"worker-test-{index}",
        "text": (
            f"Iraqi security forces arrested {index + 2} suspected ISIS members in {town} on "
            "Tuesday, the Joint Operations Command said.\n\nThe suspects were handed over to "
            f"the judiciary. Report number {index}."
        ),
    }


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        return f"postgis://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    name = str(db["NAME"])
    if "memory" in name or not Path(name).is_absolute():
        pytest.skip(f"the SpatiaLite test database is not a file a worker can open: {name}")
    return f"spatialite:///{name}"


class Worker:
    """`celery -A config worker` (solo pool) as a subprocess on a broker, on a queue of the
    test's own when given, with extra environment (``env``; the result backend is unset
    unless it names one). tests/faults starts it on a private Redis."""

    def __init__(self, *, broker: str, database_url: str, log: Path, queue: str | None = None,
                 env: dict[str, str] | None = None):
        self.broker, self.database_url, self.log, self.queue = broker, database_url, log, queue
        self.env = env or {}
        self.process = None
        self.name = f"{queue or 'worker'}-{os.getpid()}-{time.monotonic_ns()}@localhost"

    def start(self, app) -> "Worker":
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
               "DATABASE_URL": self.database_url, "CELERY_EAGER": "0",
               "CELERY_BROKER_URL": self.broker, **self.env}
        if "CELERY_RESULT_BACKEND" not in self.env:
            env.pop("CELERY_RESULT_BACKEND", None)
        queue = ["-Q", self.queue] if self.queue else []
        celery = Path(settings.BASE_DIR) / ".venv" / "bin" / "celery"
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(celery), "-A", "config", "worker", "--pool", "solo", "-c", "1", *queue,
                 "-n", self.name, "--prefetch-multiplier", "1", "--without-gossip",
                 "--without-mingle", "--loglevel", "INFO"],
                cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited at start:\n{self.log.read_text()[-3000:]}")
            try:
                if app.control.ping(destination=[self.name], timeout=0.5):
                    return self
            except (OSError, RedisError, KombuError):  # a pooled connection to a Redis killed before
                _reset_connections()
        pytest.fail(f"the worker did not start in {START_TIMEOUT} s:\n{self.log.read_text()[-3000:]}")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def worker_queue(tmp_path):
    """Point the app at Redis db 15 and a queue of this test's own; clean it all up after."""
    client = _redis()
    queue = f"atlas-test-{uuid.uuid4().hex[:10]}"
    saved = {key: app.conf.get(key) for key in
             ("broker_url", "result_backend", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL,
                    task_always_eager=False, task_default_queue=queue)
    _reset_connections()
    workers: list[Worker] = []

    def new_worker() -> Worker:
        worker = Worker(broker=REDIS_URL, database_url=_database_url(), log=tmp_path / "worker.log",
                        queue=queue, env={"CELERY_RESULT_BACKEND": REDIS_URL})
        workers.append(worker)
        return worker.start(app)

    try:
        yield new_worker
    finally:
        for worker in workers:
            worker.stop()
        app.conf.update(saved)
        _reset_connections()
        redis_queue_purge(client, queue)


def _reset_connections():
    app._after_fork()  # drops the connection and producer pools built for the old broker
    app._backend_cache = None
    app._local = threading.local()


def _assert_one_copy_of_everything(payloads):
    titles = list(Report.objects.values_list("title", flat=True))
    assert sorted(titles) == sorted(p["title"] for p in payloads)
    keys = list(Incident.objects.values_list("report_id", "start", "sub_event_type"))
    assert len(keys) == len(set(keys))
    assert Incident.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_worker_ingests_a_batch(worker_queue):
    worker_queue()
    payloads = [_payload(i) for i in range(5)]
    results = [report_ingest_task.delay(p) for p in payloads]
    outcomes = [r.get(timeout=RESULT_TIMEOUT) for r in results]
    assert [o["status"] for o in outcomes] == ["ingested"] * 5
    _assert_one_copy_of_everything(payloads)
    assert {o["report_id"] for o in outcomes} == set(Report.objects.values_list("pk", flat=True))
    assert sum(o["incidents"] for o in outcomes) == Incident.objects.count()


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_batch_then_resubmitting_keeps_one_copy(worker_queue):
    worker = worker_queue()
    payloads = [_payload(i) for i in range(5, 10)]
    # Two run now; three wait in the worker (delivered, not yet run) when it is killed,
    # as the rest of a batch does behind a long task.
    done = [report_ingest_task.delay(p) for p in payloads[:2]]
    pending = [report_ingest_task.apply_async((p,), countdown=600) for p in payloads[2:]]
    assert [r.get(timeout=RESULT_TIMEOUT)["status"] for r in done] == ["ingested"] * 2
    worker.kill()
    assert worker.process.returncode == -signal.SIGKILL
    assert Report.objects.count() == 2
    assert not any(r.ready() for r in pending)

    worker_queue()  # restart
    again = [report_ingest_task.delay(p) for p in payloads]
    statuses = [r.get(timeout=RESULT_TIMEOUT)["status"] for r in again]
    assert statuses == ["duplicate"] * 2 + ["ingested"] * 3
    _assert_one_copy_of_everything(payloads)
