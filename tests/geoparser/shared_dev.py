"""The dev texts and a gazetteer index of the shared reference data, for the sweep tests.

Read from ../shared at run time (never copied here); a test that needs them is skipped
with a clear reason when ../shared is absent. The index is built from the shared
gazetteer files directly (IOM DTM locations and GeoNames cities), without Django: any
index will do to prove that two ways to a result agree.
"""

import csv
from functools import lru_cache
from pathlib import Path

from gazetteer.geoparser import Candidate, GazetteerIndex
from tests.shared import shared_path


def dev_texts() -> list[str]:
    """Every text of ../shared/data/eval/dev, in the snapshot's order (skips when absent)."""
    return _texts(str(shared_path("data", "eval", "dev")))


@lru_cache(maxsize=1)
def _texts(path: str) -> list[str]:
    from eval.geoparse_snapshot import documents

    return [text for _, text, _ in documents(Path(path))]


def shared_index() -> GazetteerIndex:
    """An index of the shared gazetteer files (skips when absent)."""
    return _index(str(shared_path("data", "gazetteer")))


@lru_cache(maxsize=1)
def _index(folder: str) -> GazetteerIndex:
    entries = []
    with open(Path(folder) / "iraq_iom_dtm_locations.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            cand = Candidate(int(row["location_id"]), row["name_en"], float(row["lat"]),
                             float(row["lon"]), "P", "PPL", "IQ", 0, row["governorate"])
            entries += [(row["name_en"], cand), (row["name_ar"], cand)]
    with open(Path(folder) / "geonames_cities500_IQ_SY.tsv", encoding="utf-8") as handle:
        for line in handle:
            f = line.rstrip("\n").split("\t")
            cand = Candidate(int(f[0]), f[1], float(f[4]), float(f[5]), f[6], f[7], f[8],
                             int(f[14] or 0))
            entries += [(name, cand) for name in {f[1], f[2], *f[3].split(",")} if name]
    return GazetteerIndex(entries)
