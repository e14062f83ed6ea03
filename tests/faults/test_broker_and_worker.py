"""Redis killed while reports are submitted, a worker killed mid-task: afterwards every report
is in exactly once and nothing was lost (jobs kept "unsent" or left "running" are re-sent).

Real processes: a private redis-server (killed with SIGKILL, restarted empty) and Celery
workers (one killed with SIGKILL while it fetches a slow URL).
"""

import datetime as dt

import pytest
from django.test import Client

from incidents.models import IngestJob, Report
from incidents.services.jobs import job_submit, jobs_resend
from incidents.services.tokens import api_token_create
from tests.factories import user_with_role
from tests.faults.processes import wait_until
from tests.local_http import serve
from tests.pages import PARAGRAPHS, article_html
from tests.test_celery_worker import _payload

pytestmark = pytest.mark.django_db(transaction=True)

JOB_TIMEOUT = 90


def _all_done(count: int) -> bool:
    return IngestJob.objects.filter(status="done").count() == count


def _assert_once(titles):
    assert sorted(Report.objects.values_list("title", flat=True)) == sorted(titles)


def test_reports_sent_while_redis_is_down_are_kept_then_ingested_once(private_redis, start_worker):
    editor = user_with_role("editor", username="editor")
    key = api_token_create(user=editor, name="t")[1]
    api = Client()
    form = Client()
    form.force_login(editor)
    # Queued before the outage (the app's producer pool now holds a connection): lost with
    # Redis, which keeps nothing on disk here.
    lost = job_submit(channel="api", origin="before", payload=_payload(6))
    assert lost.status == "queued"
    private_redis.kill()

    payloads = [_payload(i) for i in range(3)]
    answers = [api.post("/api/v1/reports/", data=p, content_type="application/json",
                        headers={"Authorization": f"Token {key}"}) for p in payloads]
    assert [a.status_code for a in answers] == [202] * 3
    assert {a.json()["status"] for a in answers} == {"unsent"}
    page = form.post("/reports/new/", {"text": "\n\n".join(PARAGRAPHS["ied"]), "title": "IED"},
                     follow=True)
    assert "queue is unavailable" in page.content.decode()
    again = api.post("/api/v1/reports/", data=payloads[0], content_type="application/json",
                     headers={"Authorization": f"Token {key}"})  # the client retries one
    assert again.status_code == 202
    assert IngestJob.objects.filter(status="unsent").count() == 5 and not Report.objects.exists()

    private_redis.restart()
    start_worker()
    # What beat's jobs_resend does: the unsent jobs, and the queued one once it is stale
    # (ATLAS_JOB_STALE_MINUTES; 0 here).
    assert jobs_resend(stale_after=dt.timedelta(0)) == {"sent": 6, "unsent": 0}
    wait_until(lambda: _all_done(6), timeout=JOB_TIMEOUT, what="the re-sent jobs")
    _assert_once([p["title"] for p in payloads] + ["IED", _payload(6)["title"]])
    assert sorted(IngestJob.objects.values_list("outcome", flat=True)) == [
        "duplicate", *["ingested"] * 5]


def test_a_worker_killed_mid_task_loses_and_doubles_nothing(private_redis, start_worker):
    worker = start_worker()
    with serve() as server:
        url = server.add("/slow", article_html("strike", title="Jets strike hideout"), delay=8.0)
        slow = job_submit(channel="url", origin=url, payload={"url": url})
        wait_until(lambda: IngestJob.objects.get(pk=slow.pk).status == "running",
                   timeout=JOB_TIMEOUT, what="the worker to start the slow job")
        payloads = [_payload(i) for i in range(3, 6)]
        for payload in payloads:  # queued behind it; one may be reserved by the worker
            job_submit(channel="api", origin=payload["origin"], payload=payload)
        worker.kill()
        server.routes["/slow"].delay = 0.0
        assert IngestJob.objects.get(pk=slow.pk).status == "running"  # left behind

        start_worker()
        jobs_resend(stale_after=dt.timedelta(0))  # what the periodic re-send does after 30 min
        wait_until(lambda: _all_done(4), timeout=JOB_TIMEOUT, what="every job to finish")
    _assert_once(["Jets strike hideout"] + [p["title"] for p in payloads])
    slow.refresh_from_db()
    assert slow.attempts == 2 and slow.outcome == "ingested"
