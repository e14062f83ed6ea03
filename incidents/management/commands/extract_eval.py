"""`manage.py extract_eval [--gold PATH] [--seed PATH --seed-gold PATH]`: extraction scored.

Every gold report goes through the real pipeline (`report_analyse`: the gazetteer loaded
in the configured database, the geoparser, then extraction), so the figures say what an
analyst would get. With no arguments the gold files under ../shared are used; when that
folder is absent the command says so and stops without failing.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from gazetteer.models import AdminArea, Place
from incidents.evaluation.synthetic import (
    ExtractionScore,
    GoldError,
    SeedScore,
    extraction_score,
    gold_reports_load,
    seed_gold_load,
    seed_score,
)
from incidents.services.analysis import report_analyse
from incidents.sources.document import IngestError
from incidents.sources.files import document_from_path

SHARED = Path(settings.BASE_DIR).parent / "shared"
DEFAULT_GOLD = SHARED / "data" / "eval" / "dev" / "synthetic_reports.jsonl"
DEFAULT_SEED = SHARED / "seed" / "000_1b5e2521021af511.txt"
DEFAULT_SEED_GOLD = SHARED / "data" / "eval" / "dev" / "seed_gold.json"
# The targets of issue 5, printed beside the figures.
TARGETS = {"found": 0.90, "fatalities_right": 0.85, "date_right": 0.85, "unmatched_share": 0.10,
           "recall_25km": 0.85, "precision_25km": 0.80}


def _analyse(text: str, published: dt.date | None):
    return report_analyse(text=text, published=published).incidents


class Command(BaseCommand):
    help = "Score incident extraction (through the loaded gazetteer) against gold files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--gold",
            type=Path,
            default=None,
            help=f"Synthetic-format gold (JSON lines); default {DEFAULT_GOLD}.",
        )
        parser.add_argument(
            "--seed", type=Path, default=None, help=f"Seed report file; default {DEFAULT_SEED}."
        )
        parser.add_argument(
            "--seed-gold", type=Path, default=None, help=f"Seed gold JSON; default {DEFAULT_SEED_GOLD}."
        )
        parser.add_argument("--no-seed", action="store_true", help="Skip the seed report.")
        parser.add_argument("--json", action="store_true", help="Print the figures as one JSON object.")

    def handle(self, *args, gold, seed, seed_gold, no_seed, json: bool, **options):
        verbose = options["verbosity"] >= 2
        if gold is None and not SHARED.exists():
            self.stdout.write(
                f"skipped: reference data not available at {SHARED} "
                "(a fresh clone has no ../shared); give --gold PATH"
            )
            return
        gold = gold or DEFAULT_GOLD
        if not gold.exists():
            raise CommandError(f"no such gold file: {gold}")
        try:
            reports = gold_reports_load(gold)
        except GoldError as exc:
            raise CommandError(str(exc)) from exc
        score = extraction_score(reports=reports, analyse=_analyse)
        seeded = None
        if not no_seed:
            seeded = self._seed(
                seed or DEFAULT_SEED,
                seed_gold or DEFAULT_SEED_GOLD,
                explicit=seed is not None or seed_gold is not None,
            )
        gazetteer = gazetteer_summary()
        if json:
            self.stdout.write(
                _json_dumps(
                    {
                        "gold_file": str(gold),
                        "reports": len(reports),
                        "gazetteer": gazetteer,
                        "machine": machine_summary(),
                        "date": dt.date.today().isoformat(),
                        "score": score.as_dict(),
                        "seed": seeded.as_dict() if seeded else None,
                    }
                )
            )
            return
        self._print(gold, len(reports), score, gazetteer, verbose)
        if seeded is not None:
            self._print_seed(seeded)

    def _seed(self, path: Path, gold_path: Path, *, explicit: bool) -> SeedScore | None:
        if not (path.exists() and gold_path.exists()):
            if explicit:
                raise CommandError(f"no such seed file: {path if not path.exists() else gold_path}")
            self.stdout.write(f"seed skipped: {path} or {gold_path} not available")
            return None
        try:
            document = document_from_path(path, max_bytes=settings.ATLAS_MAX_REPORT_BYTES)
            gold = seed_gold_load(gold_path)
        except (IngestError, GoldError) as exc:
            raise CommandError(f"seed: {exc}") from exc
        published = document.published_at.date() if document.published_at else None
        return seed_score(gold=gold, predicted=_analyse(document.text, published))

    def _print(
        self, gold: Path, reports: int, score: ExtractionScore, gazetteer: dict, verbose: bool
    ) -> None:
        out = self.stdout.write
        figures = score.as_dict()
        out(f"gold: {gold} ({reports} reports, {score.gold} incidents)")
        out("gazetteer: " + ", ".join(f"{k} {v}" for k, v in gazetteer.items()))
        out(f"predicted incidents: {score.predicted}")
        rows = [
            ("found: right sub-type, located within 5 km (+ stated distance)", "found"),
            ("  matched (a predicted incident in the gold sentence)", "matched"),
            ("  right sub-type", "typed"),
            ("  located", "located"),
            ("fatalities right", "fatalities_right"),
            ("dates right", "date_right"),
            ("time_precision right", "time_precision_right"),
            ("geo_precision right", "geo_precision_right"),
            ("actor1 right", "actor1_right"),
            ("recall@25km: gold incidents a predicted one lies within 25 km of", "recall_25km"),
            ("precision@25km: predicted incidents within 25 km of a gold one", "precision_25km"),
        ]
        for label, key in rows:
            out(f"{label:<66} {figures[key]:6.1%}{_target(key, figures[key])}")
        out(
            f"{'predicted incidents matching no gold one':<66} {figures['unmatched_share']:6.1%}"
            f"{_target('unmatched_share', figures['unmatched_share'])}"
            f"  ({figures['unmatched']} of {score.predicted})"
        )
        out(
            f"not_incidents sentences wrongly extracted: {len(score.not_incidents_extracted)} "
            f"of {score.not_incidents}"
        )
        for report_id, sentence in score.not_incidents_extracted:
            out(f"  {report_id}: {sentence}")
        for report_id, incident in score.unmatched:
            out(
                f"  unmatched {report_id}: {incident.sub_event_type} @ {incident.location_name or '-'}"
                f": {incident.summary[:90]}"
            )
        if verbose:
            for o in score.outcomes:
                if o.found and o.fatalities_right and o.date_right:
                    continue
                p = o.predicted
                got = (
                    (
                        f"{p.sub_event_type} @ {p.location_name or '-'} "
                        f"({'-' if o.distance_km is None else f'{o.distance_km:.1f} km'}) "
                        f"{p.event_date} fat={p.fatalities}"
                    )
                    if p
                    else "nothing"
                )
                g = o.gold
                out(
                    f"  miss {o.report_id}@{g['sentence_start']}: gold {g['sub_event_type']} @ "
                    f"{g.get('location_surface') or _point(g)} {g['event_date']} "
                    f"fat={g['fatalities']}; got {got}"
                )

    def _print_seed(self, seeded: SeedScore) -> None:
        figures = seeded.as_dict()
        self.stdout.write(
            f"seed: {figures['typed']}/{figures['gold']} incidents with the right type and "
            f"sub-type, {figures['geo_precision_right']}/{figures['gold']} right geo_precision, "
            f"{figures['located']}/{figures['gold']} located, {figures['extra']} extra"
        )
        for outcome in seeded.outcomes:
            p = outcome.predicted
            got = f"{p.sub_event_type} @ {p.location_name or '-'} p{p.geo_precision}" if p else "nothing"
            self.stdout.write(
                f"  {outcome.gold['sub_event_type']} @ {outcome.gold['location']} "
                f"p{outcome.gold['geo_precision']}: got {got}"
            )
        for incident in seeded.extra:
            self.stdout.write(f"  extra: {incident.sub_event_type}: {incident.summary[:90]}")


def _target(key: str, value: float) -> str:
    target = TARGETS.get(key)
    if target is None:
        return ""
    if key == "unmatched_share":
        return f"  (target <= {target:.0%}: {'met' if value <= target else 'SHORT'})"
    return f"  (target >= {target:.0%}: {'met' if value >= target else 'SHORT'})"


def gazetteer_summary() -> dict:
    """Places by source and the number of admin areas: which gazetteer was measured."""
    counts = dict(Place.objects.values_list("source").annotate(n=Count("id")).order_by("source"))
    return {**{f"places[{k}]": v for k, v in counts.items()}, "admin_areas": AdminArea.objects.count()}


def machine_summary() -> str:
    return f"{platform.node()} {platform.machine()} {platform.python_version()}"


def _json_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def _point(gold: dict) -> str:
    """A gold location without a surface, by its coordinates."""
    if gold.get("lat") is None:
        return "-"
    return f"({gold['lat']:.3f}, {gold['lon']:.3f})"
