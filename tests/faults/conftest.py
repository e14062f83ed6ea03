"""Fixtures of the fault tests: a private Redis the test may kill, workers it may kill."""

import pytest

from config.celery import app
from tests.faults.processes import PrivateRedis
from tests.test_celery_worker import Worker, _database_url, _reset_connections


@pytest.fixture
def private_redis(tmp_path):
    """A redis-server of this test's own as the app's broker (tasks not eager)."""
    redis = PrivateRedis(tmp_path / "redis.log").start()
    saved = {key: app.conf.get(key) for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=redis.url, result_backend=None, task_always_eager=False)
    _reset_connections()
    try:
        yield redis
    finally:
        redis.kill()
        app.conf.update(saved)
        _reset_connections()


@pytest.fixture
def start_worker(tmp_path, private_redis):
    """start_worker(database_url=None, **env): a worker on the private Redis (killed after)."""
    started: list[Worker] = []

    def start(database_url: str | None = None, **env) -> Worker:
        worker = Worker(broker=private_redis.url, database_url=database_url or _database_url(),
                        log=tmp_path / "worker.log", env={"ATLAS_JOB_RETRY_BACKOFF": "1", **env})
        started.append(worker)
        return worker.start(app)

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()
