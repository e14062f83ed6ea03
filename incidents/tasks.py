"""Celery tasks: ingestion in the background (eager, in-process, unless CELERY_EAGER=0).

Every task is idempotent (reports dedupe by content hash, feed entries by guid), so they
are acknowledged late: a worker killed mid-task leaves the message to be delivered again,
and re-running it stores nothing twice. Results are plain dicts (JSON serialisable).
"""

from celery import shared_task

from incidents.models import Feed
from incidents.services.feeds import feed_poll
from incidents.services.ingest import source_ingest
from incidents.sources.payloads import document_from_payload
from incidents.sources.web import document_from_url

_IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}


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
