"""Ingest: a source's document -> a stored Report with its Mentions and Incidents.

`source_ingest` is every channel's way in (files, URLs, feeds, the form, the API, tasks):
one source becomes a stored report or one recorded `IngestFailure`, never both and never
a half-written report. `report_ingest` stores one document in one transaction,
idempotent by content hash, and links incidents already reported elsewhere.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from gazetteer.geoparser.normalize import name_key
from gazetteer.geoparser.resolve.countries import COUNTRY_CODES
from gazetteer.geoparser.types import Toponym
from gazetteer.models import Border
from incidents.extraction.pipeline import ExtractedIncident
from incidents.models import Incident, IngestFailure, Mention, Report
from incidents.selectors.review import mention_review_reason
from incidents.services.analysis import report_analyse
from incidents.sources.document import IngestError, ReportDocument

logger = logging.getLogger(__name__)

# Resolutions and incidents below this confidence are queued for an analyst's review.
REVIEW_BELOW = 0.5

# --- ingest ------------------------------------------------------------------------------


@dataclass(slots=True)
class IngestResult:
    report: Report
    created: bool


def report_ingest(*, document: ReportDocument) -> IngestResult:
    """Store a report with its mentions and incidents in one transaction (idempotent).

    A report whose content hash is already stored is returned untouched (created=False).
    """
    digest = document.content_hash
    # A deleted report stays deleted: ingesting it again is a duplicate, restored by an editor.
    existing = Report.all_objects.filter(content_hash=digest).first()
    if existing:
        return IngestResult(report=existing, created=False)
    published = document.published_at.date() if document.published_at else None
    analysis = report_analyse(text=document.text, published=published)
    with transaction.atomic():
        report, created = Report.all_objects.get_or_create(
            content_hash=digest,
            defaults={
                "text": document.text,
                "title": document.title[:500],
                "publisher": document.publisher[:200],
                "url": document.url,
                "published_at": document.published_at,
                "origin": document.origin[:500],
            },
        )
        if not created:  # a concurrent ingest won the race
            return IngestResult(report=report, created=False)
        Mention.objects.bulk_create(mentions_build(report=report, toponyms=analysis.toponyms))
        new, duplicates = incidents_split_known(
            incidents=incidents_build(report=report, extracted=analysis.incidents, published=published)
        )
        bulk_create_with_history(new, Incident, default_change_reason="ingested")
        for known in duplicates:
            known.other_reports.add(report)
    return IngestResult(report=report, created=True)


# Two reports describe the same event when its sub-type matches, the dates are at most a
# day apart and the points at most this far apart.
SAME_EVENT_KM = 10


def incidents_split_known(*, incidents: list[Incident]) -> tuple[list[Incident], list[Incident]]:
    """Separate incidents already stored from another report (returned as the stored rows)."""
    new, known = [], []
    for incident in incidents:
        match = None
        if incident.location is not None:
            day = dt.timedelta(days=1)
            match = (
                Incident.objects.filter(
                    sub_event_type=incident.sub_event_type,
                    event_date__range=(incident.event_date - day, incident.event_date + day),
                    location__distance_lte=(incident.location, D(km=SAME_EVENT_KM)),
                )
                .exclude(report=incident.report)
                .order_by("id")
                .first()
            )
        if match is None:
            new.append(incident)
        elif match not in known:
            known.append(match)
    return new, known


def mentions_build(*, report: Report, toponyms: list[Toponym]) -> list[Mention]:
    """Unsaved Mention rows for a report's toponyms (demonyms are context, not mentions)."""
    mentions = []
    for toponym in toponyms:
        if toponym.kind == "demonym":
            continue  # country context, not a place mention
        mentions.append(
            Mention(
                report=report,
                start=toponym.start,
                end=toponym.end,
                surface=toponym.text[:300],
                kind=toponym.kind,
                # A place inside an organisation's name is not a location; its candidates stay.
                place_id=toponym.place.place_id if toponym.place and toponym.kind != "organisation" else None,
                confidence=toponym.confidence,
                candidates=[
                    {
                        "place_id": c.place_id,
                        "name": c.name,
                        "country": c.country,
                        "lat": c.lat,
                        "lon": c.lon,
                        "score": round(score, 3),
                    }
                    for c, score in toponym.candidates[:5]
                ],
                needs_review=toponym.kind == "place"
                and (toponym.place is None or toponym.confidence < REVIEW_BELOW),
            )
        )
        mention = mentions[-1]
        mention.review_reason = mention_review_reason(
            kind=mention.kind, place_id=mention.place_id, confidence=mention.confidence,
            candidates=mention.candidates)
    return mentions


