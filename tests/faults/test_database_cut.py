"""PostgreSQL connections cut during an ingest batch (as in a restart): the worker's jobs fail
on the database, are retried with backoff, and every report ends in exactly once.

A TCP proxy of ours stands between the worker and PostgreSQL (the shared server is not
restarted: other runs use it); cutting it drops every connection and refuses new ones for
a few seconds. The test process writes its jobs directly, beside the proxy.
"""

import time

import pytest
from django.db import connection

from incidents.models import IngestJob, Report
from incidents.services.jobs import job_submit
from tests.faults.processes import PROXY_PORT, TcpProxy, wait_until
from tests.test_celery_worker import TOWNS, _database_url, _payload

pytestmark = pytest.mark.django_db(transaction=True)

BATCH = len(TOWNS)
OUTAGE_S = 3.0


def test_connections_cut_mid_batch_are_retried_and_every_report_is_in_once(start_worker, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a database server to cut connections to: PostGIS only (SpatiaLite is a file)")
    db = connection.settings_dict
    with TcpProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))) as proxy:
        direct = _database_url()
        proxied = direct.replace(f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/",
                                 f"@127.0.0.1:{PROXY_PORT}/")
        assert proxied != direct
        start_worker(database_url=proxied, ATLAS_JOB_MAX_RETRIES="10",
                     ATLAS_JOB_RETRY_BACKOFF_MAX="2")
        payloads = [_payload(i) for i in range(BATCH)]
        for payload in payloads[:2]:
            job_submit(channel="api", origin=payload["origin"], payload=payload)
        wait_until(lambda: IngestJob.objects.filter(status="done").count() == 2,
                   timeout=90, what="the batch to start")
        # Cut while the worker holds its connection, the rest of the batch arriving meanwhile
        # (a batch is fast: cutting at a fixed point keeps the test deterministic).
        proxy.cut()
        for payload in payloads[2:]:
            job_submit(channel="api", origin=payload["origin"], payload=payload)
        time.sleep(OUTAGE_S)
        assert IngestJob.objects.filter(status="done").count() < BATCH  # cut mid-batch
        proxy.restore()
        wait_until(lambda: IngestJob.objects.filter(status="done").count() == BATCH,
                   timeout=120, what="the batch to finish after the outage")
    assert sorted(Report.objects.values_list("title", flat=True)) == sorted(
        p["title"] for p in payloads)
    # A job that meets the outage cannot even mark itself started: the worker's log tells.
    log = (tmp_path / "worker.log").read_text()
    assert "retry: Retry in" in log and "OperationalError" in log, "the outage missed the batch"
