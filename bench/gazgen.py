"""A generated gazetteer for scale benchmarks: N places with M names, bulk-inserted.

Names look like Arabic place names written in Latin letters (prefixes such as "Tal",
"Ain", "Kafr", "Umm", an article, syllable stems ending in "-iyah", "-an"...), with the
spelling variants transliterations give ("ou"/"u", "q"/"k", doubled letters, hyphens),
an Arabic-script form, and stems reused across places, so name keys collide as real
ones do (many villages share a name). Points fall in Iraq, Syria and neighbour
bounding boxes; each place has GeoNames-style feature and admin codes.

Everything is drawn from one seeded generator: the same arguments give the same rows.
On PostgreSQL the rows go in with COPY (2M names in tens of seconds), elsewhere with
bulk_create (small scales, tests).

    BENCH_DATABASE_URL=postgis://postgres@127.0.0.1:5432/atlas_bench_gaz \
        python -m bench.gazgen --places 500000 --names 2000000
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

SOURCE = "csv"  # generated rows are a CSV-list source (Source.CSV); source_id "gen-<n>"
SEED = 17

# (country, weight, (lon_min, lat_min, lon_max, lat_max)) - rough national boxes.
COUNTRIES = (
    ("IQ", 40, (38.8, 29.1, 48.6, 37.4)), ("SY", 30, (35.7, 32.3, 42.4, 37.3)),
    ("TR", 10, (36.0, 36.5, 44.8, 38.5)), ("JO", 6, (35.0, 29.2, 39.3, 33.4)),
    ("IR", 6, (44.0, 30.0, 48.5, 38.0)), ("SA", 5, (38.0, 28.0, 46.0, 32.0)),
    ("LB", 3, (35.1, 33.05, 36.6, 34.7)),
)
PREFIXES = ("", "", "", "", "Tal ", "Tell ", "Ain ", "Kafr ", "Umm ", "Bir ", "Deir ", "Khirbet ",
            "Abu ", "Beit ", "Ras ", "Jabal ", "Wadi ", "Hay ", "Qaryat ", "Arab ", "Albu ", "Sheikh ")
ARTICLES = ("", "", "Al-", "Al ", "al-", "Ad-", "Ar-", "As-", "Ash-", "Az-", "El-")
ONSETS = ("b", "t", "th", "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "f", "q", "k", "l", "m",
          "n", "w", "y", "'", "gh", "")
VOWELS = ("a", "a", "a", "i", "i", "u", "ou", "aa", "ee", "e", "o", "ay", "aw")
CODAS = ("", "", "", "r", "l", "n", "m", "d", "b", "q", "s", "sh", "h", "t")
ENDINGS = ("", "", "", "iyah", "iya", "iyeh", "an", "at", "ah", "i", "in", "un", "a")
SUFFIXES = ("", "", "", "", "", " Al-Kabir", " Al-Saghir", " Sharqi", " Gharbi", " Shamali",
            " Janubi", " 1", " 2", " Al-Jadida", " Al-Qadima")
# Latin letters -> Arabic letters, for an Arabic-script name of each place.
_ARABIC = {"sh": "ش", "kh": "خ", "th": "ث", "dh": "ذ", "gh": "غ", "aa": "ا", "ee": "ي", "ou": "و",
           "a": "ا", "b": "ب", "t": "ت", "j": "ج", "h": "ه", "d": "د", "r": "ر", "z": "ز", "s": "س",
           "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "w": "و", "y": "ي", "i": "ي",
           "u": "و", "e": "", "o": "و", "'": "ع", "-": " ", " ": " ", "\x00": "ال"}
VARIANTS = (("ou", "u"), ("q", "k"), ("iyah", "iya"), ("ee", "i"), ("aa", "a"), ("Al-", "Al "),
            ("kh", "h"), ("dh", "z"), ("'", ""), ("-", " "), ("ay", "ei"), ("sh", "ch"))
# feature codes and their share: mostly villages, some towns, wells, hills.
FEATURES = (("P", "PPL", 70), ("P", "PPLX", 8), ("P", "PPLA3", 3), ("P", "PPLA2", 1),
            ("H", "WLL", 6), ("T", "HLL", 5), ("S", "FRM", 4), ("L", "AREA", 3))


@dataclass(frozen=True, slots=True)
class GenPlace:
    n: int
    name: str
    names: tuple[str, ...]  # every name, the main one first
    fclass: str
    fcode: str
    country: str
    admin1: str
    admin2: str
    population: int
    lon: float
    lat: float


def _stem(rng: random.Random) -> str:
    syllables = rng.choice((1, 2, 2, 2, 3, 3))
    word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
    word = (word.strip("'") or "ba") + rng.choice(ENDINGS)
    return word[0].upper() + word[1:]


_LATIN_ARTICLE = re.compile(r"\b(?:a[lrsdz]h?|el)[- ]")


def _arabic(latin: str) -> str:
    out, k, low = [], 0, _LATIN_ARTICLE.sub("\x00", latin.lower())
    while k < len(low):
        pair = low[k:k + 2]
        if pair in _ARABIC:
            out.append(_ARABIC[pair])
            k += 2
        else:
            out.append(_ARABIC.get(low[k], ""))
            k += 1
    return " ".join("".join(out).split())


def _variant(name: str, rng: random.Random) -> str:
    for old, new in rng.sample(VARIANTS, 3):
        if old in name:
            return name.replace(old, new, 1)
    return name.upper() if rng.random() < 0.1 else name + rng.choice(("", "e", "h"))


def places(n_places: int, n_names: int, *, seed: int = SEED) -> Iterator[GenPlace]:
    """n_places generated places with about n_names names in all (at least one each)."""
    rng = random.Random(seed)
    stems = [_stem(rng) for _ in range(max(50, n_places // 4))]  # shared: names collide
    weights = [w for _, w, _ in COUNTRIES]
    fweights = [w for *_, w in FEATURES]
    per_place = n_names / n_places
    for n in range(n_places):
        country, _, (x0, y0, x1, y1) = rng.choices(COUNTRIES, weights)[0]
        fclass, fcode, _ = rng.choices(FEATURES, fweights)[0]
        stem = rng.choice(stems) if rng.random() < 0.7 else _stem(rng)
        name = f"{rng.choice(PREFIXES)}{rng.choice(ARTICLES)}{stem}{rng.choice(SUFFIXES)}"
        extra = int(per_place - 1) + (rng.random() < (per_place - 1) % 1)
        names = dict.fromkeys([name, _arabic(name)][: 1 + (extra > 0)])  # a name once per place
        for _ in range(3 * extra):
            if len(names) > extra:
                break
            names[_variant(rng.choice([k for k in names if k.isascii()]), rng)] = None
        pop = int(rng.paretovariate(1.2) * 200) if fclass == "P" and rng.random() < 0.3 else 0
        a1 = rng.randint(1, 18)
        yield GenPlace(n=n, name=name, names=tuple(names), fclass=fclass, fcode=fcode, country=country,
                       admin1=f"{a1:02d}", admin2=f"{country}{a1:02d}{rng.randint(1, 12):02d}",
                       population=pop, lon=round(rng.uniform(x0, x1), 5), lat=round(rng.uniform(y0, y1), 5))


def _insert_postgres(gen: list[GenPlace]) -> None:
    from django.db import connection

    from gazetteer.geoparser.normalize import name_key, script_of
    from gazetteer.models import Place, PlaceName

    place_cols = ("source", "source_id", "name", "ascii_name", "feature_class", "feature_code",
                  "country_code", "admin1_code", "admin2_code", "population", "point")
    raw = connection.connection
    with raw.cursor() as cur:
        with cur.copy(f"COPY {Place._meta.db_table} ({', '.join(place_cols)}) FROM STDIN") as copy:
            for p in gen:
                copy.write_row((SOURCE, f"gen-{p.n}", p.name, p.name, p.fclass, p.fcode, p.country,
                                p.admin1, p.admin2, p.population, f"SRID=4326;POINT({p.lon} {p.lat})"))
        cur.execute(f"SELECT source_id, id FROM {Place._meta.db_table} "
                    "WHERE source = %s AND source_id LIKE 'gen-%%'", (SOURCE,))
        ids = dict(cur.fetchall())
        name_cols = ("place_id", "name", "key", "script", "is_preferred")
        with cur.copy(f"COPY {PlaceName._meta.db_table} ({', '.join(name_cols)}) FROM STDIN") as copy:
            for p in gen:
                pk = ids[f"gen-{p.n}"]
                for k, name in enumerate(p.names):
                    copy.write_row((pk, name, name_key(name), script_of(name), k == 0))


def _insert_orm(gen: list[GenPlace]) -> None:
    from django.contrib.gis.geos import Point

    from gazetteer.geoparser.normalize import name_key, script_of
    from gazetteer.models import Place, PlaceName

    rows = Place.objects.bulk_create([
        Place(source=SOURCE, source_id=f"gen-{p.n}", name=p.name, ascii_name=p.name, feature_class=p.fclass,
              feature_code=p.fcode, country_code=p.country, admin1_code=p.admin1, admin2_code=p.admin2,
              population=p.population, point=Point(p.lon, p.lat, srid=4326)) for p in gen], batch_size=2000)
    if rows and rows[0].pk is None:  # backends that return no ids
        ids = dict(Place.objects.filter(source=SOURCE).values_list("source_id", "pk"))
    else:
        ids = {r.source_id: r.pk for r in rows}
    PlaceName.objects.bulk_create([
        PlaceName(place_id=ids[f"gen-{p.n}"], name=name, key=name_key(name), script=script_of(name),
                  is_preferred=k == 0) for p in gen for k, name in enumerate(p.names)], batch_size=5000)


def gazetteer_generate(*, n_places: int, n_names: int, seed: int = SEED) -> dict:
    """Insert the generated places and names (after any already loaded); bump the stamp."""
    from django.db import connection, transaction

    from gazetteer.index import gazetteer_changed

    t0 = time.perf_counter()
    gen = list(places(n_places, n_names, seed=seed))
    with transaction.atomic():
        (_insert_postgres if connection.vendor == "postgresql" else _insert_orm)(gen)
        gazetteer_changed()
    return {"places": len(gen), "names": sum(len(p.names) for p in gen), "seconds": time.perf_counter() - t0}


def gazetteer_generated_wipe() -> None:
    from gazetteer.index import gazetteer_changed
    from gazetteer.models import Place, PlaceName

    PlaceName.objects.filter(place__source=SOURCE, place__source_id__startswith="gen-").delete()
    Place.objects.filter(source=SOURCE, source_id__startswith="gen-").delete()
    gazetteer_changed()


def main(argv: list[str] | None = None) -> None:
    from bench import bench_setup

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--names", type=int, default=80_000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    bench_setup()
    gazetteer_generated_wipe()
    r = gazetteer_generate(n_places=args.places, n_names=args.names, seed=args.seed)
    print(f"generated {r['places']} places, {r['names']} names in {r['seconds']:.1f} s")


if __name__ == "__main__":
    main()
