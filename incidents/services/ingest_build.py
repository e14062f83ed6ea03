"""Unsaved Mention and Incident rows from a report's analysis (ingest and reprocess).

Pure row building plus one lazy read: the Iraq-Syria border line, once per batch.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.gis.geos import Point
from django.utils import timezone

from gazetteer.geoparser.normalize import name_key
from gazetteer.geoparser.resolve.countries import COUNTRY_CODES
from gazetteer.geoparser.types import Toponym
from gazetteer.models import Border
from incidents.extraction.pipeline import ExtractedIncident
from incidents.models import Incident, Mention, Report
from incidents.selectors.review import mention_review_reason

# Resolutions and incidents below this confidence are queued for an analyst's review.
REVIEW_BELOW = 0.5


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


class BorderLine:
    """An event "on the Iraqi-Syrian border" is coded, as ACLED does (precision 3), to a
    point of the border: the middle of the loaded IQ-SY line, read at most once."""

    def __init__(self) -> None:
        self._middle: Point | None = None
        self._read = False

    def point_for(self, phrase: str) -> Point | None:
        if not re.search(r"iraq|syria", phrase, re.IGNORECASE) or _OTHER_NEIGHBOUR.search(phrase):
            return None
        if not self._read:
            border = Border.objects.filter(code="IQ-SY").only("geom").first()
            self._middle = border.geom.interpolate_normalized(0.5) if border else None
            self._read = True
        return self._middle.clone() if self._middle is not None else None


def incidents_build(
    *, report: Report, extracted: list[ExtractedIncident], published: dt.date | None,
    border: BorderLine | None = None,
) -> list[Incident]:
    """Unsaved Incident rows, flagged for review when unlocated, unresolved or unsure.

    A batch passes one `border` for all its reports (the line is then read once).
    """
    border = border or BorderLine()
    incidents = []
    for item in extracted:
        place = item.toponym.place if item.toponym else None
        location = Point(item.lon, item.lat, srid=settings.ATLAS_SRID) if item.lat is not None else None
        estimate = (Point(item.est_lon, item.est_lat, srid=settings.ATLAS_SRID)
                    if item.est_lat is not None and item.est_lon is not None else location)
        on_border = item.toponym is not None and item.toponym.kind == "border"
        if location is None and on_border:
            location = border.point_for(item.toponym.text)
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
