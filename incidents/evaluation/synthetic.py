"""Scoring incident extraction against gold files (pure Python, no Django).

Two gold formats are read:

- the synthetic tuning set (JSON lines): one report per line with `text`,
  `published_at` and `incidents`, each gold incident anchored to its sentence by
  `sentence_start`, plus `not_incidents` (background and intent sentences);
- the seed gold (one JSON object): the seed report's incidents without offsets.

A predicted incident matches a gold one when its clause overlaps the gold sentence; the
pairing is one-to-one, preferring the same sub-type, then the nearest point. A gold
incident counts as "found" when it is matched with the right sub-type and located
within `LOCATED_KM` of the gold point, plus the stated distance of a relative location
("15 km south of Mosul" may sit 15 km off the anchor), or at the midpoint of a
"between A and B" location.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.geoparser.geodesy import haversine_km
from incidents.extraction.pipeline import ExtractedIncident
from incidents.extraction.sentences import split_sentences

LOCATED_KM = 5.0
EARTH_KM = 6371.0088

Analyse = Callable[[str, dt.date | None], list[ExtractedIncident]]


class GoldError(ValueError):
    """A gold file that cannot be read; the message says which line and why."""


@dataclass(slots=True)
class GoldReport:
    id: str
    text: str
    published: dt.date | None
    incidents: list[dict]
    not_incidents: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IncidentOutcome:
    """One gold incident and what the pipeline made of it."""

    report_id: str
    gold: dict
    predicted: ExtractedIncident | None
    distance_km: float | None = None

    @property
    def matched(self) -> bool:
        return self.predicted is not None

    @property
    def typed(self) -> bool:
        return self.matched and self.predicted.sub_event_type == self.gold["sub_event_type"]

    @property
    def located(self) -> bool:
        if not self.matched:
            return False
        if self.gold.get("lat") is None:
            return self.predicted.lat is None and bool(self.predicted.location_name)
        return self.distance_km is not None and self.distance_km <= located_tolerance_km(self.gold)

    @property
    def found(self) -> bool:
        """Right sub-type and located: the headline figure."""
        return self.typed and self.located

    @property
    def fatalities_right(self) -> bool:
        return self.matched and self.predicted.fatalities == gold_fatalities(self.gold)

    @property
    def date_right(self) -> bool:
        day = self.gold.get("event_date")
        return (
            self.matched
            and self.predicted.event_date is not None
            and (self.predicted.event_date.isoformat() == day)
        )

    @property
    def time_precision_right(self) -> bool:
        return self.matched and self.predicted.time_precision == self.gold.get("time_precision")

    @property
    def geo_precision_right(self) -> bool:
        return self.matched and self.predicted.geo_precision == self.gold.get("geo_precision")

    @property
    def actor1_right(self) -> bool:
        return self.matched and self.predicted.actor1 == (self.gold.get("actor1") or "")


@dataclass(slots=True)
class ExtractionScore:
    """Totals over a gold set; every share is over the gold incidents unless named."""

    outcomes: list[IncidentOutcome] = field(default_factory=list)
    predicted: int = 0
    unmatched: list[tuple[str, ExtractedIncident]] = field(default_factory=list)
    not_incidents: int = 0
    not_incidents_extracted: list[tuple[str, str]] = field(default_factory=list)
    # Proximity pairing, sentences aside (a news article's incidents as a map shows them):
    # gold incidents with a point, those a predicted incident lies within 25 km of, and
    # predicted incidents with a gold one within 25 km (one to one, nearest first).
    pointed: int = 0
    recalled_25km: int = 0
    precise_25km: int = 0

    @property
    def gold(self) -> int:
        return len(self.outcomes)

    @property
    def recall_25km(self) -> float:
        return self.recalled_25km / self.pointed if self.pointed else 0.0

    @property
    def precision_25km(self) -> float:
        return self.precise_25km / self.predicted if self.predicted else 0.0

    def share(self, attribute: str) -> float:
        if not self.outcomes:
            return 0.0
        return sum(getattr(o, attribute) for o in self.outcomes) / len(self.outcomes)

    @property
    def unmatched_share(self) -> float:
        return len(self.unmatched) / self.predicted if self.predicted else 0.0

    def as_dict(self) -> dict:
        keys = (
            "matched",
            "typed",
            "located",
            "found",
            "fatalities_right",
            "date_right",
            "time_precision_right",
            "geo_precision_right",
            "actor1_right",
        )
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            **{key: round(self.share(key), 4) for key in keys},
            "unmatched": len(self.unmatched),
            "unmatched_share": round(self.unmatched_share, 4),
            "not_incidents": self.not_incidents,
            "not_incidents_extracted": len(self.not_incidents_extracted),
            "recall_25km": round(self.recall_25km, 4),
            "precision_25km": round(self.precision_25km, 4),
        }


def gold_fatalities(gold: dict) -> int | None:
    """The gold toll as the pipeline writes it: "unknown" (or any text) is None."""
    value = gold.get("fatalities")
    return value if isinstance(value, int) else None


def located_tolerance_km(gold: dict) -> float:
    relative = gold.get("relative") or {}
    return LOCATED_KM + float(relative.get("distance_km") or 0)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); well under 0.5% off geodesic at these scales."""
    return haversine_km(lat1, lon1, lat2, lon2, EARTH_KM)


