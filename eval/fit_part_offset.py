"""Fit where "the eastern countryside of Aleppo" lies: the offset of a governorate's part
from its capital (gazetteer/geoparser/resolve/__init__.py PART_OFFSET_KM, PART_RADIUS_KM).

A note that places its event only by a compass part of a governorate ("clashes in the
northern countryside of Hama", "an unknown village in eastern Deir ez-Zor") is coded, as
ACLED codes it, to the governorate's capital; the best estimate of where it happened is
the capital moved some km in the stated direction. Every such note of the dev sets'
older split (ACLED Syria before 2020, GTD Iraq before 2014) whose text names no finer
known place is a sample: the capital, the direction and the gold point. For each offset
in a grid it prints the share of samples within 25 km of the moved point and the median
error, on the older split (fitted) and the newer (the report, never fitted on); the
offset kept is the one with the most within 25 km (the smallest median error among ties),
the radius the 80th percentile of the errors there.

    DATABASE_URL=spatialite:////path/full.sqlite3 .venv/bin/python eval/fit_part_offset.py

The configured database must hold the full shared gazetteer (docs/evaluation.md).
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "eval" / "dev"
FILES = ("acled_syria_battles_2017-2023.csv", "gtd_iraq_2012-2014.csv")
OFFSETS = tuple(x * 2.5 for x in range(25))  # 0 .. 60 km
NEAR_KM = 25.0


def samples(documents, index):
    """(split, capital lat, capital lon, direction, gold lat, gold lon) of every one-event
    note placed only by one compass part of a governorate."""
    from gazetteer.geoparser import geoparse
    from gazetteer.geoparser.types import Relation

    for doc in documents:
        if len(doc.events) != 1:
            continue
        found = geoparse(doc.text, index)
        parts = [t for t in found if t.relation == Relation.PART and t.place is not None
                 and t.place.feature_code == "ADM1" and t.direction != "C"]
        if len(parts) != 1:
            continue
        capital = index.capital(parts[0].place)
        if capital is None:
            continue
        finer = [t for t in found if t.place is not None and t.place.feature_class == "P"
                 and t.place.place_id != capital.place_id]
        if finer:
            continue  # a known town or village places the event, not the part
        event = doc.events[0]
        yield doc.split, capital.lat, capital.lon, parts[0].direction, event.lat, event.lon


def table(rows):
    from gazetteer.geoparser.geodesy import haversine_km
    from gazetteer.geoparser.relate.relations import displaced

    out = {}
    for km in OFFSETS:
        errors = [haversine_km(*displaced(lat, lon, direction, km), glat, glon)
                  for lat, lon, direction, glat, glon in rows]
        out[km] = errors
    return out


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from gazetteer.index import gazetteer_index
    from incidents.evaluation.gold import documents_load

    index = gazetteer_index()
    by_split: dict[str, list] = {"old": [], "new": []}
    for name in FILES:
        for split, *row in samples(documents_load(DEV / name), index):
            by_split[split].append(row)
    tables = {split: table(rows) for split, rows in by_split.items()}
    print(f"samples: older {len(by_split['old'])}, newer {len(by_split['new'])}")
    print("| offset km | older within 25 km | older median km | newer within 25 km | newer median km |")
    print("|---:|---:|---:|---:|---:|")
    for km in OFFSETS:
        cells = []
        for split in ("old", "new"):
            errors = tables[split][km]
            share = sum(e <= NEAR_KM for e in errors) / len(errors) if errors else 0.0
            cells += [f"{share:.3f}", f"{statistics.median(errors):.1f}" if errors else "-"]
        print(f"| {km:g} | " + " | ".join(cells) + " |")
    old = tables["old"]
    best = max(OFFSETS, key=lambda km: (sum(e <= NEAR_KM for e in old[km]), -statistics.median(old[km])))
    radius = statistics.quantiles(old[best], n=10)[7]
    print(f"fitted on the older split: PART_OFFSET_KM = {best:g}, PART_RADIUS_KM = {radius:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
