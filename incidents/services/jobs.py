"""Ingest jobs: every submitted source (form, API, URL list) goes through the task queue.

`job_submit` writes the job (with its payload) BEFORE sending the task, so a broker
outage loses nothing: the job stays "unsent" with the reason, and `jobs_resend` (the
periodic task and `manage.py ingest_jobs --resend`) sends it again later. `job_run` is
what the worker does: idempotent (a job already finished is not run again, a report
already stored is a duplicate by content hash), so at-least-once delivery stores each
report exactly once. Network fetches that may work later raise `FetchUnavailable` and
are retried with backoff by the task; database errors are retried the same way.
With CELERY_EAGER=1 (the embedded default) the task runs inside `job_submit`.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.db.models import Count, F, Q
from django.utils import timezone
from kombu.exceptions import KombuError

from incidents.models import IngestJob
from incidents.services.ingest import Outcome, ingest_failure_record, report_ingest
from incidents.sources.document import IngestError, ReportDocument
from incidents.sources.payloads import document_from_payload
from incidents.sources.web import FetchUnavailable, document_from_url

logger = logging.getLogger(__name__)

Status = IngestJob.Status
# What a failed send raises: kombu's wrapper once its retries are spent, or the socket error.
SEND_ERRORS = (KombuError, OSError)
# Try the broker briefly: a web request must answer, not hang while Redis is down.
# Errors of a database that is down or restarting (not of a bad query): retried.
DB_UNAVAILABLE = (OperationalError, InterfaceError)
SEND_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


def job_submit(*, channel: str, origin: str, payload: dict, submitter=None) -> IngestJob:
    """Record a job and send it to the queue; returns it as it stands after the send.

    payload: a report object ({"text", "title"?, ...}) or {"url": ...} for channel "url".
    """
    job = IngestJob.objects.create(
        channel=channel, origin=origin[:2000], payload=payload,
        submitter=submitter if submitter is not None and submitter.is_authenticated else None,
    )
    job_send(job=job)
    job.refresh_from_db()
    return job


def job_send(*, job: IngestJob) -> bool:
    """Send (or re-send) a job's task; False, with the job marked "unsent", if the broker is down."""
    from incidents.tasks import job_run_task

    task_id = str(uuid.uuid4())
    # Marked queued BEFORE the send: a fast worker may start (and finish) it at once.
    IngestJob.objects.filter(pk=job.pk).update(status=Status.QUEUED, task_id=task_id)
    try:
        job_run_task.apply_async((job.pk,), task_id=task_id, retry=True,
                                 retry_policy=SEND_RETRY_POLICY)
    except SEND_ERRORS as exc:
        logger.warning("could not queue ingest job %s: %s", job.pk, exc)
        IngestJob.objects.filter(pk=job.pk, status=Status.QUEUED, task_id=task_id).update(
            status=Status.UNSENT, reason=f"queue unavailable: {type(exc).__name__}: {exc}"[:2000],
        )
        return False
    return True


def jobs_resend(*, stale_after: dt.timedelta | None = None) -> dict[str, int]:
    """Send again the jobs never queued, and those queued or running for longer than
    `stale_after` (lost with a broker's memory, or with a worker killed mid-task)."""
    stale_after = stale_after if stale_after is not None else dt.timedelta(
        minutes=settings.ATLAS_JOB_STALE_MINUTES)
    cutoff = timezone.now() - stale_after
    jobs = IngestJob.objects.filter(
        Q(status=Status.UNSENT)
        | Q(status__in=(Status.QUEUED, Status.RUNNING), updated_at__lte=cutoff)
    ).order_by("pk")
    sent = failed = 0
    for job in jobs:
        if job_send(job=job):
            sent += 1
        else:
            failed += 1
    return {"sent": sent, "unsent": failed}


def jobs_count() -> dict[str, int]:
    """Jobs by status (every status listed, zero included)."""
    counts = dict(IngestJob.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in Status.values}


# --- the worker's side -------------------------------------------------------------------


def job_run(*, job_id: int, final_attempt: bool = True) -> dict:
    """Run one job (what `incidents.job_run` does). Raises FetchUnavailable or a database
    error to be retried unless this is the final attempt; every other failure is
    recorded on the job and in the ingest log."""
    job = IngestJob.objects.filter(pk=job_id).first()
    if job is None:
        return {"job_id": job_id, "status": "missing"}
    if job.status in (Status.DONE, Status.FAILED):  # delivered again: nothing to do
        return job_summary(job=job)
    IngestJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, attempts=F("attempts") + 1)
    job.refresh_from_db()
    try:
        result = report_ingest(document=_document(job))
    except FetchUnavailable as exc:
        if not final_attempt:
            _note_retry(job, exc)
            raise
        outcome = _failed(job, f"{exc} (after {job.attempts} attempts)")
    except IngestError as exc:
        outcome = _failed(job, str(exc))
    except DB_UNAVAILABLE as exc:
        connections.close_all()  # the next attempt opens a fresh connection
        if not final_attempt:
            raise
        outcome = _failed(job, f"database unavailable ({type(exc).__name__}): {exc}")
    except Exception as exc:  # a bug: recorded with its traceback, the job is failed
        logger.exception("unexpected error in ingest job %s", job.pk)
        outcome = _failed(job, f"internal error ({type(exc).__name__}): {exc}")
    else:
        outcome = Outcome(origin=job.origin, status="ingested" if result.created else "duplicate",
                          report_id=result.report.pk)
        IngestJob.objects.filter(pk=job.pk).update(
            status=Status.DONE, outcome=outcome.status, report=result.report, reason="",
            payload=None,
        )
    job.refresh_from_db()
    return job_summary(job=job)


def _document(job: IngestJob) -> ReportDocument:
    payload = job.payload or {}
    if job.channel == "url":
        return document_from_url(url=str(payload.get("url", "")))
    return document_from_payload(payload, origin=job.origin)


def _note_retry(job: IngestJob, exc: Exception) -> None:
    IngestJob.objects.filter(pk=job.pk).update(
        status=Status.QUEUED, reason=f"attempt {job.attempts} failed, retrying: {exc}"[:2000])


def _failed(job: IngestJob, reason: str) -> Outcome:
    ingest_failure_record(origin=job.origin, channel=job.channel, reason=reason)
    IngestJob.objects.filter(pk=job.pk).update(status=Status.FAILED, reason=reason)
    return Outcome(origin=job.origin, status="failed", reason=reason)


def job_summary(*, job: IngestJob) -> dict:
    """The job as the API and the task results show it."""
    return {
        "job_id": job.pk,
        "status": job.status,
        "outcome": job.outcome,
        "reason": job.reason,
        "report_id": job.report_id,
        "attempts": job.attempts,
        "channel": job.channel,
        "origin": job.origin,
        "created_at": job.created_at.isoformat(),
        "updated_at": job.updated_at.isoformat(),
    }


def jobs_submit_urls(*, urls: list[str], origin_prefix: str = "") -> tuple[list[Outcome], list[IngestJob]]:
    """A job per URL (`ingest --urls`): the outcomes of those already run (CELERY_EAGER=1),
    and the jobs still queued or unsent."""
    outcomes, pending = [], []
    for url in urls:
        job = job_submit(channel="url", origin=f"{origin_prefix}{url}", payload={"url": url})
        if job.status == Status.DONE:
            outcomes.append(Outcome(origin=url, status=job.outcome, report_id=job.report_id,
                                    incidents=job.report.incidents.count()))
        elif job.status == Status.FAILED:
            outcomes.append(Outcome(origin=url, status="failed", reason=job.reason))
        else:
            pending.append(job)
    return outcomes, pending
