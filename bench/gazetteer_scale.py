"""Gazetteer at scale: index build time, memory per process and geoparse throughput.

With a generated gazetteer (bench/gazgen.py: --places places, --names names) in the
bench database, three fresh processes measure, one after the other:

1. ``build``: the index built from the database in memory (the design before index files,
   what every process paid), its resident memory, its geoparse rate; then the index file
   written from it (what one process pays once per gazetteer change);
2. ``load``: a new process loading that file (what every worker pays): load time,
   resident memory split into private (this process only) and file-backed pages (shared
   by every process mapping the file), geoparse rate; and in the same process the
   baseline, a raw pyahocorasick automaton of every name scanning the same texts;
3. ``load`` again, so the second process's figures show the page cache warm.

Texts: the ~2 KB reports of bench.geoparse_throughput (the geoparsing corpora), else
generated ones naming generated places. Targets (issue 17): build < 60 s, < 1.5 GB per
process, >= 1,000 reports/s.

    BENCH_DATABASE_URL=postgis://postgres@127.0.0.1:5432/atlas_bench_gaz \
        python -m bench.gazetteer_scale --places 500000 --names 2000000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROUNDS = 5
TARGETS = {"build_s": 60.0, "rss_mb": 1536.0, "rate": 1000.0}


def memory_mb() -> dict[str, float]:
    """Resident, private (anonymous) and file-backed resident memory of this process, MB."""
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value) / 1024
    return {"rss": fields["Rss"], "private": fields.get("Anonymous", 0.0),
            "file": fields["Rss"] - fields.get("Anonymous", 0.0), "pss": fields.get("Pss", 0.0)}


def texts(limit: int = 66) -> list[str]:
    """The throughput bench's ~2 KB reports, else generated ones naming gazetteer places."""
    try:
        from bench.geoparse_throughput import reports

        return reports()[:limit]
    except (OSError, SystemExit):
        pass
    from gazetteer.models import Place

    rng = random.Random(5)
    names = list(Place.objects.order_by("pk").values_list("name", flat=True)[:5000]) or ["Mosul"]
    lines = ("Clashes broke out in {} on Tuesday, killing {} fighters.",
             "An IED struck a patrol on the road between {} and {}.",
             "Airstrikes hit positions 20 km south of {}, near {}.",
             "Residents of {} fled towards {} after shelling.")
    out = []
    for _ in range(limit):
        body = " ".join(rng.choice(lines).format(rng.choice(names), rng.choice(names)) for _ in range(24))
        out.append(body[:2000])
    return out


def _rate(fn, docs: list[str], before_round) -> float:
    best = 0.0
    for _ in range(ROUNDS):
        before_round()
        t0 = time.perf_counter()
        for doc in docs:
            fn(doc)
        best = max(best, len(docs) / (time.perf_counter() - t0))
    return best


def _geoparse_rate(index, docs: list[str]) -> float:
    from gazetteer.geoparser import geoparse

    for doc in docs:  # warm, as a worker would be
        geoparse(doc, index)
    return _rate(lambda t: geoparse(t, index), docs,
                 lambda: (index.run_cache.clear(), index.word_cache.clear()))


def phase_build(path: Path) -> dict:
    from gazetteer.index import gazetteer_index_build
    from gazetteer.index_file import index_write

    before = memory_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    index = gazetteer_index_build()
    build_s, build_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    after = memory_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    index_write(index, path)
    write_s, write_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    rate = _geoparse_rate(index, texts())
    size = sum(f.stat().st_size for f in path.iterdir())
    return {"build_s": build_s, "write_s": write_s, "build_cpu_s": build_cpu_s, "write_cpu_s": write_cpu_s,
            "rss_mb": after["rss"],
            "index_mb": after["rss"] - before["rss"], "file_mb": size / 2**20, "rate": rate,
            "keys": len(index)}


def phase_load(path: Path) -> dict:
    from bench.geoparse_throughput import _scan
    from gazetteer.index import FileIndex
    from gazetteer.index_file import index_load

    docs = texts()
    before = memory_mb()
    t0 = time.perf_counter()
    index = index_load(path, index_class=FileIndex)
    load_s = time.perf_counter() - t0
    rate = _geoparse_rate(index, docs)
    mem = memory_mb()
    auto, n_names = _automaton()
    raw = _rate(lambda t: _scan(auto, t), docs, lambda: None)
    return {"load_s": load_s, "rss_mb": mem["rss"], "private_mb": mem["private"], "file_mb": mem["file"],
            "pss_mb": mem["pss"], "index_private_mb": mem["private"] - before["private"], "rate": rate,
            "automaton_rate": raw, "names": n_names, "reports": len(docs)}


