"""Score the geoparser against gold files: recognition P/R/F1, accuracy within k km.

Pure Python: the gold readers take paths, the scorer takes a GazetteerIndex and an
``in_scope(lat, lon)`` test (the management command builds it from the loaded Iraq
and Syria outlines). Every figure comes with the same figures for a most-populous-
candidate baseline computed in the same run, over the same recognised toponyms.

Gold categories (``GoldToponym.category``):

- ``location``: a place whose gold point lies in Iraq or Syria. Scored.
- ``demonym``: "Syrian", "Iraqi", "Kurdish"... Country context for the resolver, never
  an incident location: not scored, a prediction on it is neither right nor wrong.
- ``region``: supranational regions without a point ("Middle East"). Not scored.
- ``neighbour``: a place outside Iraq/Syria (Lebanon, Beirut, Amman, Kermanshah).
  Reported separately (the gazetteer only covers Iraq and Syria).
"""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import vocab as lx
from .geodesy import haversine_km
from .normalize import name_key
from .recognize import GazetteerIndex, recognize
from .resolve import REGION_POINTS
from .types import Kind, Relation, Toponym
from .vocab import patterns as pt

InScope = Callable[[float, float], bool]
KM = (5, 25, 161)
LOCATION_KINDS = frozenset({Kind.PLACE, Kind.COUNTRY, Kind.REGION})
_DEMONYM_KEYS = frozenset(name_key(w) for w in lx.DEMONYMS)
_COUNTRY_KEYS = frozenset(name_key(w) for w in lx.COUNTRIES)
PLACES_ONLY = "location-no-countries"  # evaluate() category: locations minus country names
_POINTLESS_REGION_KEYS = frozenset(name_key(w) for w, cc in lx.REGIONS.items() if not cc)


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and the line."""


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    category: str = "location"


@dataclass(slots=True)
class GoldDoc:
    doc_id: str
    text: str
    toponyms: list[GoldToponym]


# ---------------------------------------------------------------- gold readers

def _category(phrase: str, lat, lon, in_scope: InScope) -> str:
    key = name_key(phrase)
    if key in _DEMONYM_KEYS:
        return Kind.DEMONYM.value
    if key in _POINTLESS_REGION_KEYS or lat is None:
        return Kind.REGION.value
    if in_scope(lat, lon):
        return "location"
    # The corpora were cut by this box: what else lies in it is the neighbourhood.
    return "neighbour" if 29 <= lat <= 37.6 and 35.5 <= lon <= 48.8 else "other"


def _realign(text: str, phrase: str, start: int, used: set[int]) -> int | None:
    """The occurrence of phrase nearest to a stated (wrong) offset, not used yet."""
    spots = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]
    spots = [s for s in spots if s not in used] or spots
    return min(spots, key=lambda s: abs(s - start)) if spots else None


def corpora_load(path: Path, *, in_scope: InScope) -> list[GoldDoc]:
    """The geoparsing corpora JSONL (one article a line, gold toponyms with offsets).

    Offsets that do not match the phrase (GeoVirus) are moved to the nearest
    occurrence of the phrase; a phrase absent from the text is dropped.
    """
    docs = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, gold = row["text"], row["toponyms"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise GoldError(f"{path}:{number}: not a corpus article ({exc})") from exc
            used: set[int] = set()
            toponyms = []
            for t in sorted(gold, key=lambda g: g["start"]):
                start = t["start"]
                if text[start:t["end"]] != t["phrase"]:
                    start = _realign(text, t["phrase"], start, used)
                    if start is None:
                        continue
                used.add(start)
                lat, lon = t.get("lat"), t.get("lon")
                lat = float(lat) if lat is not None else None
                lon = float(lon) if lon is not None else None
                toponyms.append(GoldToponym(start, start + len(t["phrase"]), t["phrase"], lat, lon,
                                            _category(t["phrase"], lat, lon, in_scope)))
            docs.append(GoldDoc(f"{row.get('corpus', '')}/{row.get('id') or number}", text, toponyms))
    return docs


# "Al Fallūjah town", "Sinjār district": GeoNames-style name plus a UCDP type word.
_UCDP_TYPE = re.compile(rf"\s+{pt.group(lx.UCDP_TYPE_WORDS, pt.SPACES)}$", re.I)


def ucdp_load(path: Path, *, max_prec: int = 7) -> list[GoldDoc]:
    """UCDP GED rows whose where_coordinates place name appears in the source_headline.

    Row 2 (HXL tags) is skipped. A headline with several sources (";"-joined) is one
    document. The gold span is the name's first whole-word match, case-insensitive,
    with diacritics and the UCDP type word ("town") removed, or the same folded
    name_key; rows vaguer than ``max_prec`` (ADM1 and above) are not point locations.
    """
    docs = []
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if (row.get("year") or "").startswith("#"):
                continue  # the HXL tag row
            headline = (row.get("source_headline") or "").strip()
            place = (row.get("where_coordinates") or "").strip()
            if not headline or not place:
                continue
            try:
                prec = int(row["where_prec"])
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (KeyError, ValueError) as exc:
                raise GoldError(f"{path}:{number}: bad where_prec/latitude/longitude ({exc})") from exc
            if prec > max_prec:
                continue
            span = _find_name(headline, _UCDP_TYPE.sub("", place))
            if span is None:
                continue
            gold = GoldToponym(span[0], span[1], headline[span[0]:span[1]], lat, lon)
            docs.append(GoldDoc(f"ucdp/{row.get('id') or number}", headline, [gold]))
    return docs


_MIXED = re.compile(r"[\u0600-\u06ff]")
_MIXED_LATIN = re.compile(r"[A-Za-z]")


def _find_name(text: str, name: str) -> tuple[int, int] | None:
    """Where a gazetteer-spelled name occurs in text, compared by name_key per word run."""
    key = name_key(name)
    if not key:
        return None
    words = [m.span() for m in re.finditer(r"[^\W_][\w'’‘ʿ-]*", text)]
    width = len(name.split())
    for size in sorted({width, width + 1, max(1, width - 1), 1}, reverse=True):
        for i in range(len(words) - size + 1):
            start, end = words[i][0], words[i + size - 1][1]
            if _MIXED.search(text[start:end]) and _MIXED_LATIN.search(text[start:end]):
                continue  # "الموصل Tal-Afar": an Arabic word beside the Latin name
            if name_key(text[start:end]) == key:
                return start, end
    return None


def seed_load(path: Path) -> list[GoldDoc]:
    """seed_gold.json: gold toponyms (surface, lat/lon) of one report, located by surface."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        report = (Path(path).parent / gold["report"]).resolve()
        text = report.read_text(encoding="utf-8")
    except (OSError, json.JSONDecodeError, KeyError) as exc:
        raise GoldError(f"{path}: cannot read the seed gold or its report ({exc})") from exc
    toponyms = []
    for t in gold["toponyms"]:
        m = re.search(rf"(?<!\w){re.escape(t['surface'])}(?!\w)", text)
        if m is None:
            raise GoldError(f"{path}: gold surface {t['surface']!r} is not in {report}")
        # Gold without coordinates (borders, organisation names, unknown villages) is
        # neutral: finding it is neither a hit nor a false positive.
        category = "location" if t.get("lat") is not None else "unlocated"
        toponyms.append(GoldToponym(m.start(), m.end(), t["surface"], t.get("lat"), t.get("lon"),
                                    category))
    return [GoldDoc(report.name, text, toponyms)]


