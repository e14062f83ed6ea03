"""Gazetteer read operations: place search for autocomplete and analysts' look-ups.

Ranking: match quality first (the query's name key equals the key of a place's
preferred name > of any of its names > is a prefix of one > the query is a substring
of a name or key), then feature importance (country, capital, governorate seats,
governorates ...), then population. Preferred names come first among exact matches
because GeoNames keeps historic names as alternates: Karbala's "Nainawa" must not
outrank the governorate Ninewa for "Nineveh". The query is folded with the same
`name_key` the loaders stored, so Latin or Arabic spellings both work.

Each kind of match is one query on PlaceName (exact key, key prefix, substring scan);
a wider kind runs only when the narrower ones found fewer than `limit` places, and
the rows are ranked in Python (p95 ~20-30 ms with the full shared gazetteer).
"""

from __future__ import annotations

from django.db.models import F, Q

from gazetteer.geoparser.normalize import name_key, script_of
from gazetteer.loaders.geonames import admin_code_names
from gazetteer.models import Place, PlaceName

MAX_QUERY_LENGTH = 100
MAX_LIMIT = 50

# Lower is more important. ADMn areas sit just under the seats of the same level,
# because an analyst typing "Ninewa" may mean the governorate or Mosul, its seat.
FEATURE_IMPORTANCE = (
    ("PCLI", 0), ("PPLC", 1), ("PPLA", 2), ("ADM1", 3), ("PPLA2", 4), ("ADM2", 5),
    ("PPLA3", 6), ("ADM3", 7), ("PPLA4", 8), ("PPL", 9),
)
_OTHER_IMPORTANCE = 10
RESULT_FIELDS = ("id", "name", "country_code", "feature_code", "admin1_code", "population", "point")
PREFERRED, EXACT, PREFIX, SUBSTRING = 0, 1, 2, 3
MATCH_LABELS = {PREFERRED: "exact", EXACT: "exact", PREFIX: "prefix", SUBSTRING: "substring"}


class SearchQueryError(ValueError):
    """The query is empty or too long; the message is safe to show to the user."""


IMPORTANCE = dict(FEATURE_IMPORTANCE)
# Rows read per match kind; a 2-letter prefix can match thousands of names, and the
# best of them by importance/population are what an autocomplete shows.
ROW_CAP = 2000
_ROW_FIELDS = ("place_id", "name", "key", "is_preferred", "script", "place__feature_code",
               "place__population", "place__name")


def _rows(kind: int, query: str, key: str) -> list[tuple]:
    if kind == EXACT:
        names = PlaceName.objects.filter(key=key)
    elif kind == PREFIX:
        names = PlaceName.objects.filter(key__startswith=key)
    else:
        names = PlaceName.objects.filter(Q(name__icontains=query) | Q(key__contains=key))
    return list(names.order_by("-place__population").values_list(*_ROW_FIELDS)[:ROW_CAP])


def _tier(kind: int, query: str, key: str, name: str, name_key_: str, preferred: bool) -> int | None:
    """The match tier of one name (lower is better), None when it does not match."""
    if name_key_ == key:
        return PREFERRED if preferred else EXACT
    if name_key_.startswith(key):
        return PREFIX
    if kind == SUBSTRING and (key in name_key_ or query.casefold() in name.casefold()):
        return SUBSTRING
    return None


def place_search(*, query: str, limit: int = 10) -> list[dict]:
    """Places whose names match `query` (either script), best first; at most `limit`.

    Raises SearchQueryError for an empty or over-long query.
    """
    query = " ".join((query or "").split())
    if not query:
        raise SearchQueryError("the query is empty")
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchQueryError(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    limit = max(1, min(int(limit), MAX_LIMIT))
    key = name_key(query)
    if not key:
        return []
    script = script_of(query)
    # place id -> (sort key, matched name); a wider kind of match only runs when the
    # narrower ones found fewer than `limit` places.
    best: dict[int, tuple[tuple, str]] = {}
    for kind in (EXACT, PREFIX, SUBSTRING):
        for place_id, name, nkey, preferred, nscript, fcode, population, pname in _rows(kind, query, key):
            tier = _tier(kind, query, key, name, nkey, preferred)
            if tier is None:
                continue
            rank = (tier, IMPORTANCE.get(fcode, _OTHER_IMPORTANCE), -population, pname, place_id,
                    not preferred, nscript != script, len(name), name)
            if place_id not in best or rank < best[place_id][0]:
                best[place_id] = (rank, name)
        if len(best) >= limit:
            break
    top = sorted(best.items(), key=lambda item: item[1][0])[:limit]
    if not top:
        return []
    # Only the admin1 name: selecting the AdminArea would parse its whole outline.
    places = Place.objects.filter(id__in=[pid for pid, _ in top]).only(*RESULT_FIELDS).annotate(
        admin1_name=F("admin1__name_en")
    )
    by_id = {p.id: p for p in places}
    codes = admin_code_names()
    return [_as_dict(by_id[pid], name, rank[0], codes) for pid, (rank, name) in top if pid in by_id]


def _admin1_name(place: Place, codes: dict[str, str]) -> str:
    if place.admin1_name:
        return place.admin1_name
    if place.admin1_code:
        return codes.get(f"{place.country_code}.{place.admin1_code}", place.admin1_code)
    return ""


def _as_dict(place: Place, matched_name: str, tier: int, codes: dict[str, str]) -> dict:
    return {
        "id": place.id,
        "name": place.name,
        "country": place.country_code,
        "feature_code": place.feature_code,
        "admin1": _admin1_name(place, codes),
        "lat": round(place.point.y, 6),
        "lon": round(place.point.x, 6),
        "population": place.population,
        "matched_name": matched_name,
        "match": MATCH_LABELS[tier],
    }
