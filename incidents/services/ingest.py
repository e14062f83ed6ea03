"""Ingest: a source's document -> a stored Report with its Mentions and Incidents.

`sources_ingest` (a batch) and `source_ingest` (one) are every channel's way in (files,
URLs, feeds, the form, the API, tasks): each source becomes a stored report, a
duplicate, or one recorded `IngestFailure`, never both and never a half-written report.
`reports_ingest` / `report_ingest` store documents, idempotent by content hash, and link
incidents already reported elsewhere; the batch machinery is in `ingest_batch`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from incidents.models import IngestFailure, Report
from incidents.services.ingest_batch import BatchItem, batch_ingest
from incidents.services.ingest_build import REVIEW_BELOW, incidents_build, mentions_build
from incidents.services.ingest_dedup import SAME_EVENT_KM, incidents_split_known
from incidents.sources.document import IngestError, ReportDocument

# The row builders and the dedup rule are shared with reprocess, which imports them here.
__all__ = [
    "REVIEW_BELOW", "SAME_EVENT_KM", "IngestResult", "Outcome", "incidents_build",
    "incidents_split_known", "ingest_failure_record", "mentions_build", "report_ingest",
    "reports_ingest", "source_ingest", "sources_ingest",
]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestResult:
    report: Report
    created: bool


def reports_ingest(*, documents: Sequence[ReportDocument]) -> list[IngestResult]:
    """Store reports with their mentions and incidents (idempotent), in batch.

    A text already stored (or earlier in the batch) gives its stored report, created=False.
    Each report is written whole or not at all; the first error is raised after the
    other reports are stored.
    """
    items = batch_ingest(documents=list(documents))
    failed = next((item.error for item in items if item.error is not None), None)
    if failed is not None:
        raise failed
    return [IngestResult(report=item.report, created=item.created) for item in items]


def report_ingest(*, document: ReportDocument) -> IngestResult:
    """Store one report with its mentions and incidents in one transaction (idempotent)."""
    return reports_ingest(documents=[document])[0]


def ingest_failure_record(*, origin: str, channel: str, reason: str) -> IngestFailure:
    """Log a source that could not be ingested, so an admin can read why."""
    return IngestFailure.objects.create(origin=origin[:2000], channel=channel, reason=reason)


@dataclass(slots=True)
class Outcome:
    """What became of one source: "ingested", "duplicate" or "failed" (with the reason).

    `internal` marks a failure caused by a bug rather than by the source itself.
    """

    origin: str
    status: str
    report_id: int | None = None
    incidents: int = 0
    reason: str = ""
    internal: bool = False

    def as_dict(self) -> dict:
        return {
            "origin": self.origin,
            "status": self.status,
            "report_id": self.report_id,
            "incidents": self.incidents,
            "reason": self.reason,
        }


# origin, channel, and the loader that reads/fetches/parses the source
Source = tuple[str, str, Callable[[], ReportDocument]]


def source_ingest(*, load: Callable[[], ReportDocument], origin: str, channel: str) -> Outcome:
    """Load one source and store it; a failure is recorded in the ingest log, not raised.

    `load` does the reading/fetching/parsing so that its errors are caught here too.
    """
    return sources_ingest(sources=[(origin, channel, load)])[0]


def sources_ingest(*, sources: Sequence[Source]) -> list[Outcome]:
    """Load sources and store them as one batch; one Outcome per source, in order.

    Failures (a source that cannot be read, a report that cannot be analysed or stored)
    are recorded in the ingest log, not raised, and unexpected exceptions too (logged
    with their traceback): one bad source must not stop the rest of a batch.
    """
    outcomes: list[Outcome | None] = [None] * len(sources)
    documents: list[tuple[int, ReportDocument]] = []
    for index, (origin, channel, load) in enumerate(sources):
        try:
            documents.append((index, load()))
        except Exception as exc:
            outcomes[index] = _failed(origin, channel, exc)
    try:
        items = batch_ingest(documents=[document for _, document in documents])
    except Exception as exc:  # the batch could not start: every loaded source fails
        items = [BatchItem(document=document, digest="", error=exc) for _, document in documents]
    for (index, _), item in zip(documents, items, strict=True):
        origin, channel, _load = sources[index]
        if item.error is not None:
            outcomes[index] = _failed(origin, channel, item.error)
            continue
        outcomes[index] = Outcome(
            origin=origin,
            status="ingested" if item.created else "duplicate",
            report_id=item.report.pk,
            incidents=item.incidents,
        )
    return outcomes  # type: ignore[return-value]


def _failed(origin: str, channel: str, exc: Exception) -> Outcome:
    internal = not isinstance(exc, IngestError)
    if internal:  # recorded with its traceback, the batch goes on
        logger.error("unexpected error ingesting %s", origin, exc_info=exc)
        reason = f"internal error ({type(exc).__name__}): {exc}"
    else:
        reason = str(exc)
    ingest_failure_record(origin=origin, channel=channel, reason=reason)
    return Outcome(origin=origin, status="failed", reason=reason, internal=internal)
