"""Incident write operations (services): every change to incident data goes through here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db import transaction
from django.utils import timezone

from gazetteer.geoparser.normalize import name_key
from gazetteer.geoparser.resolve.countries import COUNTRY_CODES
from gazetteer.geoparser.types import Toponym
from gazetteer.models import Alias, Border, Place
from incidents.analysis import report_analyse
from incidents.extract import ExtractedIncident
from incidents.ingest import ReportDocument
from incidents.models import GeocodeChange, Incident, IngestFailure, Mention, Report

# Resolutions and incidents below this confidence are queued for an analyst's review.
REVIEW_BELOW = 0.5

# --- relocation (geocode corrections) -------------------------------------------------

# Points closer than this (degrees, ~1 mm) are the same point: forms round-trip floats.
_SAME_POINT_DEGREES = 1e-8


def _same_location(a: Point | None, b: Point | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a.x - b.x) <= _SAME_POINT_DEGREES and abs(a.y - b.y) <= _SAME_POINT_DEGREES


@transaction.atomic
def incident_relocate(
    *,
    incident: Incident,
    location: Point | None,
    place: Place | None = None,
    geo_precision: int | None = None,
    user,
    reason: str = "",
) -> GeocodeChange | None:
    """Move an incident to a new geocode and record who moved it, from where, and why.

    `location` and `place` are the complete new geocode (None clears them);
    `geo_precision` None keeps the current precision. The update and its GeocodeChange
    audit row are written in one transaction, and the incident becomes "corrected".
    Returns the audit row, or None when nothing changed.
    """
    if location is not None and location.srid is None:
        location = Point(location.x, location.y, srid=4326)
    elif location is not None and location.srid != 4326:
        location = location.transform(4326, clone=True)
    # Old values come from the locked row, not from the caller's (possibly edited) instance.
    current = Incident.objects.select_for_update().get(pk=incident.pk)
    new_precision = current.geo_precision if geo_precision is None else geo_precision
    new_place_id = place.pk if place is not None else None
    if (
        _same_location(current.location, location)
        and current.place_id == new_place_id
        and current.geo_precision == new_precision
    ):
        return None
    change = GeocodeChange.objects.create(
        incident=current,
        changed_by=user if getattr(user, "is_authenticated", False) else None,
        old_location=current.location,
        new_location=location,
        old_place_id=current.place_id,
        new_place=place,
        old_geo_precision=current.geo_precision,
        new_geo_precision=new_precision,
        reason=reason.strip(),
    )
    if place is not None and place.pk != current.place_id and current.location_name:
        _alias_learn(surface=current.location_name, place=place, user=change.changed_by)
    incident.location = location
    incident.place = place
    incident.geo_precision = new_precision
    incident.review_status = Incident.Review.CORRECTED
    incident.save(update_fields=["location", "place", "geo_precision", "review_status", "updated_at"])
    return change


def _alias_learn(*, surface: str, place: Place, user) -> None:
    """An analyst tied this name to this place: the geoparser prefers it from now on."""
    Alias.objects.get_or_create(
        key=name_key(surface), place=place, defaults={"surface": surface[:200], "created_by": user}
    )  # gazetteer_index() sees the new Alias row by its version check and rebuilds


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
    existing = Report.objects.filter(content_hash=digest).first()
    if existing:
        return IngestResult(report=existing, created=False)
    published = document.published_at.date() if document.published_at else None
    analysis = report_analyse(text=document.text, published=published)
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
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
        Incident.objects.bulk_create(new)
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