def gold_distance_km(gold: dict, incident: ExtractedIncident) -> float | None:
    """Distance from the predicted point to the gold point (or a "between" midpoint)."""
    if incident.lat is None or incident.lon is None or gold.get("lat") is None:
        return None
    points = [(gold["lat"], gold["lon"])]
    midpoint = (gold.get("relative") or {}).get("midpoint")
    if midpoint:
        points.append(tuple(midpoint))
    return min(distance_km(lat, lon, incident.lat, incident.lon) for lat, lon in points)


# --- reading gold files ------------------------------------------------------------------


def _date(value, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise GoldError(f"{where}: published_at {value!r} is not YYYY-MM-DD") from exc


def gold_reports_load(path: Path) -> list[GoldReport]:
    """Read a synthetic-format gold file (JSON lines); blank lines are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read {path}: {exc}") from exc
    reports = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            doc = json.loads(line)
            report = GoldReport(
                id=str(doc.get("id", number)),
                text=doc["text"],
                published=_date(doc.get("published_at"), where),
                incidents=list(doc["incidents"]),
                not_incidents=list(doc.get("not_incidents") or []),
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise GoldError(f"{where}: not a gold report with 'text' and 'incidents' ({exc})") from exc
        for gold in report.incidents:
            if not isinstance(gold, dict) or "sentence_start" not in gold or "sub_event_type" not in gold:
                raise GoldError(f"{where}: every incident needs sentence_start and sub_event_type")
        reports.append(report)
    return reports


# --- scoring -----------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sentence_span(spans: list[tuple[int, int]], offset: int, text_length: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= offset < end:
            return offset, end
    return offset, min(offset + 1, text_length)


def _pair(
    report_id: str,
    golds: list[dict],
    spans: list[tuple[int, int]],
    text_length: int,
    predicted: list[ExtractedIncident],
) -> tuple[list[IncidentOutcome], list[ExtractedIncident]]:
    """One-to-one pairs of gold and predicted incidents whose sentence and clause overlap."""
    options = []
    for g, gold in enumerate(golds):
        sentence = _sentence_span(spans, gold["sentence_start"], text_length)
        for p, incident in enumerate(predicted):
            if not _overlaps(sentence, (incident.start, incident.end)):
                continue
            km = gold_distance_km(gold, incident)
            same_type = incident.sub_event_type == gold["sub_event_type"]
            options.append((not same_type, km if km is not None else math.inf, g, p, km))
    options.sort(key=lambda option: option[:2])
    outcomes = [IncidentOutcome(report_id, gold, None) for gold in golds]
    used: set[int] = set()
    for _, _, g, p, km in options:
        if outcomes[g].predicted is None and p not in used:
            outcomes[g].predicted, outcomes[g].distance_km = predicted[p], km
            used.add(p)
    return outcomes, [incident for p, incident in enumerate(predicted) if p not in used]


PROXIMITY_KM = 25.0


def _pairs_within(golds: list[dict], predicted: list[ExtractedIncident], km: float) -> int:
    """How many one-to-one (gold, predicted) pairs lie within ``km`` of each other, nearest
    first, whatever sentence each is in."""
    options = sorted(
        (d, g, p) for g, gold in enumerate(golds) for p, incident in enumerate(predicted)
        if (d := gold_distance_km(gold, incident)) is not None and d <= km)
    used_g, used_p = set(), set()
    for _, g, p in options:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
    return len(used_g)


def report_score(report: GoldReport, predicted: list[ExtractedIncident], score: ExtractionScore) -> None:
    """Add one report's outcomes to `score`."""
    spans = split_sentences(report.text)
    outcomes, unmatched = _pair(report.id, report.incidents, spans, len(report.text), predicted)
    score.outcomes.extend(outcomes)
    score.predicted += len(predicted)
    score.unmatched.extend((report.id, incident) for incident in unmatched)
    near = _pairs_within(report.incidents, predicted, PROXIMITY_KM)
    score.pointed += sum(1 for gold in report.incidents if gold.get("lat") is not None)
    score.recalled_25km += near
    score.precise_25km += near
    for sentence in report.not_incidents:
        score.not_incidents += 1
        start = report.text.find(sentence)
        if start == -1:
            continue  # a gold sentence that is not in the text cannot be extracted
        span = (start, start + len(sentence))
        if any(_overlaps(span, (i.start, i.end)) for i in predicted):
            score.not_incidents_extracted.append((report.id, sentence))


def extraction_score(*, reports: Iterable[GoldReport], analyse: Analyse) -> ExtractionScore:
    """Run `analyse(text, published)` on every gold report and score its incidents."""
    score = ExtractionScore()
    for report in reports:
        report_score(report, analyse(report.text, report.published), score)
    return score


# --- the seed report ---------------------------------------------------------------------


@dataclass(slots=True)
class SeedOutcome:
    gold: dict
    predicted: ExtractedIncident | None
    distance_km: float | None = None

    @property
    def typed(self) -> bool:
        return self.predicted is not None and (
            (self.predicted.event_type, self.predicted.sub_event_type)
            == (self.gold["event_type"], self.gold["sub_event_type"])
        )

    @property
    def geo_precision_right(self) -> bool:
        return self.predicted is not None and self.predicted.geo_precision == self.gold["geo_precision"]

    @property
    def located(self) -> bool:
        if self.predicted is None:
            return False
        if self.gold.get("lat") is None:
            return self.predicted.lat is None and bool(self.predicted.location_name)
        return self.distance_km is not None and self.distance_km <= located_tolerance_km(self.gold)


@dataclass(slots=True)
class SeedScore:
    outcomes: list[SeedOutcome]
    extra: list[ExtractedIncident]

    def as_dict(self) -> dict:
        return {
            "gold": len(self.outcomes),
            "typed": sum(o.typed for o in self.outcomes),
            "geo_precision_right": sum(o.geo_precision_right for o in self.outcomes),
            "located": sum(o.located for o in self.outcomes),
            "extra": len(self.extra),
        }


def seed_gold_load(path: Path) -> list[dict]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        incidents = list(doc["incidents"])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise GoldError(f"cannot read seed gold {path}: {exc}") from exc
    return incidents


def seed_score(*, gold: list[dict], predicted: list[ExtractedIncident]) -> SeedScore:
    """Pair the seed's gold incidents (no offsets) with predictions by type, then distance.

    Gold in a place no gazetteer has (lat None, e.g. a border) pairs with a prediction
    that has a location name but no point.
    """
    options = []
    for g, item in enumerate(gold):
        for p, incident in enumerate(predicted):
            if incident.sub_event_type != item["sub_event_type"]:
                continue
            km = gold_distance_km(item, incident)
            if item.get("lat") is None:
                rank = 0.0 if incident.lat is None else math.inf
            else:
                rank = km if km is not None else 1e6  # unlocated beats a wrong point
            options.append((rank, g, p, km))
    options.sort(key=lambda option: option[0])
    outcomes = [SeedOutcome(item, None) for item in gold]
    used: set[int] = set()
    for _, g, p, km in options:
        if outcomes[g].predicted is None and p not in used:
            outcomes[g].predicted, outcomes[g].distance_km = predicted[p], km
            used.add(p)
    return SeedScore(outcomes, [incident for p, incident in enumerate(predicted) if p not in used])
