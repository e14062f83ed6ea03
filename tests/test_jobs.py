"""Ingest jobs in-process: eager runs, the submitter's views of them, a broker that is down
(the job is kept "unsent" and sent again later), re-sends, the feed schedule.

The broker "down" here is a port nobody listens on (the fault tests in tests/faults/ kill a
real Redis and a real worker); everything else runs eagerly, so no service is needed.
"""

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from config.celery import app
from incidents.models import Feed, IngestFailure, IngestJob, Report
from incidents.services.jobs import job_run, job_submit, jobs_count, jobs_resend
from incidents.services.tokens import api_token_create
from tests.factories import user_with_role
from tests.pages import PARAGRAPHS
from tests.test_celery_worker import _reset_connections

pytestmark = pytest.mark.django_db

DEAD_BROKER = "redis://127.0.0.1:18149/14"  # a port of ours where nothing listens
STRIKE = "\n\n".join(PARAGRAPHS["strike"])
ARREST = "\n\n".join(PARAGRAPHS["arrest"])


@pytest.fixture
def broker_down():
    saved = {key: app.conf.get(key) for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=DEAD_BROKER, task_always_eager=False)
    _reset_connections()
    yield
    app.conf.update(saved)
    _reset_connections()


@pytest.fixture
def editor():
    return user_with_role("editor", username="editor")