# ---------------------------------------------------------------- scoring

@dataclass(slots=True)
class Scores:
    """Recognition and resolution figures of one system over one gold set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_counted: bool = True  # False where the gold does not list every toponym (UCDP)
    errors_km: list[float] = field(default_factory=list)  # per recognised gold toponym
    misses: list[tuple[str, str, float]] = field(default_factory=list)  # doc, phrase, km

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, km: float) -> float:
        """Share of recognised gold toponyms placed within km (unplaced = wrong)."""
        return sum(e <= km for e in self.errors_km) / len(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else math.inf

    def as_dict(self) -> dict:
        counted = self.fp_counted
        out = {"gold": self.tp + self.fn, "recognised": self.tp,
               "false_positives": self.fp if counted else None,
               "precision": self.precision if counted else None, "recall": self.recall,
               "f1": self.f1 if counted else None, "median_km": self.median_km}
        out.update({f"acc@{k}km": self.accuracy(k) for k in KM})
        out["misses@25km"] = sum(not e <= 25 for e in self.errors_km)
        return out


def population_pick(toponym: Toponym, index: GazetteerIndex) -> tuple[float, float] | None:
    """The baseline: the most populous candidate (ties: lowest id); a country or region
    without candidates gets the same lexicon point as ours, so only places differ."""
    if toponym.candidates and toponym.kind != "country":
        best = max(toponym.candidates, key=lambda cs: (cs[0].population, -cs[0].place_id))[0]
        return best.lat, best.lon
    key = name_key(toponym.text)
    if toponym.kind == "country":
        code = (index.kind(key) or ("", ""))[1]
        return lx.COUNTRY_POINTS.get(code)
    return REGION_POINTS.get(key)


def _point_for(g: GoldToponym, hit: Toponym) -> tuple[float, float] | None:
    """The point scored against a gold toponym: the named place's, or the compass part's
    when the gold span takes in the compass words ("northern Iraq", not just "Iraq")."""
    if hit.relation == Relation.PART and g.start < hit.start and hit.event_lat is not None:
        return hit.event_lat, hit.event_lon
    return hit.point


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def _predicted_in_scope(t: Toponym, in_scope: InScope) -> bool:
    point = t.point
    if point is None:
        return t.kind == Kind.PLACE  # an unresolved name is claimed as a local place
    return in_scope(*point)


def evaluate(docs: Iterable[GoldDoc], index: GazetteerIndex, *, in_scope: InScope,
             geoparse: Callable[[str, GazetteerIndex], list[Toponym]],
             category: str = "location", count_fp: bool = True) -> dict[str, Scores]:
    """{"ours": Scores, "population": Scores} of one gold category over the documents.

    A gold toponym is recognised when a predicted location toponym overlaps it.
    False positives are predicted toponyms placed in scope (or unplaced) that overlap
    no gold toponym at all; those overlapping gold of another category are neutral.
    ``count_fp=False`` when the gold lists one toponym per text (UCDP headlines).
    """
    ours, base = Scores(fp_counted=count_fp), Scores(fp_counted=count_fp)
    for doc in docs:
        predicted = [t for t in geoparse(doc.text, index) if t.kind in LOCATION_KINDS]
        baseline = {(t.start, t.end): population_pick(t, index)
                    for t in recognize(doc.text, index) if t.kind in LOCATION_KINDS}
        gold = [g for g in doc.toponyms if g.category == category or (
            category == PLACES_ONLY and g.category == "location"
            and name_key(g.phrase) not in _COUNTRY_KEYS)]
        for g in gold:
            hit = next((t for t in predicted if _overlap(g.start, g.end, t.start, t.end)), None)
            if hit is None:
                ours.fn += 1
                base.fn += 1
                ours.misses.append((doc.doc_id, f"FN {g.phrase}", math.nan))
                continue
            ours.tp += 1
            base.tp += 1
            for scores, point in ((ours, _point_for(g, hit)), (base, baseline.get((hit.start, hit.end)))):
                km = haversine_km(g.lat, g.lon, *point) if point else math.inf
                scores.errors_km.append(km)
                scores.misses.append((doc.doc_id, g.phrase, km))
        for t in predicted:
            if count_fp and category in ("location", PLACES_ONLY) and _predicted_in_scope(
                    t, in_scope) and not any(_overlap(g.start, g.end, t.start, t.end)
                                             for g in doc.toponyms):
                ours.fp += 1
                base.fp += 1
                ours.misses.append((doc.doc_id, f"FP {t.text}", math.nan))
    return {"ours": ours, "population": base}