# Borders of Iraq or Syria with a third country: not the IQ-SY line.
_OTHER_NEIGHBOUR = re.compile(r"turk|jordan|leban|iran|saudi|kuwait", re.IGNORECASE)


def _border_point(phrase: str) -> Point | None:
    """An event "on the Iraqi-Syrian border" is coded, as ACLED does (precision 3), to a
    point of the border: the middle of the loaded IQ-SY line."""
    if not re.search(r"iraq|syria", phrase, re.IGNORECASE) or _OTHER_NEIGHBOUR.search(phrase):
        return None
    border = Border.objects.filter(code="IQ-SY").only("geom").first()
    return border.geom.interpolate_normalized(0.5) if border else None


def incidents_build(
    *, report: Report, extracted: list[ExtractedIncident], published: dt.date | None
) -> list[Incident]:
    """Unsaved Incident rows, flagged for review when unlocated, unresolved or unsure."""
    incidents = []
    for item in extracted:
        place = item.toponym.place if item.toponym else None
        location = Point(item.lon, item.lat, srid=settings.ATLAS_SRID) if item.lat is not None else None
        estimate = (Point(item.est_lon, item.est_lat, srid=settings.ATLAS_SRID)
                    if item.est_lat is not None and item.est_lon is not None else location)
        on_border = item.toponym is not None and item.toponym.kind == "border"
        if location is None and on_border:
            location = _border_point(item.toponym.text)
        # "northern Iraq" is a known region (a compass part of the country's outline).
        part = item.toponym is not None and item.toponym.relation == "part"
        unresolved = item.toponym is not None and item.toponym.place is None and not (on_border or part)
        needs_review = location is None or unresolved or item.confidence < REVIEW_BELOW
        incidents.append(
            Incident(
                report=report,
                event_date=item.event_date or published or timezone.now().date(),
                time_precision=item.time_precision,
                event_type=item.event_type,
                sub_event_type=item.sub_event_type,
                actor1=item.actor1[:200],
                actor2=item.actor2[:200],
                fatalities=item.fatalities,
                location=location,
                estimate=estimate,
                uncertainty_km=item.uncertainty_km,
                location_name=item.location_name[:200],
                place_id=place.place_id if place else None,
                geo_precision=item.geo_precision,
                admin1=place.admin1 if place else "",
                country_code=place.country if place else (
                    COUNTRY_CODES.get(name_key(item.toponym.text), "") if part else ""),
                summary=item.summary,
                start=item.start,
                end=item.end,
                confidence=item.confidence,
                review_status=Incident.Review.NEEDS_REVIEW if needs_review else Incident.Review.AUTO,
            )
        )
    return incidents


def ingest_failure_record(*, origin: str, channel: str, reason: str) -> IngestFailure:
    """Log a source that could not be ingested, so an admin can read why."""
    return IngestFailure.objects.create(origin=origin[:2000], channel=channel, reason=reason)


# --- sources -----------------------------------------------------------------------------


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


def source_ingest(*, load: Callable[[], ReportDocument], origin: str, channel: str) -> Outcome:
    """Load one source and store it; a failure is recorded in the ingest log, not raised.

    `load` does the reading/fetching/parsing so that its errors are caught here too.
    Unexpected exceptions are recorded as well (and logged with their traceback): one bad
    source must not stop the rest of a batch.
    """
    internal = False
    try:
        document = load()
        result = report_ingest(document=document)
    except IngestError as exc:
        reason = str(exc)
    except Exception as exc:  # recorded with its traceback, batch goes on
        logger.exception("unexpected error ingesting %s", origin)
        reason = f"internal error ({type(exc).__name__}): {exc}"
        internal = True
    else:
        return Outcome(
            origin=origin,
            status="ingested" if result.created else "duplicate",
            report_id=result.report.pk,
            incidents=result.report.incidents.count(),
        )
    ingest_failure_record(origin=origin, channel=channel, reason=reason)
    return Outcome(origin=origin, status="failed", reason=reason, internal=internal)
