"""Snapshot of the `geoparse --jsonl` contract over every text of ../shared/data/eval/dev.

A behaviour-preserving change must leave the snapshot byte-identical: run this on the
branch point and on the result, then compare the two files (or their digests).

    .venv/bin/python eval/geoparse_snapshot.py --out /tmp/before.jsonl
    .venv/bin/python eval/geoparse_snapshot.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

The texts are the geoparsing corpora, the UCDP headlines, the synthetic reports, the
seed report, the ACLED notes and the GTD summaries, each with its date as the
publication date. They go through `manage.py geoparse --jsonl` (the stable contract,
whatever module layout is behind it), with the gazetteer of the configured database.
``--full`` adds every field of every toponym (relations, displaced points, candidates),
which catches more than the contract shows. Nothing is written inside the repository.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "eval" / "dev"
SEED = ROOT.parent / "shared" / "seed" / "000_1b5e2521021af511.txt"


def _rows(path: Path):
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def documents(dev: Path = DEV):
    """(id, text, published ISO date or None) of every dev text, in a fixed order."""
    with open(dev / "geoparsing_corpora_iq_sy.jsonl", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            yield f"corpora/{doc['corpus']}/{doc['id']}", doc["text"], None
    for row in _rows(dev / "ucdp_ged_iraq_1989-2018_hdx.csv"):
        if (row.get("year") or "").startswith("#") or not (row.get("source_headline") or "").strip():
            continue
        yield f"ucdp/{row['id']}", row["source_headline"], (row.get("date_start") or "")[:10] or None
    with open(dev / "synthetic_reports.jsonl", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            yield f"synthetic/{doc['id']}", doc["text"], doc.get("published_at", "")[:10] or None
    if SEED.exists():
        yield "seed", SEED.read_text(encoding="utf-8"), "2021-05-18"
    for row in _rows(dev / "acled_syria_battles_2017-2023.csv"):
        yield f"acled/{row['event_id_cnty']}", row["notes"], row["event_date"]
    for row in _rows(dev / "gtd_iraq_2012-2014.csv"):
        yield f"gtd/{row['gtd_row']}", row["summary"], row["date"]


_FULL = """
import json, sys, dataclasses, datetime as dt
from gazetteer.geoparser import geoparse
from gazetteer.index import gazetteer_index

def plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value

index = gazetteer_index()
for line in sys.stdin:
    doc = json.loads(line)
    toponyms = geoparse(doc["text"], index)
    print(json.dumps({"id": doc["id"], "toponyms": [plain(t) for t in toponyms]},
                     ensure_ascii=False))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the snapshot")
    parser.add_argument("--full", action="store_true",
                        help="every toponym field too (not only the geoparse contract)")
    parser.add_argument("--dev", type=Path, default=DEV, help="the dev data folder")
    args = parser.parse_args(argv)
    if not args.dev.is_dir():
        print(f"skipped: no evaluation data at {args.dev}", file=sys.stderr)
        return 2
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for doc_id, text, published in documents(args.dev):
            tmp.write(json.dumps({"id": doc_id, "text": text, "published_at": published},
                                 ensure_ascii=False) + "\n")
    python = sys.executable
    if args.full:
        command = [python, "manage.py", "shell", "--no-imports", "-c", _FULL]
        with open(tmp.name, encoding="utf-8") as stdin, open(args.out, "w", encoding="utf-8") as out:
            subprocess.run(command, cwd=ROOT, stdin=stdin, stdout=out, check=True)
    else:
        with open(args.out, "w", encoding="utf-8") as out:
            subprocess.run([python, "manage.py", "geoparse", "--jsonl", tmp.name], cwd=ROOT,
                           stdout=out, check=True)
    Path(tmp.name).unlink()
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    lines = args.out.read_text(encoding="utf-8").count("\n")
    print(f"{args.out}: {lines} documents, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
