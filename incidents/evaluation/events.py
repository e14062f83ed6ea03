"""Scoring extraction on real coded events: ACLED exports and GTD summaries (pure Python).

Each coded event is a short human-written description with gold coordinates. Rows that
share one description (ACLED splits a note over the places it names) are one document
with several gold events (gold.py). A document goes through the real pipeline; its incidents are
paired one to one with its gold events, nearest point first, and each pair is scored:
found (paired at all), event type and sub-type, exact date, exact fatalities, distance
(acc@5/25/161 km, median), admin1 agreement (the point lies in the gold event's
governorate), and the name-match ceiling (a gazetteer place within 25 km of gold whose
name occurs in the text: what any gazetteer-bound geoparser can reach). The ceiling
counts an administrative area's point too (an OCHA governorate's centroid 20 km from a
village the gazetteer lacks); the point ceiling counts only points (towns, villages,
sites), as ACLED and GTD code an event to a point, never to an area's centroid. A gold
event missed by more than 25 km gets one failure class (``FAILURE_CLASSES``).

Splits are by date, fixed here so anyone reproduces them: tune on the older part, report
the newer (ACLED before/after 2020-01-01, GTD before/after 2014-01-01).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from gazetteer.geoparser.geodesy import haversine_km as distance_km
from gazetteer.geoparser.normalize import name_key
from incidents.evaluation.gold import GoldDocument, GoldEvent
from incidents.extraction.pipeline import ExtractedIncident

ACC_KM = (5.0, 25.0, 161.0)
CEILING_KM = 25.0
# In the order a missed event is tested against them (the first that holds is its class).
FAILURE_CLASSES = (
    ("no_incident", "no incident paired with the gold event"),
    ("not_in_gazetteer", "no gazetteer place within 25 km of gold is named in the text"),
    ("no_location", "an incident without a point, though a place near gold is named"),
    ("outside_container", "placed outside the gold governorate (a namesake, or the wrong place)"),
    ("coarser_fallback", "coded to an area or a container while a nearer place is named"),
    ("wrong_clause", "a place in the right governorate, not the one the event is in"),
)
Analyse = Callable[[str, dt.date | None], list[ExtractedIncident]]
Governorate = Callable[[float, float], str | None]
# 0: no place of the text's names within 25 km of gold; AREA: only an administrative
# area's point; POINT: a town, village or site.
Ceiling = Callable[[str, float, float], int]
AREA, POINT = 1, 2


@dataclass(slots=True)
class EventOutcome:
    """One gold event and what the pipeline made of it."""

    document: GoldDocument
    gold: GoldEvent
    predicted: ExtractedIncident | None
    distance_km: float | None
    same_governorate: bool | None  # None: no point, or gold outside every loaded outline
    nameable: bool  # the name-match ceiling holds
    point_nameable: bool = False  # ... by a point, not an area's centroid
    failure: str = ""
    estimate_km: float | None = None  # from the best estimate (est_lat/est_lon), not the code

    @property
    def found(self) -> bool:
        return self.predicted is not None

    @property
    def located(self) -> bool:
        return self.distance_km is not None


# --- the name-match ceiling ----------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’`ʿ-][^\W_]+)*")
MAX_WORDS = 6


def text_keys(text: str) -> set[str]:
    """name_key of every run of 1-6 words of the text (the names it could be naming)."""
    words = [m.group() for m in _WORD.finditer(text)]
    keys = set()
    for i in range(len(words)):
        for n in range(1, min(MAX_WORDS, len(words) - i) + 1):
            key = name_key(" ".join(words[i:i + n]))
            if key:
                keys.add(key)
    return keys


def ceiling_from(candidates: Callable[[str], Iterable]) -> Ceiling:
    """ceiling(text, lat, lon): POINT when a gazetteer place within CEILING_KM of the point
    that is no administrative area bears a name of the text, AREA when only an area does,
    else 0 (``candidates(key)``: the places of a name key, with lat, lon, feature_class)."""
    cache: dict[str, set[str]] = {}

    def ceiling(text: str, lat: float, lon: float) -> bool:
        keys = cache.get(text)
        if keys is None:
            if len(cache) > 1000:
                cache.clear()
            keys = cache[text] = text_keys(text)
        near = [c for key in keys for c in candidates(key)
                if distance_km(lat, lon, c.lat, c.lon) <= CEILING_KM]
        if not near:
            return 0
        return POINT if any(c.feature_class != "A" for c in near) else AREA

    return ceiling


# --- pairing and scoring -------------------------------------------------------------------


def _km(event: GoldEvent, incident: ExtractedIncident) -> float | None:
    if incident.lat is None or incident.lon is None:
        return None
    return distance_km(event.lat, event.lon, incident.lat, incident.lon)


def _estimate_km(event: GoldEvent, incident: ExtractedIncident | None) -> float | None:
    if incident is None:
        return None
    if incident.est_lat is None or incident.est_lon is None:
        return _km(event, incident)
    return distance_km(event.lat, event.lon, incident.est_lat, incident.est_lon)


def _pair(events: list[GoldEvent], predicted: list[ExtractedIncident]):
    """One-to-one (event, incident, km) pairs, nearest first; located incidents before
    unlocated ones; events left over get None."""
    options = []
    for g, event in enumerate(events):
        for p, incident in enumerate(predicted):
            km = _km(event, incident)
            options.append((math.inf if km is None else km, p, g, km))
    options.sort(key=lambda option: option[:2])
    chosen: dict[int, tuple[ExtractedIncident, float | None]] = {}
    used: set[int] = set()
    for _, p, g, km in options:
        if g not in chosen and p not in used:
            chosen[g] = (predicted[p], km)
            used.add(p)
    return chosen, len(predicted) - len(used)


_COARSE_RELATIONS = frozenset({"within", "region", "part"})


def _coarse(incident: ExtractedIncident) -> bool:
    toponym = incident.toponym
    if incident.geo_precision == 3 or toponym is None:
        return True
    place = toponym.place
    return str(toponym.relation) in _COARSE_RELATIONS or (
        place is not None and place.feature_class == "A")


def _failure(outcome: EventOutcome) -> str:
    if outcome.predicted is None:
        return "no_incident"
    if not outcome.nameable:
        return "not_in_gazetteer"
    if outcome.distance_km is None:
        return "no_location"
    if outcome.same_governorate is False:
        return "outside_container"
    if _coarse(outcome.predicted):
        return "coarser_fallback"
    return "wrong_clause"


@dataclass(slots=True)
class EventScore:
    """Outcomes of one set and split, and the incidents paired with no gold event."""

    outcomes: list[EventOutcome] = field(default_factory=list)
    predicted: int = 0
    extra: int = 0
    documents: int = 0

    def _share(self, values: list[bool]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    def figures(self) -> dict:
        o = self.outcomes
        located = [x for x in o if x.located]
        typed = [x for x in o if x.found and x.gold.event_type]
        sub_typed = [x for x in o if x.found and x.gold.sub_event_type]
        tolled = [x for x in o if x.found and x.gold.fatalities is not None]
        agreeing = [x.same_governorate for x in located if x.same_governorate is not None]
        acc = {f"acc@{km:g}km": self._share([x.located and x.distance_km <= km for x in o])
               for km in ACC_KM}
        ceiling = self._share([x.nameable for x in o])
        point_ceiling = self._share([x.point_nameable for x in o])
        estimated = self._share([x.estimate_km is not None and x.estimate_km <= 25.0 for x in o])
        acc25 = acc["acc@25km"]
        return {
            "documents": self.documents,
            "gold": len(o),
            "predicted": self.predicted,
            "found": self._share([x.found for x in o]),
            "event_type": self._share([x.predicted.event_type == x.gold.event_type for x in typed]),
            "sub_event_type": self._share(
                [x.predicted.sub_event_type == x.gold.sub_event_type for x in sub_typed]),
            "date": self._share([x.predicted.event_date == x.gold.day for x in o if x.found]),
            "fatalities": self._share([x.predicted.fatalities == x.gold.fatalities for x in tolled]),
            **acc,
            "median_km": round(statistics.median([x.distance_km for x in located]), 1)
            if located else None,
            "est acc@25km": estimated,
            "admin1": self._share(agreeing),
            "ceiling@25km": ceiling,
            "acc@25km/ceiling": round(acc25 / ceiling, 4) if acc25 is not None and ceiling else None,
            "point ceiling@25km": point_ceiling,
            "acc@25km/point ceiling": round(acc25 / point_ceiling, 4)
            if acc25 is not None and point_ceiling else None,
            "precision": round((self.predicted - self.extra) / self.predicted, 4)
            if self.predicted else None,
        }

    def failures(self) -> Counter:
        return Counter(x.failure for x in self.outcomes if x.failure)


def score_documents(
    documents: Iterable[GoldDocument], *, analyse: Analyse, governorate: Governorate,
    ceiling: Ceiling,
) -> dict[tuple[str, str], EventScore]:
    """Run the pipeline on every document; scores by (set, split), plus (set, "all")."""
    scores: dict[tuple[str, str], EventScore] = defaultdict(EventScore)
    for document in documents:
        predicted = analyse(document.text, document.published)
        chosen, extra = _pair(document.events, predicted)
        outcomes = []
        for g, event in enumerate(document.events):
            incident, km = chosen.get(g, (None, None))
            gold_area = governorate(event.lat, event.lon)
            same = None
            if km is not None and gold_area is not None:
                same = governorate(incident.lat, incident.lon) == gold_area
            reach = ceiling(document.text, event.lat, event.lon)
            outcome = EventOutcome(document, event, incident, km, same, reach > 0, reach == POINT,
                                   estimate_km=_estimate_km(event, incident))
            if km is None or km > CEILING_KM:
                outcome.failure = _failure(outcome)
            outcomes.append(outcome)
        for key in ((document.set_name, document.split), (document.set_name, "all")):
            score = scores[key]
            score.outcomes.extend(outcomes)
            score.predicted += len(predicted)
            score.extra += extra
            score.documents += 1
    return dict(scores)


def miss_line(outcome: EventOutcome, width: int = 240) -> str:
    """One line of a miss for --misses: gold place, what we coded, the text."""
    gold, incident = outcome.gold, outcome.predicted
    ours = "-"
    if incident is not None:
        point = f"{incident.lat:.3f},{incident.lon:.3f}" if incident.lat is not None else "no point"
        km = f" {outcome.distance_km:.0f} km" if outcome.distance_km is not None else ""
        ours = f"{incident.location_name or '?'} ({point}, p{incident.geo_precision}){km}"
    text = " ".join(outcome.document.text.split())
    if len(text) > width:
        text = text[:width - 1] + "…"
    return (f"{gold.id} {gold.day} gold {gold.location or '?'} ({gold.lat:.3f},{gold.lon:.3f}) "
            f"ours {ours}\n    {text}")


def outcome_json(outcome: EventOutcome) -> dict:
    """One gold event's outcome as a JSON object (--dump): for reading misses in bulk."""
    gold, incident, toponym = outcome.gold, outcome.predicted, None
    if incident is not None and incident.toponym is not None:
        t = incident.toponym
        toponym = {"text": t.text, "kind": str(t.kind), "relation": str(t.relation),
                   "place": t.place.name if t.place else None,
                   "feature_code": t.place.feature_code if t.place else None}
    return {
        "id": gold.id, "set": outcome.document.set_name, "split": outcome.document.split,
        "text": outcome.document.text, "gold": {
            "day": gold.day.isoformat(), "lat": gold.lat, "lon": gold.lon,
            "location": gold.location, "admin1": gold.admin1, "geo_precision": gold.geo_precision,
            "event_type": gold.event_type, "sub_event_type": gold.sub_event_type,
            "fatalities": gold.fatalities},
        "ours": None if incident is None else {
            "day": incident.event_date.isoformat() if incident.event_date else None,
            "lat": incident.lat, "lon": incident.lon, "location": incident.location_name,
            "est_lat": incident.est_lat, "est_lon": incident.est_lon,
            "uncertainty_km": incident.uncertainty_km,
            "geo_precision": incident.geo_precision, "event_type": incident.event_type,
            "sub_event_type": incident.sub_event_type, "fatalities": incident.fatalities,
            "toponym": toponym, "start": incident.start, "end": incident.end},
        "km": None if outcome.distance_km is None else round(outcome.distance_km, 1),
        "estimate_km": None if outcome.estimate_km is None else round(outcome.estimate_km, 1),
        "same_governorate": outcome.same_governorate, "nameable": outcome.nameable,
        "point_nameable": outcome.point_nameable,
        "failure": outcome.failure,
    }


def as_json(scores: dict[tuple[str, str], EventScore]) -> str:
    return json.dumps({f"{s}/{split}": {**score.figures(), "failures": dict(score.failures())}
                       for (s, split), score in sorted(scores.items())}, indent=2)
