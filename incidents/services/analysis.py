"""One report text -> toponyms and incidents; reads the gazetteer, writes nothing else.

Shared by ingest (which stores the result) and the `geoparse` command (which prints it),
so both always agree. A batch of reports reads what they share (the gazetteer index, the
analysts' actor names, whether geocoder answers are cached) once, as an `AnalysisContext`.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from gazetteer.geocoder import toponyms_geocode_unresolved
from gazetteer.geoparser import GazetteerIndex, geoparse, name_key
from gazetteer.geoparser.types import Toponym
from gazetteer.index import gazetteer_index
from gazetteer.models import GeocodeCache
from incidents.extraction.actors import ActorEntry, actor_countries
from incidents.extraction.pipeline import ExtractedIncident, extract_incidents
from incidents.selectors.actors import extra_actors


@dataclass(slots=True)
class Analysis:
    toponyms: list[Toponym]
    incidents: list[ExtractedIncident]


@dataclass(frozen=True, slots=True)
class AnalysisContext:
    """What every report of a batch reads alike; three queries instead of three per report."""

    index: GazetteerIndex
    actors: tuple[ActorEntry, ...]
    geocoder: bool  # ask the geocoder fallback (online, or answers are cached)


def analysis_context() -> AnalysisContext:
    """The gazetteer index (rebuilt if stale), the analysts' actor names, the geocoder switch."""
    return AnalysisContext(
        index=gazetteer_index(),
        actors=extra_actors(),
        geocoder=settings.ATLAS_GEOCODER_ONLINE or GeocodeCache.objects.exists(),
    )


def report_analyse(*, text: str, published: dt.date | None,
                   context: AnalysisContext | None = None) -> Analysis:
    """Geoparse the text against the loaded gazetteer, then extract its incidents.

    `context` is read afresh when not given (one report); a batch passes its own.
    """
    context = context or analysis_context()
    index = context.index
    countries = actor_countries(text, extra=context.actors)
    toponyms = geoparse(text, index, countries)
    index, toponyms = _with_learned_aliases(text, index, toponyms, countries)
    if context.geocoder:
        # Names the gazetteer lacks: cached answers of the online geocoder (asked when on).
        toponyms = toponyms_geocode_unresolved(toponyms=toponyms)
    incidents = extract_incidents(text, published=published, toponyms=toponyms,
                                  extra_actors=context.actors, seats=index.capital,
                                  areas=index.areas)
    return Analysis(toponyms=toponyms, incidents=incidents)


def _with_learned_aliases(text: str, index, toponyms: list[Toponym], countries: dict[str, int]):
    """Parse again when the text names an alias an analyst learned in a governorate the
    report is about (the governorates of its other resolved places): that alias wins."""
    scoped = getattr(index, "scoped_aliases", None)
    if not scoped:
        return index, toponyms
    keys = {name_key(t.text) for t in toponyms} & scoped.keys()
    if not keys:
        return index, toponyms
    governorates = {t.place.admin1 for t in toponyms
                    if t.place is not None and t.place.admin1 and name_key(t.text) not in keys}
    view = index.in_context(keys=keys, governorates=governorates)
    if view is None:
        return index, toponyms
    return view, geoparse(text, view, countries)


def analysis_as_json(*, doc_id, analysis: Analysis) -> dict:
    """The `geoparse` command's stable JSON contract for one document."""
    return {
        "id": doc_id,
        "toponyms": [_toponym_json(t) for t in analysis.toponyms if t.kind != "organisation"],
        "incidents": [_incident_json(i) for i in analysis.incidents],
    }


def _toponym_json(toponym: Toponym) -> dict:
    place = toponym.place
    return {
        "start": toponym.start,
        "end": toponym.end,
        "text": toponym.text,
        "place_id": place.place_id if place else None,
        "name": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "feature_code": place.feature_code if place else None,
        "country": place.country if place else None,
        "confidence": round(toponym.confidence, 3),
    }


def _incident_json(incident: ExtractedIncident) -> dict:
    return {
        "start": incident.start,
        "end": incident.end,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "event_date": incident.event_date.isoformat() if incident.event_date else None,
        "time_precision": incident.time_precision,
        "location": incident.location_name or None,
        "lat": incident.lat,
        "lon": incident.lon,
        "geo_precision": incident.geo_precision,
        # The best estimate beside the coded point (new keys; the ones above keep their meaning).
        "est_lat": incident.est_lat,
        "est_lon": incident.est_lon,
        "uncertainty_km": incident.uncertainty_km,
        "confidence": round(incident.confidence, 3),
    }
