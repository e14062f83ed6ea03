"""`manage.py events_eval [FILE ...]`: extraction scored on real coded events (ACLED, GTD).

Every description goes through the real pipeline (the loaded gazetteer, the geoparser,
extraction). With no files, the dev sets under ../shared/data/eval/dev are read (the
command says so and stops when that folder is absent). A file is read as an ACLED
export when it has a `notes` column, else as GTD summaries. Figures are printed per set
and date split (incidents/evaluation/events.py: SPLITS), then the failure classes of the
events missed by more than 25 km; ``--misses N`` prints N examples of each class.
"""

from __future__ import annotations

import datetime as dt
import random
from json import dumps
from pathlib import Path

import shapely
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gazetteer.index import gazetteer_index
from gazetteer.models import AdminArea
from incidents.evaluation.events import (
    FAILURE_CLASSES,
    as_json,
    ceiling_from,
    miss_line,
    outcome_json,
    score_documents,
)
from incidents.evaluation.gold import EventGoldError, GoldDocument, documents_load
from incidents.services.analysis import report_analyse

DEV = Path(settings.BASE_DIR).parent / "shared" / "data" / "eval" / "dev"
DEFAULT_FILES = ("acled_syria_battles_2017-2023.csv", "gtd_iraq_2012-2014.csv")
COLUMNS = ("documents", "gold", "found", "event_type", "sub_event_type", "date", "fatalities",
           "acc@5km", "acc@25km", "acc@161km", "median_km", "est acc@25km", "admin1", "ceiling@25km",
           "acc@25km/ceiling", "point ceiling@25km", "acc@25km/point ceiling", "precision")


# Outlines are generalised: a border town's point can lie a few hundred metres outside
# its country's line (GeoNames' Ras al-Ain is 0.4 km from ACLED's, across OCHA's border).
BORDER_TOLERANCE_DEG = 0.02  # about 2 km


def governorate_lookup():
    """governorate(lat, lon) -> the P-code of the loaded ADM1 outline holding the point, or
    of the nearest one within BORDER_TOLERANCE_DEG of a point outside every outline."""
    areas = list(AdminArea.objects.filter(level=1).values_list("pcode", "geom"))
    if not areas:
        raise CommandError("no governorate outlines loaded (admin level 1): run "
                           "gazetteer_load_boundaries on the COD-AB folders first")
    codes = [pcode for pcode, _ in areas]
    tree = shapely.STRtree([shapely.from_wkb(bytes(geom.wkb)) for _, geom in areas])
    cache: dict[tuple[float, float], str | None] = {}

    def governorate(lat: float, lon: float) -> str | None:
        key = (round(lat, 5), round(lon, 5))
        if key not in cache:
            point = shapely.Point(lon, lat)
            hits = tree.query(point, predicate="intersects")
            if not len(hits):
                hits = tree.query_nearest(point, max_distance=BORDER_TOLERANCE_DEG)
            cache[key] = codes[int(hits[0])] if len(hits) else None
        return cache[key]

    return governorate


class Command(BaseCommand):
    help = "Score extraction on real coded events (ACLED exports, GTD summaries) by set and date split."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path,
                            help=f"ACLED/GTD CSV files (default: {', '.join(DEFAULT_FILES)} in {DEV})")
        parser.add_argument("--split", choices=("old", "new", "all"), default="all",
                            help="score only the older (tuning) or newer (report) part")
        parser.add_argument("--sample", type=int, default=0,
                            help="score a fixed random sample of N documents per file")
        parser.add_argument("--publication-lag", type=int, default=0,
                            help="days between the event and the publication date given to the pipeline")
        parser.add_argument("--misses", type=int, default=0, help="print N examples of each failure class")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--dump", type=Path, default=None,
                            help="write every gold event's outcome to this file (JSON lines)")

    def handle(self, *args, files, split, sample, publication_lag, misses, json, dump, **options):
        if not files:
            if not DEV.is_dir():
                self.stdout.write(f"skipped: reference data not available at {DEV} "
                                  "(a fresh clone has no ../shared); give the files to score")
                return
            files = [DEV / name for name in DEFAULT_FILES]
        documents: list[GoldDocument] = []
        for path in files:
            if not path.exists():
                raise CommandError(f"no such file: {path}")
            try:
                loaded = documents_load(path)
            except EventGoldError as exc:
                raise CommandError(str(exc)) from exc
            if split != "all":
                loaded = [d for d in loaded if d.split == split]
            if sample and len(loaded) > sample:
                loaded = random.Random(f"{path.name}/{sample}").sample(loaded, sample)
            documents.extend(loaded)
        lag = dt.timedelta(days=publication_lag)
        for document in documents:
            if document.published is not None:
                document.published += lag
        index = gazetteer_index()
        scores = score_documents(
            documents,
            analyse=lambda text, published: report_analyse(text=text, published=published).incidents,
            governorate=governorate_lookup(),
            ceiling=ceiling_from(index.candidates),
        )
        if dump is not None:
            with open(dump, "w", encoding="utf-8") as handle:
                for (_, split_name), score in sorted(scores.items()):
                    if split_name != "all":
                        continue
                    for outcome in score.outcomes:
                        handle.write(dumps(outcome_json(outcome), ensure_ascii=False) + "\n")
        if json:
            self.stdout.write(as_json(scores))
            return
        self._table(scores)
        self._failures(scores)
        if misses:
            self._misses(scores, misses)

    def _table(self, scores) -> None:
        self.stdout.write("| set | split | " + " | ".join(COLUMNS) + " |")
        self.stdout.write("|---|---|" + "---:|" * len(COLUMNS))
        for (name, split), score in sorted(scores.items()):
            figures = score.figures()
            cells = ["–" if figures[c] is None else str(figures[c]) for c in COLUMNS]
            self.stdout.write(f"| {name} | {split} | " + " | ".join(cells) + " |")

    def _failures(self, scores) -> None:
        self.stdout.write("\nEvents missed by more than 25 km, by failure class:\n")
        self.stdout.write("| set | split | " + " | ".join(c for c, _ in FAILURE_CLASSES) + " |")
        self.stdout.write("|---|---|" + "---:|" * len(FAILURE_CLASSES))
        for (name, split), score in sorted(scores.items()):
            counts = score.failures()
            self.stdout.write(f"| {name} | {split} | "
                              + " | ".join(str(counts.get(c, 0)) for c, _ in FAILURE_CLASSES) + " |")
        self.stdout.write("")
        for key, meaning in FAILURE_CLASSES:
            self.stdout.write(f"- {key}: {meaning}")

    def _misses(self, scores, n: int) -> None:
        for (name, split), score in sorted(scores.items()):
            if split != "all":
                continue
            for key, _ in FAILURE_CLASSES:
                shown = [o for o in score.outcomes if o.failure == key]
                if not shown:
                    continue
                self.stdout.write(f"\n## {name}: {key} ({len(shown)})")
                sample = random.Random(key).sample(shown, min(n, len(shown)))
                for outcome in sample:
                    self.stdout.write(miss_line(outcome))