def _automaton():
    import ahocorasick

    from gazetteer.models import Place, PlaceName

    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    names = set(PlaceName.objects.values_list("name", flat=True).iterator(chunk_size=20000))
    names.update(Place.objects.values_list("name", flat=True).iterator(chunk_size=20000))
    for name in names:
        if len(name) > 2:
            auto.add_word(name.lower(), len(name))
    auto.make_automaton()
    return auto, len(names)


def _phase(name: str, path: Path) -> dict:
    """Run one phase in a fresh process (its memory is its own) and return its figures."""
    command = [sys.executable, "-m", "bench.gazetteer_scale", "--phase", name, "--path", str(path)]
    out = subprocess.run(command, cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                         text=True, check=True, env=dict(os.environ)).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(*, n_places: int, n_names: int, path: Path) -> dict:
    from bench.gazgen import SOURCE, gazetteer_generate, gazetteer_generated_wipe
    from gazetteer.models import Place, PlaceName

    have = Place.objects.filter(source=SOURCE, source_id__startswith="gen-").count()
    generated = None
    if have != n_places:
        gazetteer_generated_wipe()
        generated = gazetteer_generate(n_places=n_places, n_names=n_names)
    build = _phase("build", path)
    loads = [_phase("load", path), _phase("load", path)]
    return {"places": Place.objects.count(), "names": PlaceName.objects.count(), "generated": generated,
            "build": build, "loads": loads}


def _verdict(ok: bool) -> str:
    return "meets" if ok else "**misses**"


def report(r: dict, engine: str) -> str:
    from bench import machine

    b, (l1, l2) = r["build"], r["loads"]
    rate = min(l1["rate"], l2["rate"])
    return "\n".join([
        f"### Gazetteer at scale on {engine} — {machine()}", "",
        f"{r['places']} places, {r['names']} names ({b['keys']} distinct keys); "
        f"{l1['reports']} reports of ~2 KB, one process each phase, best of {ROUNDS} rounds.", "",
        "| | in memory (build per process) | index file, 1st process | 2nd process |",
        "|---|---:|---:|---:|",
        f"| ready in (s) | {b['build_s']:.1f} build ({b['build_cpu_s']:.1f} CPU) | {l1['load_s']:.2f} load "
        f"| {l2['load_s']:.2f} load |",
        f"| resident MB | {b['rss_mb']:.0f} | {l1['rss_mb']:.0f} | {l2['rss_mb']:.0f} |",
        f"| of which private MB | {b['rss_mb']:.0f} | {l1['private_mb']:.0f} | {l2['private_mb']:.0f} |",
        f"| of which file-backed MB (shared) | 0 | {l1['file_mb']:.0f} | {l2['file_mb']:.0f} |",
        f"| index's own private MB | {b['index_mb']:.0f} | {l1['index_private_mb']:.0f} "
        f"| {l2['index_private_mb']:.0f} |",
        f"| geoparse reports/s | {b['rate']:.0f} | {l1['rate']:.0f} | {l2['rate']:.0f} |",
        f"| raw automaton reports/s ({l1['names']} names) | | {l1['automaton_rate']:.0f} "
        f"| {l2['automaton_rate']:.0f} |", "",
        f"Index file: written in {b['write_s']:.1f} s ({b['write_cpu_s']:.1f} s CPU) after the build, "
        f"{b['file_mb']:.0f} MB on disk. Targets: build + write "
        f"{b['build_s'] + b['write_s']:.0f} s {_verdict(b['build_s'] + b['write_s'] < TARGETS['build_s'])} "
        f"< 60 s; a worker's resident {l2['rss_mb']:.0f} MB "
        f"{_verdict(l2['rss_mb'] < TARGETS['rss_mb'])} < 1.5 GB; "
        f"{rate:.0f} reports/s {_verdict(rate >= TARGETS['rate'])} >= 1,000.",
    ])


def main(argv: list[str] | None = None) -> None:
    from bench import bench_setup

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--names", type=int, default=80_000)
    parser.add_argument("--path", type=Path, default=Path("/tmp/atlas-bench-gazindex"))
    parser.add_argument("--phase", choices=("build", "load"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        import shutil

        bench_setup()

        if args.phase == "build":
            shutil.rmtree(args.path, ignore_errors=True)
        print(json.dumps((phase_build if args.phase == "build" else phase_load)(args.path)))
        return
    engine = bench_setup()
    print(report(run(n_places=args.places, n_names=args.names, path=args.path), engine))


if __name__ == "__main__":
    main()
