"""A real worker retries a fetch that may work later (503, then 200) with backoff, and
records the failure with its reason once the retries are spent."""

import pytest

from incidents.models import IngestFailure, IngestJob, Report
from incidents.services.jobs import job_submit
from tests.faults.processes import wait_until
from tests.local_http import Route, serve
from tests.pages import article_html

pytestmark = pytest.mark.django_db(transaction=True)

FINISHED = ("done", "failed")


def _finished(job: IngestJob) -> IngestJob | None:
    job.refresh_from_db()
    return job if job.status in FINISHED else None


def test_a_503_then_200_is_retried_and_ingested(start_worker):
    start_worker(ATLAS_JOB_MAX_RETRIES="3")
    with serve() as server:
        page = article_html("strike", title="Jets strike hideout")
        url = server.add("/flaky", "busy", status=503, then=Route(body=page.encode()))
        job = job_submit(channel="url", origin=url, payload={"url": url})
        job = wait_until(lambda: _finished(job), timeout=60, what="the job to finish")
        assert len(server.hits("/flaky")) == 2, (job.status, job.attempts, job.reason)
    assert (job.status, job.outcome, job.attempts) == ("done", "ingested", 2)
    assert Report.objects.get().url == url and not IngestFailure.objects.exists()


def test_a_url_that_stays_down_fails_after_its_retries_with_the_reason(start_worker):
    start_worker(ATLAS_JOB_MAX_RETRIES="2")
    with serve() as server:
        url = server.add("/down", "down", status=503)
        job = job_submit(channel="url", origin=url, payload={"url": url})
        job = wait_until(lambda: _finished(job), timeout=60, what="the job to fail")
        assert len(server.hits("/down")) == 3, (job.attempts, job.reason)
    assert (job.status, job.attempts) == ("failed", 3)
    assert "HTTP 503" in job.reason and "after 3 attempts" in job.reason
    assert IngestFailure.objects.get(origin=url).reason == job.reason
    assert not Report.objects.exists()
