"""Incident extraction v0: report text + geoparsed toponyms -> ACLED-style incidents.

Pure Python (no Django): sentences are split, each clause that reports an event is
typed by keyword rules, dated relative to publication, located at its best toponym
and given actors and a fatality count. The pieces live in `incidents.extraction`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from gazetteer.geoparser.areagrid import AreaGrid
from gazetteer.geoparser.types import Kind, Toponym
from gazetteer.geoparser.vocab import COUNTRY_NAMES
from incidents.extraction.actors import (
    ActorEntry,
)
from incidents.extraction.dates import DateCue, date_cue, is_background
from incidents.extraction.events import (
    EventMatch,
    classify,
    fatalities,
    is_intention,
    is_running_total,
)
from incidents.extraction.lists import listed_locations
from incidents.extraction.locate import Location, Seats, in_span, locate
from incidents.extraction.roles import actors, coding_by_actor
from incidents.extraction.sentences import paragraph_index, split_clauses, split_sentences
from incidents.extraction.taxonomy import (
    GEO_REGION,
    PROTESTS,
    STRATEGIC,
    TIME_MONTH,
    TIME_WEEK,
)

__all__ = ["ExtractedIncident", "extract_incidents", "split_sentences"]

# A dated statement older than this, counted back from the report's newest event, is
# history, not news ("in December 2017").
BACKGROUND_AGE = timedelta(days=60)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", re.IGNORECASE)
_FOLLOW_UP = re.compile(
    r"\bthe\s+(?:suspects?|attackers?|assailants?|bombers?|men|victims?|militants|gunmen|strikes?"
    r"|attack|blast|device|explosion|raids?|fighting|hostages?|captives?|abductees?)\b", re.IGNORECASE)
_DEFINITE_TRIGGER = re.compile(r"\b(?:the|this|that|such)\s+(?:\w+\s+)?$", re.IGNORECASE)
# An outcome of an act already told: "a passer-by was also injured in the strike".
_OF_THE_EVENT = re.compile(
    r"\b(?:in|by|during|from|after|across)\s+(?:the|this|that|these|those|both|all)\s+(?:\w+\s+)?"
    r"(?:strikes?|attacks?|blasts?"
    r"|explosions?|bombings?|clashes|shelling|raids?|fighting|ambush|incident|assault|operation)\b",
    re.IGNORECASE)


@dataclass
class ExtractedIncident:
    """One event found in a report, coded with the ACLED vocabulary."""

    start: int
    end: int
    summary: str
    event_type: str
    sub_event_type: str
    event_date: date | None
    time_precision: int
    actor1: str
    actor2: str
    fatalities: int | None
    toponym: Toponym | None
    location_name: str
    lat: float | None
    lon: float | None
    geo_precision: int
    confidence: float
    # The best estimate of where it happened and its radius, beside the ACLED-style coded
    # point above (a displaced "30 km east of X", a governorate's outline).
    est_lat: float | None = None
    est_lon: float | None = None
    uncertainty_km: float | None = None


def _event_groups(text: str, start: int, end: int, toponyms: list[Toponym]):
    """Clauses of one sentence that each carry an event and a place of their own;
    other clauses stay glued to their neighbour."""
    groups: list[list[int]] = []
    for c_start, c_end in split_clauses(text, start, end):
        clause = text[c_start:c_end]
        standalone = classify(clause) is not None and bool(in_span(toponyms, c_start, c_end))
        if groups and not (standalone and groups[-1][2]):
            groups[-1][1] = c_end
            groups[-1][2] = groups[-1][2] or standalone
        else:
            groups.append([c_start, c_end, standalone])
    return [(g_start, g_end) for g_start, g_end, _ in groups]


def _document_country(toponyms: list[Toponym]) -> str:
    counts = Counter(t.place.country for t in toponyms if t.place and t.place.country)
    return COUNTRY_NAMES.get(counts.most_common(1)[0][0], "") if counts else ""


def _fatalities(clause: str, next_sentence: str, event: EventMatch) -> int | None:
    deaths = fatalities(clause, next_sentence)
    # "arrested 12 people suspected of the killings": a vague death word in a
    # non-violent event is about something else.
    if deaths is None and event.event_type in (STRATEGIC, PROTESTS):
        return 0
    return deaths


def _share(deaths: int | None, parts: int, n: int) -> int | None:
    """The ``n``-th of ``parts`` shares of a toll spread over several places, as ACLED
    codes it (the remainder to the first)."""
    if deaths is None or parts == 1:
        return deaths
    return deaths // parts + (deaths % parts if n == 0 else 0)


def _is_repeat(
    clause: str, event: EventMatch, incidents: list[ExtractedIncident], *,
    has_place: bool, dated: bool,
) -> bool:
    """A further detail of an incident already reported ("the attackers exchanged fire
    with the defenders", "did not mention the ambush")."""
    if not incidents:
        return False
    kind = (event.event_type, event.sub_event_type)
    previous = incidents[-1]
    lead = clause[: event.start]
    if (previous.event_type, previous.sub_event_type) == kind and not has_place and (
        not dated or _FOLLOW_UP.search(lead)
    ):
        return True
    if (event.outcome or _PASSIVE_BEFORE.search(lead)) and _OF_THE_EVENT.search(clause):
        return True  # "a passer-by was injured in the strike", "five were also abducted in the attack"
    if event.outcome and not has_place and not dated:
        return True  # "At least five people were killed.": the toll of the event just told
    if _FOLLOW_UP.search(lead) and not has_place and not dated:
        return True  # "the assailant targeted Colonel X": who the told attack fell on
    # "the attack", "the raids": an act the report has told already (a verb after "the
    # army" is no such reference: "the army arrested").
    return event.nominal and bool(_DEFINITE_TRIGGER.search(lead))


def _is_old(cue: DateCue | None, now: date | None) -> bool:
    # now - cue, not cue < now - age: the subtraction of an age overflows near 0001-01-01.
    return cue is not None and now is not None and now - cue.day > BACKGROUND_AGE


def _newest_event_day(text: str, spans: list[tuple[int, int]], published: date | None) -> date | None:
    """The report's "now" for telling news from history: the newest day it dates an event
    to (a note published long after the event it reports is still news of that event),
    else the publication date."""
    days, last = [], None
    for start, end in spans:
        cue = date_cue(text[start:end], published=published, previous=last)
        if cue is not None:
            days.append(cue.day)
            last = cue
    return max(days) if days else published


def _confidence(location: Location | None, cue: DateCue | None, actor1: str) -> float:
    score = 0.4
    if location is not None:
        score += 0.3 if location.lat is not None else 0.15
    if cue is not None:
        score += 0.15
    if actor1:
        score += 0.15
    return round(min(score, 1.0), 2)


def extract_incidents(
    text: str,
    *,
    published: date | None,
    toponyms: list[Toponym],
    extra_actors: tuple[ActorEntry, ...] = (),
    seats: Seats | None = None,
    areas: AreaGrid | None = None,
) -> list[ExtractedIncident]:
    """Incidents reported in `text`, in text order (one per event-bearing clause).

    `seats` gives a governorate's capital (the gazetteer index's ``capital``): an event
    placed only in a governorate is coded to it, as ACLED does; `areas` (the index's
    raster of the governorate outlines) keeps a countryside's point in its governorate.
    `toponyms` are the geoparser's findings for the same `text` (offsets into it);
    `extra_actors` are dictionary entries added by analysts.
    Background, intentions and boilerplate give no incident; an incident no place can
    be found for is kept with no location rather than dropped.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    spans = split_sentences(text)
    paragraphs = paragraph_index(text, spans)
    doc_country = _document_country(toponyms)
    incidents: list[ExtractedIncident] = []
    last_cue: DateCue | None = None
    undated: set[int] = set()  # starts of incidents whose sentence states no date
    now = _newest_event_day(text, spans, published)
    for index, (s_start, s_end) in enumerate(spans):
        sentence = text[s_start:s_end]
        cue = date_cue(sentence, published=published, previous=last_cue)
        background = is_background(sentence, published=now) and (
            cue is None or cue.precision == TIME_MONTH or _is_old(cue, now))
        if background or _is_old(cue, now):
            continue
        same_paragraph = index > 0 and paragraphs[index - 1] == paragraphs[index]
        previous_span = spans[index - 1] if same_paragraph else None
        next_sentence = text[slice(*spans[index + 1])] if index + 1 < len(spans) else ""
        for c_start, c_end in _event_groups(text, s_start, s_end, toponyms):
            clause = text[c_start:c_end]
            event = classify(clause)
            if event is None or is_intention(clause, event) or is_running_total(clause):
                continue
            # A named region is context ("attacks in the Nineveh Plains"), not a new scene.
            has_place = any(t.kind != Kind.REGION for t in in_span(toponyms, c_start, c_end))
            if _is_repeat(clause, event, incidents, has_place=has_place, dated=cue is not None):
                continue
            previous = incidents[-1] if incidents else None
            previous_location = None
            if previous is not None and (previous.toponym or previous.lat is not None):
                previous_location = Location(previous.toponym, previous.location_name,
                                             previous.lat, previous.lon, previous.geo_precision,
                                             previous.est_lat, previous.est_lon, previous.uncertainty_km)
            location = locate(text, span=(c_start, c_end), toponyms=toponyms,
                              previous_span=previous_span, previous_location=previous_location,
                              seats=seats, areas=areas)
            day_cue = cue or last_cue
            if cue is None:
                undated.add(c_start)
            if day_cue is not None:
                event_date, time_precision = day_cue.day, day_cue.precision
            else:
                event_date, time_precision = published, TIME_WEEK
            place = location.toponym.place if location and location.toponym else None
            country = COUNTRY_NAMES.get(place.country, "") if place else doc_country
            inherited = previous.actor1 if previous and previous.event_type == event.event_type \
                else ""
            actor1, actor2 = actors(clause, event, country or doc_country, inherited, extra_actors)
            event_type, sub_event_type = coding_by_actor(clause, event, actor1)
            # "Clashes in A, B and C": one incident at each place, the toll shared among them.
            places = [location, *listed_locations(text, (c_start, c_end), toponyms, location,
                                                  seats, areas)] if location else [None]
            deaths = _fatalities(clause, next_sentence, event)
            for n, where in enumerate(places):
                incidents.append(ExtractedIncident(
                    start=c_start,
                    end=c_end,
                    summary=" ".join(clause.split()),
                    event_type=event_type,
                    sub_event_type=sub_event_type,
                    event_date=event_date,
                    time_precision=time_precision,
                    actor1=actor1,
                    actor2=actor2,
                    fatalities=_share(deaths, len(places), n),
                    toponym=where.toponym if where else None,
                    location_name=where.name if where else "",
                    lat=where.lat if where else None,
                    lon=where.lon if where else None,
                    geo_precision=where.precision if where else GEO_REGION,
                    confidence=_confidence(where, cue, actor1),
                    est_lat=where.est_lat if where else None,
                    est_lon=where.est_lon if where else None,
                    uncertainty_km=where.uncertainty_km if where else None,
                ))
        if cue is not None:
            last_cue = cue
    headline_end = spans[0][1] if spans and _is_headline(text, spans[0]) else -1
    return _drop_repeats(incidents, undated, headline_end)


def _is_headline(text: str, span: tuple[int, int]) -> bool:
    """A first line without final punctuation, followed by more text: the title."""
    start, end = span
    line_end = text.find("\n", start)
    return (line_end != -1 and end <= line_end and text[end - 1] not in ".!?\"”'’"
            and bool(text[line_end:].strip()))


def _drop_repeats(
    incidents: list[ExtractedIncident], undated: set[int], headline_end: int
) -> list[ExtractedIncident]:
    """The headline repeats a body event, and a sentence without place or date may only
    repeat one: keep the body's fuller version."""
    kinds = Counter((i.event_type, i.sub_event_type) for i in incidents)
    located = {(i.event_type, i.sub_event_type) for i in incidents if i.location_name}
    kept = []
    for incident in incidents:
        kind = (incident.event_type, incident.sub_event_type)
        if incident.end <= headline_end and kinds[kind] > 1:
            kinds[kind] -= 1
            continue
        if not incident.location_name and incident.start in undated and kind in located:
            continue
        kept.append(incident)
    return kept
