"""Fit the resolver's weights (gazetteer/geoparser/resolve/scoring.py WEIGHTS) on real notes.

Every toponym the resolver scores in the dev notes' older split (ACLED Syria before 2020,
GTD Iraq before 2014) that names the coders' location of an event (ACLED ``location``,
GTD ``city``) is a choice: its candidates nearest to the gold point (within 25 km, and
within 5 km of the nearest: coders' points and the gazetteer's differ) are right, the
others wrong. Each candidate is described by the six score parts of ``scoring.FEATURES``
(each in [0, 1]) as the resolver computes them in context (``resolve(..., trace=)``). A
conditional logit (the multinomial logistic regression of a choice among a toponym's
candidates, what the resolver's argmax is) is fitted with non-negative weights, each
set weighing the same, its ridge penalty chosen by cross-validation, and scaled to sum to
1 (the score stays in [0, 1]).

It prints top-1 accuracy per set and split with today's and with the fitted weights (the
newer split is the report, never fitted on) and the fitted table. docs/evaluation.md
says what the last fit found and why WEIGHTS is what it is.

    DATABASE_URL=spatialite:////path/full.sqlite3 .venv/bin/python eval/fit_resolver.py

The configured database must hold the full shared gazetteer (GeoNames, IOM DTM, OCHA
boundaries). SciPy (a development dependency) does the fitting.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "eval" / "dev"
FILES = ("acled_syria_battles_2017-2023.csv", "gtd_iraq_2012-2014.csv")
NEAR_KM = 25.0
SAME_KM = 5.0  # candidates this much farther than the nearest are as right as it (coders differ)


def choices(documents, index):
    """(set, split, [(features, right)] per choice) of every scored toponym with a right
    and a wrong candidate."""
    from gazetteer.geoparser import Document, recognize, resolve
    from gazetteer.geoparser.geodesy import haversine_km
    from gazetteer.geoparser.normalize import name_key
    from gazetteer.geoparser.unknown import unknown_by_context

    for doc in documents:
        text = doc.text
        document = Document(text)
        trace: list = []
        resolve(document, unknown_by_context(text, recognize(document, index), index), index, trace)
        for toponym, scored in trace:
            if len(scored) < 2:
                continue
            key = name_key(toponym.text)
            named = [e for e in doc.events if key in _location_keys(e.location)]
            if not named:
                continue  # a toponym the coders did not place the event at: no label
            km = [min(haversine_km(c.lat, c.lon, e.lat, e.lon) for e in named) for c, _ in scored]
            nearest = min(km)
            right = [k <= NEAR_KM and k <= nearest + SAME_KM for k in km]
            if any(right) and not all(right):
                group = [(parts, ok) for (_, parts), ok in zip(scored, right, strict=True)]
                yield doc.set_name, doc.split, group


def _location_keys(location: str) -> set[str]:
    """name_key of a gold location and of its parts ("Damascus - Qaboun": both)."""
    from gazetteer.geoparser.normalize import name_key

    parts = [location, *location.split(" - ")]
    return {name_key(p) for p in parts if p.strip()}


def _data(groups_by_set: dict[str, list]):
    import numpy as np

    data = []
    for groups in groups_by_set.values():
        for group in groups:
            x = np.array([parts for parts, _ in group], dtype=float)
            right = np.array([ok for _, ok in group], dtype=bool)
            data.append((x, right, 1.0 / len(groups)))
    return data


def _loss(beta, data, ridge: float):
    """Negative log-likelihood of the right candidates (softmax of weights . parts within
    each choice) plus ``ridge`` * |weights|^2, and its gradient."""
    import numpy as np

    total, grad = ridge * float(beta @ beta), 2 * ridge * beta
    for x, right, weight in data:
        e = np.exp(x @ beta - (x @ beta).max())
        total -= weight * (np.log(e[right].sum()) - np.log(e.sum()))
        grad = grad - weight * ((e[right] / e[right].sum()) @ x[right] - (e / e.sum()) @ x)
    return total, grad


def _fit_raw(data, ridge: float):
    import numpy as np
    from scipy.optimize import minimize

    n = data[0][0].shape[1]
    return minimize(_loss, np.full(n, 1.0), args=(data, ridge), jac=True, method="L-BFGS-B",
                    bounds=[(0.0, None)] * n).x


RIDGES = (0.0, 0.001, 0.01, 0.1, 1.0)
FOLDS = 5


def fit(groups_by_set: dict[str, list]) -> tuple[list[float], float]:
    """Weights of a conditional logit over the choices (the probability of a choice's
    right candidates is softmax(weights . parts); each set weighing the same), weights
    >= 0 (scipy's L-BFGS-B), its ridge penalty chosen by 5-fold cross-validation of the
    held-out log-likelihood; scaled to sum to 1. Returns (weights, ridge)."""
    data = _data(groups_by_set)
    order = random.Random(0).sample(range(len(data)), len(data))
    folds = [order[k::FOLDS] for k in range(FOLDS)]

    def held_out(ridge):
        total = 0.0
        for fold in folds:
            test = set(fold)
            beta = _fit_raw([d for i, d in enumerate(data) if i not in test], ridge)
            total += _loss(beta, [data[i] for i in fold], 0.0)[0]
        return total

    ridge = min(RIDGES, key=held_out)
    beta = _fit_raw(data, ridge)
    return [round(float(b) / float(beta.sum()), 3) for b in beta], ridge


def top1(groups, weights) -> float:
    """Share of choices whose best-scored candidate is a right one (ties: the first, as the
    resolver's order of candidates would not be known here)."""
    hits = 0
    for group in groups:
        best = max(group, key=lambda g: sum(w * v for w, v in zip(weights, g[0], strict=True)))
        hits += best[1]
    return hits / len(groups) if groups else 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=6000,
                        help="notes per file to read, a fixed random sample (0: all)")
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args(argv)
    if not args.dev.is_dir():
        print(f"no dev data at {args.dev}: nothing to fit", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from gazetteer.geoparser.resolve.scoring import FEATURES, WEIGHTS
    from gazetteer.index import gazetteer_index
    from incidents.evaluation.gold import documents_load

    index = gazetteer_index()
    split_groups: dict[tuple[str, str], list] = {}
    by_set: dict[str, list] = {}
    for name in FILES:
        documents = documents_load(args.dev / name)
        if args.sample and len(documents) > args.sample:
            documents = random.Random(name).sample(documents, args.sample)
        for set_name, split, group in choices(documents, index):
            split_groups.setdefault((set_name, split), []).append(group)
            if split == "old":
                by_set.setdefault(set_name, []).append(group)
    fitted, ridge = fit(by_set)  # each set weighs the same (Syria's notes outnumber Iraq's 20 to 1)
    print(f"ridge chosen by {FOLDS}-fold cross-validation on the older splits: {ridge}")
    today = [WEIGHTS[f] for f in FEATURES]
    keys = sorted(split_groups)
    print("choices: " + ", ".join(f"{s} {p} {len(split_groups[(s, p)])}" for s, p in keys)
          + " (fitted on the older splits)")
    print("| weights | " + " | ".join(FEATURES) + " | "
          + " | ".join(f"top-1 {s} {p}" for s, p in keys) + " |")
    print("|---|" + "---:|" * (len(FEATURES) + len(keys)))
    for label, weights in (("today", today), ("fitted", fitted)):
        cells = " | ".join(f"{v:.3f}" for v in weights)
        tops = " | ".join(f"{top1(split_groups[k], weights):.4f}" for k in keys)
        print(f"| {label} | {cells} | {tops} |")
    print("\nWEIGHTS = {" + ", ".join(f'"{f}": {w}' for f, w in zip(FEATURES, fitted, strict=True)) + "}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
