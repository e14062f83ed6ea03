"""Celery tasks: ingestion in the background (eager, in-process, unless CELERY_EAGER=0).

Every task is idempotent (reports dedupe by content hash, feed entries by guid), so they
are acknowledged late: a worker killed mid-task leaves the message to be delivered again,
and re-running it stores nothing twice. Results are plain dicts (JSON serialisable).

`job_run` is what the form, the API and URL lists send (incidents.services.jobs);
fetches that may work later and database outages are retried with exponential backoff.
Two periodic tasks (CELERY_BEAT_SCHEDULE): `feeds_poll_due` sends `feed_poll` for each
active feed not polled for ATLAS_FEED_POLL_MINUTES; `jobs_resend` sends again the jobs a
broker outage or a killed worker left behind.
"""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.db import connections
from django.db.models import Q
from django.utils import timezone

from incidents.models import Feed
from incidents.services.feeds import feed_poll
from incidents.services.ingest import source_ingest
from incidents.services.jobs import DB_UNAVAILABLE, job_run, jobs_resend
from incidents.sources.payloads import document_from_payload
from incidents.sources.web import FetchUnavailable, document_from_url

_IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}
_RETRIED = {
    "autoretry_for": (FetchUnavailable, *DB_UNAVAILABLE),
    "retry_backoff": settings.ATLAS_JOB_RETRY_BACKOFF,  # seconds: 1st retry, doubling after
    "retry_backoff_max": settings.ATLAS_JOB_RETRY_BACKOFF_MAX,
    "retry_jitter": True,
    "max_retries": settings.ATLAS_JOB_MAX_RETRIES,
}


@shared_task(name="incidents.job_run", bind=True, **_IDEMPOTENT, **_RETRIED)
def job_run_task(self, job_id: int) -> dict:
    """Run one ingest job (a form or API report, or a URL), retried when it may work later."""
    try:
        # Eager (no broker): the caller is waiting, so one attempt; the failure is recorded.
        # (The app's setting, not request.is_eager: Celery marks a worker's retries eager too.)
        final = self.app.conf.task_always_eager or self.request.retries >= self.max_retries
        return job_run(job_id=job_id, final_attempt=final)
    except DB_UNAVAILABLE:
        connections.close_all()  # the retry must not reuse a dead connection
        raise


@shared_task(name="incidents.feeds_poll_due")
def feeds_poll_due_task() -> dict:
    """Send `feed_poll` for each active feed whose last poll is older than the interval."""
    due = timezone.now() - dt.timedelta(minutes=settings.ATLAS_FEED_POLL_MINUTES)
    feeds = list(
        Feed.objects.filter(active=True)
        .filter(Q(last_polled_at__isnull=True) | Q(last_polled_at__lte=due))
        .order_by("pk").values_list("pk", flat=True)
    )
    for feed_id in feeds:
        feed_poll_task.delay(feed_id)
    return {"sent": feeds}


@shared_task(name="incidents.jobs_resend")
def jobs_resend_task() -> dict:
    """Send again jobs never queued (broker down) or stuck (lost message, killed worker)."""
    return jobs_resend()


@shared_task(name="incidents.report_ingest", **_IDEMPOTENT)
def report_ingest_task(payload: dict) -> dict:
    """Ingest one report given as {"text", "title"?, "url"?, "publisher"?, "published_at"?}.

    An optional "origin" says where it came from; "channel" (default "api") is what a
    failure is logged under.
    """
    meta = payload if isinstance(payload, dict) else {}
    origin = str(meta.get("origin") or meta.get("url") or "task")
    channel = str(meta.get("channel") or "api")
    outcome = source_ingest(
        load=lambda: document_from_payload(payload, origin=origin), origin=origin, channel=channel
    )
    return outcome.as_dict()


@shared_task(name="incidents.url_ingest", **_IDEMPOTENT)
def url_ingest_task(url: str) -> dict:
    """Fetch one report URL and ingest it."""
    outcome = source_ingest(load=lambda: document_from_url(url=url), origin=url, channel="url")
    return outcome.as_dict()


@shared_task(name="incidents.feed_poll", **_IDEMPOTENT)
def feed_poll_task(feed_id: int) -> dict:
    """Poll one feed and ingest its new entries."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return {"feed_id": feed_id, "error": "no such feed"}
    result = feed_poll(feed=feed)
    return {
        "feed_id": feed_id,
        "error": result.error,
        "not_modified": result.not_modified,
        "ingested": result.count("ingested"),
        "duplicates": result.count("duplicate"),
        "failed": result.count("failed"),
        "seen": result.seen,
    }


@shared_task(name="incidents.report_reprocess", **_IDEMPOTENT)
def report_reprocess_task(report_id: int) -> dict:
    """Geoparse and extract a stored report again, keeping analysts' incidents."""
    from incidents.models import Report
    from incidents.services.reprocess import report_reprocess

    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return {"report_id": report_id, "error": "no such report"}
    return report_reprocess(report=report).as_dict()
