"""A/B geoparser throughput: this tree against another checkout (the branch point), alternating.

A single run of `bench.geoparse_throughput` on a shared machine moves by 10-30% with the
load; a change is judged by alternating the two trees in one run (A B, B A, A B, ...), each
run a fresh process of `python -m bench.geoparse_throughput` pinned to one core, and
comparing the medians. The automaton's rate, measured in the same processes, shows how much
the load moved.

    git worktree add --detach /tmp/ab-base <branch point>
    BENCH_DATABASE_URL=spatialite:////tmp/bench.sqlite3 \
        python -m bench.ab_geoparse --base /tmp/ab-base --rounds 7

Both trees use this interpreter and the same bench database (it must hold the full shared
gazetteer, or the first run loads it); each runs with its own directory first on
PYTHONPATH, so each imports its own geoparser.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RATE = re.compile(r"\| geoparse \(recognise \+ resolve \+ relate\) \| (\d+) \|")
_RAW = re.compile(r"\| raw automaton \(pyahocorasick, whole words\) \| (\d+) \|")


def run_once(tree: Path, core: str) -> tuple[float, float]:
    """(geoparse reports/s, automaton reports/s) of one fresh process in ``tree``."""
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
    command = ["taskset", "-c", core, sys.executable, "-m", "bench.geoparse_throughput"]
    out = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=True).stdout
    rate, raw = _RATE.search(out), _RAW.search(out)
    if rate is None or raw is None:
        raise RuntimeError(f"unexpected output from {tree}:\n{out}")
    return float(rate.group(1)), float(raw.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other checkout (A)")
    parser.add_argument("--rounds", type=int, default=7, help="runs of each tree")
    parser.add_argument("--core", default="0", help="the CPU core to pin every run to")
    args = parser.parse_args(argv)
    trees = {"base": args.base.resolve(), "this": ROOT}
    rates: dict[str, list[float]] = {"base": [], "this": []}
    raws: dict[str, list[float]] = {"base": [], "this": []}
    for k in range(args.rounds):
        order = ("base", "this") if k % 2 == 0 else ("this", "base")  # A B, B A, ...
        for side in order:
            rate, raw = run_once(trees[side], args.core)
            rates[side].append(rate)
            raws[side].append(raw)
            print(f"round {k + 1} {side:4}: geoparse {rate:6.0f}/s  automaton {raw:6.0f}/s", flush=True)
    base, this = statistics.median(rates["base"]), statistics.median(rates["this"])
    share_base = statistics.median(r / a for r, a in zip(rates["base"], raws["base"], strict=True))
    share_this = statistics.median(r / a for r, a in zip(rates["this"], raws["this"], strict=True))
    print(f"\nmedian reports/s over {args.rounds} runs each: base {base:.0f}, this {this:.0f}, "
          f"ratio this/base {this / base:.3f}")
    print(f"median share of the automaton's speed: base {share_base:.3f}, this {share_this:.3f}, "
          f"ratio {share_this / share_base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
