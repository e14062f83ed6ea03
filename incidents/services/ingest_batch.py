"""Ingest a batch of documents with few round trips; a batch of one is `report_ingest`.

One content-hash query for the batch (a hash stored before, or earlier in the batch, is
a duplicate and is not analysed); the analysis per report (pure, outside any
transaction, against one shared `AnalysisContext`); then ONE transaction that
bulk-inserts the reports, their mentions and their incidents, with their history rows,
after one cross-report dedup query for the batch's incidents. The result is the same
rows, links and history as storing the reports one by one, in order.

A document whose analysis fails fails alone. A failing write fails the transaction: the
batch is then stored again one report at a time, so only the bad report fails.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count
from simple_history.utils import bulk_create_with_history

from incidents.models import Incident, Mention, Report
from incidents.services.analysis import Analysis, analysis_context, report_analyse
from incidents.services.ingest_build import BorderLine, incidents_build, mentions_build
from incidents.services.ingest_dedup import incidents_match_known
from incidents.sources.document import ReportDocument

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchItem:
    """One document on its way in, and what became of it."""

    document: ReportDocument
    digest: str
    published: dt.date | None = None
    analysis: Analysis | None = None
    report: Report | None = None
    created: bool = False
    incidents: int = 0  # live incidents of its report
    error: Exception | None = None
    first: BatchItem | None = field(default=None, repr=False)  # same text earlier in the batch


def batch_ingest(*, documents: list[ReportDocument]) -> list[BatchItem]:
    """Store the documents' reports; each item ends stored, a duplicate, or with its error.

    Raises only when the batch cannot start (the hash query fails).
    """
    items = _items_with_known_hashes(documents)
    fresh = [item for item in items if item.report is None and item.first is None]
    if fresh:
        context = analysis_context()
        for item in fresh:
            try:
                item.analysis = report_analyse(text=item.document.text, published=item.published,
                                               context=context)
            except Exception as exc:  # the caller records it; the batch goes on
                item.error = exc
        _store_with_fallback([item for item in fresh if item.error is None])
    for item in items:
        if item.first is not None:  # a second copy: what became of the first
            first = item.first
            item.report, item.incidents, item.error = first.report, first.incidents, first.error
    return items


def _items_with_known_hashes(documents: list[ReportDocument]) -> list[BatchItem]:
    items = [BatchItem(document=d, digest=d.content_hash,
                       published=d.published_at.date() if d.published_at else None)
             for d in documents]
    # A deleted report stays deleted: ingesting it again is a duplicate, restored by an editor.
    stored = Report.all_objects.in_bulk([i.digest for i in items], field_name="content_hash")
    counts = dict(Incident.objects.filter(report__in=list(stored.values())).order_by()
                  .values("report").annotate(n=Count("id")).values_list("report", "n")) if stored else {}
    firsts: dict[str, BatchItem] = {}
    for item in items:
        item.report = stored.get(item.digest)
        if item.report is not None:
            item.incidents = counts.get(item.report.pk, 0)
        elif item.digest in firsts:
            item.first = firsts[item.digest]
        else:
            firsts[item.digest] = item
    return items


def _store_with_fallback(items: list[BatchItem]) -> None:
    if not items:
        return
    try:
        _store(items)
        return
    except Exception as exc:
        if len(items) == 1:
            _settle(items[0], exc)
            return
        logger.warning("batch of %d reports failed to store (%s); storing them one by one",
                       len(items), exc)
    for item in items:
        try:
            _store([item])
        except Exception as exc:
            _settle(item, exc)


def _settle(item: BatchItem, exc: Exception) -> None:
    """A failed write: a duplicate when a concurrent ingest stored the same text first."""
    if isinstance(exc, IntegrityError):
        report = Report.all_objects.filter(content_hash=item.digest).first()
        if report is not None:
            item.report, item.created = report, False
            item.incidents = report.incidents.count()
            return
    item.error = exc


def _store(items: list[BatchItem]) -> None:
    """One transaction: reports, mentions, incidents (new ones stored, repeats linked)."""
    border = BorderLine()
    with transaction.atomic():
        reports = [
            Report(
                text=d.text,
                title=d.title[:500],
                publisher=d.publisher[:200],
                url=d.url,
                published_at=d.published_at,
                origin=d.origin[:500],
                content_hash=item.digest,
            )
            for item in items
            for d in [item.document]
        ]
        bulk_create_with_history(reports, Report, default_change_reason=None)
        mentions, incidents, owners = [], [], []
        for item, report in zip(items, reports, strict=True):
            mentions += mentions_build(report=report, toponyms=item.analysis.toponyms)
            built = incidents_build(report=report, extracted=item.analysis.incidents,
                                    published=item.published, border=border)
            incidents += built
            owners += [item] * len(built)
        matches = incidents_match_known(incidents=incidents)
        Mention.objects.bulk_create(mentions)
        new = [i for i, match in zip(incidents, matches, strict=True) if match is None]
        bulk_create_with_history(new, Incident, default_change_reason="ingested")
        links = {(match.pk, incident.report_id): None
                 for incident, match in zip(incidents, matches, strict=True) if match is not None}
        through = Incident.other_reports.through
        through.objects.bulk_create([through(incident_id=i, report_id=r) for i, r in links])
    counts: dict[int, int] = {}
    for match, owner in zip(matches, owners, strict=True):
        counts[id(owner)] = counts.get(id(owner), 0) + (match is None)
    for item, report in zip(items, reports, strict=True):
        item.report, item.created, item.incidents = report, True, counts.get(id(item), 0)
