"""Name-key collision report: how many distinct places share a key, before and after folding.

With the full shared gazetteer loaded (every file of ../shared/data/gazetteer plus the
COD-AB boundaries), every PlaceName is keyed two ways: plain (NFC, casefold, trimmed)
and `name_key`. For each way it counts keys held by more than one place and the places
that share a key with another place. Folding should raise these (variants of one town
from different sources now meet) without merging distinct places wholesale; the
"far apart" columns count places sharing a key with a place more than 25 km away,
the signature of over-merging, and the examples list the largest such keys.

Run: `python -m bench.name_keys` (see bench/__init__.py for the database; it reuses
the gazetteer loaded by bench.place_search when present, else loads it).
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict

from bench import bench_setup, machine

FAR_KM = 25.0
EXAMPLES = 15


def plain_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    # Equirectangular, not geodesy.haversine_km: the published spreads would move by a km or two.
    x = math.radians(b[0] - a[0]) * math.cos(math.radians((a[1] + b[1]) / 2))
    return 6371 * math.hypot(x, math.radians(b[1] - a[1]))


def collisions(groups: dict[str, set[int]], points: dict[int, tuple[float, float]]) -> dict:
    """Counts for one keying: keys, shared keys, places sharing, places sharing with a far place."""
    shared = {k: ids for k, ids in groups.items() if len(ids) > 1}
    sharing: set[int] = set().union(*shared.values()) if shared else set()
    far: set[int] = set()
    far_keys: dict[str, float] = {}
    for k, ids in shared.items():
        members = sorted(ids)
        spread = max(_km(points[a], points[b]) for i, a in enumerate(members) for b in members[i + 1:])
        if spread > FAR_KM:
            far_keys[k] = spread
            far.update(members)
    return {"keys": len(groups), "shared_keys": len(shared), "places_sharing": len(sharing),
            "far_keys": len(far_keys), "places_far": len(far), "far_key_spread": far_keys}


def _spelling_groups(members: dict[int, set[str]]) -> list[set[int]]:
    """Places grouped by shared plain spelling (connected components): what folding alone joined."""
    parent = {pid: pid for pid in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_holder: dict[str, int] = {}
    for pid, spellings in members.items():
        for s in spellings:
            if s in first_holder:
                parent[find(pid)] = find(first_holder[s])
            else:
                first_holder[s] = pid
    groups: dict[int, set[int]] = defaultdict(set)
    for pid in members:
        groups[find(pid)].add(pid)
    return list(groups.values())


def run() -> tuple[dict, dict, list[tuple]]:
    from gazetteer.models import Place, PlaceName

    if not Place.objects.exists():
        from bench.place_search import load_shared_gazetteer

        load_shared_gazetteer()
    points = {pid: (p.x, p.y) for pid, p in Place.objects.values_list("id", "point")}
    before: dict[str, set[int]] = defaultdict(set)
    after: dict[str, set[int]] = defaultdict(set)
    surfaces: dict[str, set[str]] = defaultdict(set)
    for place_id, name, key in PlaceName.objects.values_list("place_id", "name", "key").iterator():
        before[plain_key(name)].add(place_id)
        after[key].add(place_id)
        surfaces[key].add(plain_key(name))
    plain, folded = collisions(before, points), collisions(after, points)
    by_key_place: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for place_id, name, key in PlaceName.objects.values_list("place_id", "name", "key").iterator():
        if len(after[key]) > 1:
            by_key_place[key][place_id].add(plain_key(name))
    examples = []
    fold_only_places: set[int] = set()
    for key, members in by_key_place.items():
        groups = _spelling_groups(members)
        if len(groups) < 2:
            continue
        spread = max(_km(points[a], points[b]) for i, ga in enumerate(groups) for gb in groups[i + 1:]
                     for a in ga for b in gb)
        if spread > FAR_KM:
            fold_only_places.update(members)
            examples.append((key, len(members), len(groups), round(spread), sorted(surfaces[key])[:6]))
    examples.sort(key=lambda e: (-e[2], -e[1], e[0]))
    folded["fold_only_far_keys"] = len(examples)
    folded["fold_only_far_places"] = len(fold_only_places)
    examples = examples[:EXAMPLES]
    return plain, folded, examples


def report(plain: dict, folded: dict, examples: list[tuple], engine: str) -> str:
    from gazetteer.models import Place, PlaceName

    lines = [f"### Name-key collisions on {engine} — {machine()}", "",
             f"{Place.objects.count()} places, {PlaceName.objects.count()} names.", "",
             f"| keying | distinct keys | keys shared by >1 place | places sharing a key "
             f"| keys spanning >{FAR_KM:.0f} km | places in those |",
             "|---|---:|---:|---:|---:|---:|"]
    for label, c in (("plain (casefold)", plain), ("name_key (folded)", folded)):
        lines.append(f"| {label} | {c['keys']} | {c['shared_keys']} | {c['places_sharing']} "
                     f"| {c['far_keys']} | {c['places_far']} |")
    lines += ["", f"Folding alone joined places more than {FAR_KM:.0f} km apart (no plain spelling in "
              f"common) under {folded['fold_only_far_keys']} keys, {folded['fold_only_far_places']} places. "
              "Largest:", "",
              "| key | places | spelling groups | spread km | spellings (first 6) |",
              "|---|---:|---:|---:|---|"]
    for key, n, n_groups, spread, spellings in examples:
        lines.append(f"| `{key}` | {n} | {n_groups} | {spread} | {', '.join(spellings)} |")
    return "\n".join(lines)


def main() -> None:
    engine = bench_setup()
    print(report(*run(), engine))


if __name__ == "__main__":
    main()
