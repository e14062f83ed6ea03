"""`manage.py geoparse_eval`: score the geoparser on ../shared/data/eval/dev with the loaded gazetteer.

Prints recognition P/R/F1, accuracy within 5/25/161 km and the median error for each
gold set, beside the most-populous-candidate baseline of the same run. Exits with a
clear message when the evaluation data or the Iraq/Syria outlines are missing.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

import shapely
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.machine import machine_description
from gazetteer.geoparser import eval as ev
from gazetteer.geoparser import geoparse
from gazetteer.index import gazetteer_index
from gazetteer.models import AdminArea, Place

DEFAULT_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "eval" / "dev"
CORPORA = "geoparsing_corpora_iq_sy.jsonl"
UCDP = "ucdp_ged_iraq_1989-2018_hdx.csv"
SEED = "seed_gold.json"


def in_scope_from_outlines():
    """in_scope(lat, lon): inside the loaded Iraq or Syria country outline (ADM0)."""
    outlines = [shapely.from_wkb(bytes(a.geom.wkb)) for a in
                AdminArea.objects.filter(level=0, country_code__in=("IQ", "SY"))]
    if len(outlines) < 2:
        raise CommandError("the Iraq and Syria outlines (admin level 0) are not loaded: run "
                           "gazetteer_load_boundaries on the COD-AB folders first")
    area = shapely.union_all(outlines).buffer(0.05)  # a coastline/border pixel is still in
    shapely.prepare(area)
    return lambda lat, lon: bool(shapely.contains_xy(area, lon, lat))


class Command(BaseCommand):
    help = "Score the geoparser on the evaluation gold files (with the population baseline)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR,
                            help="folder with the gold files (default ../shared/data/eval/dev)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--misses", action="store_true", help="list every miss (> 25 km)")

    def handle(self, *args, data_dir: Path, json: bool, misses: bool, **options):
        if not data_dir.is_dir():
            raise CommandError(f"evaluation data not found at {data_dir} (a fresh clone has no "
                               "../shared; pass --data-dir)")
        in_scope = in_scope_from_outlines()
        index = gazetteer_index()
        results = {}
        try:
            sets = self._gold_sets(data_dir, in_scope)
        except ev.GoldError as exc:
            raise CommandError(str(exc)) from exc
        for name, (docs, category, count_fp) in sets.items():
            results[name] = ev.evaluate(docs, index, in_scope=in_scope, geoparse=geoparse,
                                        category=category, count_fp=count_fp)
        meta = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "machine": machine_description(with_date=False),
                "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
                "gazetteer": _gazetteer_summary()}
        if json:
            self.stdout.write(_json_dump(meta, results))
            return
        self.stdout.write(_table(meta, results))
        if misses:
            for name, pair in results.items():
                for doc, phrase, km in pair["ours"].misses:
                    if not km <= 25:
                        self.stdout.write(f"{name}\t{doc}\t{phrase}\t{km:.0f}")

    @staticmethod
    def _gold_sets(data_dir: Path, in_scope) -> dict:
        sets = {}
        if (data_dir / CORPORA).exists():
            docs = ev.corpora_load(data_dir / CORPORA, in_scope=in_scope)
            sets["corpora IQ/SY"] = (docs, "location", True)
            sets["corpora IQ/SY without country names"] = (docs, ev.PLACES_ONLY, False)
            sets["corpora neighbours"] = (docs, "neighbour", False)
        if (data_dir / UCDP).exists():
            # where_prec 4+ rows are coded to a governorate or vaguer, not to a point
            # the headline names: scored apart.
            sets["UCDP headlines prec 1-3"] = (ev.ucdp_load(data_dir / UCDP, max_prec=3),
                                               "location", False)
            sets["UCDP headlines all"] = (ev.ucdp_load(data_dir / UCDP), "location", False)
        if (data_dir / SEED).exists():
            sets["seed report"] = (ev.seed_load(data_dir / SEED), "location", True)
        if not sets:
            raise CommandError(f"no gold file ({CORPORA}, {UCDP}, {SEED}) in {data_dir}")
        return sets


def _gazetteer_summary() -> str:
    counts = {}
    for source, cc in Place.objects.values_list("source", "country_code"):
        counts[(source, cc)] = counts.get((source, cc), 0) + 1
    parts = [f"{source} {cc}: {n}" for (source, cc), n in sorted(counts.items())]
    return f"{sum(counts.values())} places ({', '.join(parts)})"


def _json_dump(meta: dict, results: dict) -> str:
    return json.dumps({**meta, "sets": {
        name: {system: s.as_dict() for system, s in pair.items()} for name, pair in results.items()
    }}, default=str)


def _table(meta: dict, results: dict) -> str:
    lines = [f"geoparse_eval {meta['date']} on {meta['machine']} ({meta['database']})",
             f"gazetteer: {meta['gazetteer']}", "",
             "| set | system | gold | P | R | F1 | acc@5km | acc@25km | acc@161km | median km "
             "| misses@25km |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, pair in results.items():
        for system, s in pair.items():
            d = s.as_dict()
            p, f1 = (f"{d[k]:.3f}" if d[k] is not None else "–" for k in ("precision", "f1"))
            lines.append(
                f"| {name} | {system} | {d['gold']} | {p} | {d['recall']:.3f} | "
                f"{f1} | {d['acc@5km']:.3f} | {d['acc@25km']:.3f} | {d['acc@161km']:.3f} | "
                f"{d['median_km']:.1f} | {d['misses@25km']} |")
    return "\n".join(lines)