def _api_post(client, key, body):
    return client.post("/api/v1/reports/", data=json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Token {key}"})


def test_eager_job_runs_at_once_and_keeps_no_payload(editor):
    job = job_submit(channel="api", origin="api:editor", payload={"text": STRIKE}, submitter=editor)
    assert (job.status, job.outcome, job.attempts, job.payload) == ("done", "ingested", 1, None)
    assert job.report == Report.objects.get()
    again = job_submit(channel="api", origin="api:editor", payload={"text": STRIKE})
    assert (again.status, again.outcome, again.report_id) == ("done", "duplicate", job.report_id)


def test_a_job_delivered_twice_runs_once(editor):
    job = job_submit(channel="form", origin="form:editor", payload={"text": STRIKE}, submitter=editor)
    assert job_run(job_id=job.pk)["status"] == "done"  # at-least-once: a second delivery
    job.refresh_from_db()
    assert job.attempts == 1 and Report.objects.count() == 1


@pytest.mark.parametrize(("payload", "reason"), [
    ({"text": "   "}, "missing or empty"),
    ({"url": "ftp://example.org/x"}, "not an http(s) URL"),
])
def test_a_failed_job_says_why_and_is_in_the_ingest_log(payload, reason):
    channel = "url" if "url" in payload else "api"
    job = job_submit(channel=channel, origin="test", payload=payload)
    assert job.status == "failed" and reason in job.reason
    assert reason in IngestFailure.objects.get(origin="test").reason


def test_api_with_the_broker_down_answers_202_and_keeps_the_report(editor, broker_down):
    key = api_token_create(user=editor, name="t")[1]
    response = _api_post(Client(), key, {"text": STRIKE, "title": "Strike"})
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "unsent" and "queue unavailable" in body["reason"]
    assert response["Location"].endswith(body["job"])
    job = IngestJob.objects.get()
    assert job.payload["title"] == "Strike" and not Report.objects.exists()
    # The job's own URL says the same to its submitter.
    status = Client().get(body["job"], headers={"Authorization": f"Token {key}"})
    assert status.status_code == 200 and status.json()["status"] == "unsent"


def test_form_with_the_broker_down_keeps_the_report_and_says_so(editor, broker_down):
    client = Client()
    client.force_login(editor)
    response = client.post("/reports/new/", {"text": ARREST, "title": "Arrests"}, follow=True)
    assert response.redirect_chain[-1][0] == "/reports/mine/"
    html = response.content.decode()
    assert "queue is unavailable" in html and "Nothing is lost" in html and "Arrests" not in html
    assert IngestJob.objects.get().status == "unsent"


def test_unsent_jobs_are_sent_again_once_the_broker_is_back(editor, broker_down):
    for text in (STRIKE, ARREST, STRIKE):
        job_submit(channel="api", origin="api:editor", payload={"text": text}, submitter=editor)
    assert jobs_resend() == {"sent": 0, "unsent": 3}  # still down
    app.conf.update(task_always_eager=True)  # back (eager stands in for broker + worker)
    assert jobs_resend() == {"sent": 3, "unsent": 0}
    assert jobs_count()["done"] == 3 and Report.objects.count() == 2
    assert sorted(IngestJob.objects.values_list("outcome", flat=True)) == [
        "duplicate", "ingested", "ingested"]


def test_stale_jobs_are_resent_fresh_ones_not(editor):
    # A killed worker's job: started once, its report stored, never marked done.
    job_submit(channel="api", origin="first", payload={"text": STRIKE})
    job = IngestJob.objects.create(channel="api", origin="o", payload={"text": STRIKE},
                                   status="running", attempts=1)
    assert jobs_resend()["sent"] == 0  # running for less than ATLAS_JOB_STALE_MINUTES
    old = timezone.now() - dt.timedelta(minutes=settings.ATLAS_JOB_STALE_MINUTES + 1)
    IngestJob.objects.filter(pk=job.pk).update(updated_at=old)
    assert jobs_resend()["sent"] == 1
    job.refresh_from_db()
    assert (job.status, job.outcome, job.attempts) == ("done", "duplicate", 2)
    assert Report.objects.count() == 1


def test_jobs_are_visible_to_their_submitter_and_admins_only(editor, client):
    other = user_with_role("editor", username="other")
    admin = user_with_role("admin", username="boss")
    job = job_submit(channel="form", origin="form:editor", payload={"text": STRIKE}, submitter=editor)
    url = f"/api/v1/jobs/{job.pk}/"
    for user, status in ((editor, 200), (other, 404), (admin, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
        page = client.get("/reports/mine/").content.decode()
        assert (f"<td>{job.pk}</td>" in page) is (status == 200), user
    assert client.get("/api/v1/jobs/999999/").status_code == 404
    client.logout()
    assert client.get(url).status_code == 401


def test_ingest_jobs_command_counts_and_resends(editor, broker_down):
    job_submit(channel="api", origin="o", payload={"text": STRIKE})
    app.conf.update(task_always_eager=True)
    out = io.StringIO()
    call_command("ingest_jobs", "--resend", stdout=out)
    assert "re-sent 1 job(s)" in out.getvalue() and "done: 1" in out.getvalue()


def test_feeds_due_are_polled_and_the_schedule_names_real_tasks(monkeypatch):
    from incidents import tasks

    now = timezone.now()
    due = Feed.objects.create(url="https://a.example/rss")
    Feed.objects.create(url="https://b.example/rss", last_polled_at=now)
    Feed.objects.create(url="https://c.example/rss", active=False)
    stale = Feed.objects.create(url="https://d.example/rss", last_polled_at=now - dt.timedelta(days=1))
    sent = []
    monkeypatch.setattr(tasks.feed_poll_task, "delay", sent.append)
    assert tasks.feeds_poll_due_task() == {"sent": [due.pk, stale.pk]}
    assert sent == [due.pk, stale.pk]
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def test_ingest_url_list_with_a_worker_queues_jobs(broker_down, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("https://a.example/1\n# a comment\nhttps://b.example/2\n")
    out = io.StringIO()
    call_command("ingest", "--urls", str(listing), "--no-progress", stdout=out)
    assert "2 URL(s) queued as jobs (2 unsent" in out.getvalue()
    assert list(IngestJob.objects.order_by("pk").values_list("channel", "payload")) == [
        ("url", {"url": "https://a.example/1"}), ("url", {"url": "https://b.example/2"})]
