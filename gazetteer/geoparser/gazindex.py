"""GazetteerIndex: folded-key lookup of gazetteer candidates plus lexicon kinds.

Pure Python; built by gazetteer/index.py from the database, or by tests from pairs.
"""

from collections.abc import Iterable, Mapping

from . import vocab as lx
from .areagrid import AreaGrid
from .normalize import arabic_without_generic, first_word_key, name_key, script_of, word_count
from .types import Candidate, Kind

# Feature codes of a town or bigger: its name alone is evidence enough.
STRONG_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "ADM1", "ADM2", "PCLI"})


def name_facts(name: str) -> tuple[str, str, str | None, tuple[str, int] | None]:
    """What the index derives from one name: its key, its case-folded form, its Arabic
    form without generic words (None: the same), and for a Latin name the (first-word
    key, word count) the recognizer's start table takes."""
    key = name_key(name)
    if not key:
        return key, "", None, None
    bare = arabic_without_generic(name)
    start = (first_word_key(name), word_count(name)) if script_of(name) == "latn" else None
    return key, name.casefold(), None if bare == name else bare, start


def is_strong(cands: list[Candidate]) -> bool:
    """A town or bigger: its name alone is evidence enough."""
    return any(c.population >= 20000 or c.feature_code in STRONG_CODES for c in cands)


class GazetteerIndex:
    """Folded-key lookup of gazetteer candidates plus country/demonym/region kinds.

    ``entries`` are (name, Candidate) pairs; ``aliases`` are (surface, Candidate) pairs
    learned from analyst corrections and outrank every other candidate of their key;
    ``kinds`` maps extra names to (kind, country code), on top of the built-in lexicon;
    ``parts`` gives the compass parts of country and governorate outlines (parts.py);
    ``areas`` the raster of the governorate outlines (areagrid.py: which one holds a point);
    ``capitals`` each governorate's capital, by the governorate's P-code;
    ``near_border`` the ids of the places near a border between the two mapped countries.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, Candidate]],
        *,
        aliases: Iterable[tuple[str, Candidate]] = (),
        kinds: Mapping[str, tuple[str, str]] | None = None,
        builtin_lexicon: bool = True,
        parts: Mapping[str | int, Mapping[str, tuple[float, float, float]]] | None = None,
        areas: AreaGrid | None = None,
        capitals: Mapping[str, Candidate] | None = None,
        near_border: Iterable[int] = (),
    ):
        self.near_border = frozenset(near_border)
        # A governorate's capital by the governorate's P-code (Candidate.area).
        self.capitals = dict(capitals or {})
        # Compass parts of outlines (parts.py): a country code or an ADM1 place id ->
        # direction ("N", "SE", "C"...) -> (lat, lon, radius km).
        self.parts = {owner: dict(by_dir) for owner, by_dir in (parts or {}).items()}
        self.areas = areas or AreaGrid()
        self._by_key: dict[str, dict[int, Candidate]] = {}
        self._names: dict[int, set[str]] = {}
        self._alias: dict[str, set[int]] = {}
        self._kinds: dict[str, tuple[str, str]] = {}
        # first_word_key of every Latin name and lexicon word -> most words such a name has
        self.starts: dict[str, int] = {}
        self.run_cache: dict[str, tuple] = {}  # run of name words -> its matches (recognizer)
        # word -> how many tokens a name starting there may span, 0: none (recognizer)
        self.word_cache: dict[str, int] = {}
        last_name, last_cand = None, None
        for name, cand in entries:
            # A place's ASCII name is mostly its name: adding the same pair again adds nothing.
            if name != last_name or cand is not last_cand:
                self._add(name, cand)
                last_name, last_cand = name, cand
        for surface, cand in aliases:
            key = self._add(surface, cand)
            if key:
                self._alias.setdefault(key, set()).add(cand.place_id)
        if builtin_lexicon:
            for table, kind in ((lx.COUNTRIES, Kind.COUNTRY.value), (lx.DEMONYMS, Kind.DEMONYM.value),
                                (lx.REGIONS, Kind.REGION.value)):
                for surface, cc in table.items():
                    self._kinds.setdefault(name_key(surface), (kind, cc))
                    self._add_start(surface)
        for surface, value in (kinds or {}).items():
            self._kinds[name_key(surface)] = value
            self._add_start(surface)

    def _add_start(self, name: str) -> None:
        if script_of(name) == "latn":
            key, words = first_word_key(name), word_count(name)
            if words > self.starts.get(key, 0):
                self.starts[key] = words

    def _add(self, name: str, cand: Candidate) -> str:
        key, folded, bare, start = name_facts(name)
        if key:
            self._by_key.setdefault(key, {})[cand.place_id] = cand
            names = self._names.setdefault(cand.place_id, set())
            names.add(folded)
            if bare is not None:
                names.add(bare)  # "مركز ناحية حمام العليل" is written "حمام العليل" too
            if start is not None and start[1] > self.starts.get(start[0], 0):
                self.starts[start[0]] = start[1]
        return key

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: str) -> bool:
        return key in self._by_key or key in self._kinds

    def candidates(self, key: str) -> list[Candidate]:
        """All candidates of a folded key, alias-linked places first."""
        found = self._by_key.get(key)
        if not found:
            return []
        alias = self._alias.get(key)
        if not alias:
            return list(found.values())
        return sorted(found.values(), key=lambda c: c.place_id not in alias)

    def lookup(self, key: str) -> tuple[tuple[str, str] | None, list[Candidate]] | None:
        """(kind, candidates) of a folded key, or None when the key names nothing: one
        call per span the recognizer tries, most of which name nothing."""
        kind = self._kinds.get(key)
        found = self._by_key.get(key)
        if found is None:
            return None if kind is None else (kind, [])
        if key in self._alias:
            return kind, self.candidates(key)
        return kind, list(found.values())  # candidates(key) without a second lookup

    def kind(self, key: str) -> tuple[str, str] | None:
        """(kind, country code) for a country, demonym or region key, else None."""
        return self._kinds.get(key)

    def country_code(self, surface: str) -> str:
        """The country code the lexicon gives a country, demonym or region name as
        written ("Syria", "Iraqi": "SY", "IQ"), "" for any other name."""
        kind = self._kinds.get(name_key(surface))
        return kind[1] if kind else ""

    def is_alias(self, key: str, place_id: int) -> bool:
        return place_id in self._alias.get(key, ())

    def part(self, owner: str | int, direction: str) -> tuple[float, float, float] | None:
        """(lat, lon, radius km) of a compass part of a country (code) or governorate
        (place id), or None when its outline is not loaded."""
        return self.parts.get(owner, {}).get(direction)

    def entries(self):
        """(key, candidates) of every name key (the loose lookup builds its map from them)."""
        return ((key, list(found.values())) for key, found in self._by_key.items())

    def capital(self, area: Candidate) -> Candidate | None:
        """The capital of a governorate (a Candidate with an area code), when known."""
        return self.capitals.get(area.area) if area.area else None

    def is_exact(self, surface: str, place_id: int) -> bool:
        """True when the surface is one of the place's names as written (case aside; an
        Arabic name also without its generic words)."""
        names = self._names.get(place_id, ())
        return surface.casefold() in names or arabic_without_generic(surface) in names


