"""Find toponyms in text: gazetteer n-gram lookup plus context rules.

Offsets are character offsets into the original text (``text[t.start:t.end] ==
t.text``). Recognition only finds spans and their candidates; ``resolve`` chooses.
"""

import re
from collections.abc import Iterable, Mapping

from . import lexicon as lx
from .normalize import is_article, is_generic, name_key
from .types import Candidate, Toponym

MAX_TOKENS = 6

_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0640])*")
# Inside one name words are joined by spaces, a bare hyphen or an ayn mark; a spaced
# dash ("QAMISHLI - A ...") separates a dateline from the text.
_NAME_GAP = re.compile(r"[ \t\u00a0]{1,2}['’‘ʿʾ`]?|[-–]['’‘ʿʾ`]?|['’‘ʿʾ`]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_PREFIX = "وبلفك"
_LEADING_FUNCTION_WORDS = frozenset({"the", "a", "an", "in", "of", "on", "at", "near"})
_PARTICLES = frozenset({"bin", "ibn", "bani", "abu", "um", "umm"})

_CAP_WORD = r"[A-Z][\w'’]*"
_NAME_SEQ = (
    rf"{_CAP_WORD}(?:(?:[ \t]+|-)(?:(?:al|el|ad|ar|as|ash|at|az|ez|an|ul|bin|ibn)"
    rf"(?:[ \t]+|-))?{_CAP_WORD}){{0,4}}"
)
_CUE_NAME = re.compile(rf"\b(?i:{lx.CUE_PATTERN})[ \t]+(?:the[ \t]+)?(?P<name>{_NAME_SEQ})")
_NAME_AREA = re.compile(rf"(?P<name>{_NAME_SEQ})[ \t]+(?:{lx.AREA_WORDS})\b")
_ORG = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’\-]*[ \t]+(?:(?:of|for|and|the)[ \t]+)?){1,6}(?:"
    + "|".join(sorted(lx.ORG_HEADS, key=len, reverse=True))
    + r")\b"
)
_ADJ = "|".join(sorted((w.capitalize() for w in lx.BORDER_ADJECTIVES), key=len, reverse=True))
_BORDER = re.compile(
    rf"\b(?:{_ADJ})(?:[ \t]*[-–/][ \t]*(?:{_ADJ})|[ \t]+and[ \t]+(?:{_ADJ}))?"
    r"[ \t]+border(?:s|lands?|line)?\b"
)


class GazetteerIndex:
    """Folded-key lookup of gazetteer candidates plus country/demonym/region kinds.

    ``entries`` are (name, Candidate) pairs; ``aliases`` are (surface, Candidate) pairs
    learned from analyst corrections and outrank every other candidate of their key;
    ``kinds`` maps extra names to (kind, country code), on top of the built-in lexicon.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, Candidate]],
        *,
        aliases: Iterable[tuple[str, Candidate]] = (),
        kinds: Mapping[str, tuple[str, str]] | None = None,
        builtin_lexicon: bool = True,
    ):
        self._by_key: dict[str, dict[int, Candidate]] = {}
        self._names: dict[int, set[str]] = {}
        self._alias: dict[str, set[int]] = {}
        self._kinds: dict[str, tuple[str, str]] = {}
        for name, cand in entries:
            self._add(name, cand)
        for surface, cand in aliases:
            key = self._add(surface, cand)
            if key:
                self._alias.setdefault(key, set()).add(cand.place_id)
        if builtin_lexicon:
            for table, kind in ((lx.COUNTRIES, "country"), (lx.DEMONYMS, "demonym"),
                                (lx.REGIONS, "region")):
                for surface, cc in table.items():
                    self._kinds.setdefault(name_key(surface), (kind, cc))
        for surface, value in (kinds or {}).items():
            self._kinds[name_key(surface)] = value

    def _add(self, name: str, cand: Candidate) -> str:
        key = name_key(name)
        if key:
            self._by_key.setdefault(key, {})[cand.place_id] = cand
            self._names.setdefault(cand.place_id, set()).add(name.casefold())
        return key

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: str) -> bool:
        return key in self._by_key or key in self._kinds

    def candidates(self, key: str) -> list[Candidate]:
        """All candidates of a folded key, alias-linked places first."""
        found = list(self._by_key.get(key, {}).values())
        alias = self._alias.get(key, set())
        return sorted(found, key=lambda c: c.place_id not in alias)

    def kind(self, key: str) -> tuple[str, str] | None:
        """(kind, country code) for a country, demonym or region key, else None."""
        return self._kinds.get(key)

    def is_alias(self, key: str, place_id: int) -> bool:
        return place_id in self._alias.get(key, ())

    def is_exact(self, surface: str, place_id: int) -> bool:
        """True when the surface is one of the place's names as written (case aside)."""
        return surface.casefold() in self._names.get(place_id, ())


def _is_arabic(word: str) -> bool:
    return bool(_ARABIC.match(word))


def _accept(words: list[str], prev: str) -> bool:
    """Capitalisation, stop-list and acronym rules for a Latin candidate span."""
    if _is_arabic(words[0]):
        return all(_is_arabic(w) for w in words)
    first, last = words[0], words[-1]
    if not (first[0].isupper() and last[0].isupper()):
        return False
    if any(not (w[0].isupper() or is_article(w) or w.lower() in _PARTICLES) for w in words):
        return False
    if sum(len(w) for w in words) < 3 or len(words) > 1 and (
        is_generic(last) or is_article(last) or first.lower() in _LEADING_FUNCTION_WORDS
        or min(len(w) for w in words) < 2
    ):
        return False
    if first.lower() in lx.NEVER or last.lower() in lx.NEVER:
        return False
    if len(words) == 1:
        if first.isupper() and len(first) <= 4:
            return False  # acronyms: US, IS, OSM, ISIS, PMF
        if first.lower() in lx.COMMON:
            return prev.lower() in lx.TRIGGERS
    return True


def _org_span(m: re.Match) -> tuple[int, int]:
    """An organisation span, starting after any possessive ("Iraq's Joint ... Command")."""
    cut = max(m.group().rfind("'s "), m.group().rfind("’s "))
    return (m.start() + cut + 3 if cut >= 0 else m.start()), m.end()


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(a: Toponym, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def _unknown_names(text: str, found: list[Toponym], orgs: list[tuple[int, int]]):
    """Capitalised names after strong location cues that the gazetteer lacks."""
    for pattern in (_CUE_NAME, _NAME_AREA):
        for m in pattern.finditer(text):
            start, end = m.span("name")
            words = [t for t in _TOKEN.finditer(m.group("name"))]
            if words[0].group().lower() == "the":
                if len(words) == 1:
                    continue
                start, words = start + words[1].start(), words[1:]
            words = [w.group() for w in words]
            lowered = [w.lower() for w in words]
            if any(w in lx.NEVER or w.capitalize() in lx.ORG_HEADS for w in lowered):
                continue
            if len(words) == 1 and (lowered[0] in lx.COMMON or words[0].isupper()):
                continue
            if _inside(orgs, start, end) or name_key(text[start:end]) in _LEXICON_KEYS:
                continue
            yield start, end


_LEXICON_KEYS = frozenset(
    name_key(s) for table in (lx.COUNTRIES, lx.DEMONYMS, lx.REGIONS) for s in table
)


def _match_at(text, tokens, i, index):
    """The longest acceptable gazetteer/lexicon match starting at token i, or None."""
    prev = text[tokens[i - 1][0]:tokens[i - 1][1]] if i else ""
    last = i
    while last + 1 < len(tokens) and last + 1 - i < MAX_TOKENS:
        gap = text[tokens[last][1]:tokens[last + 1][0]]
        if not _NAME_GAP.fullmatch(gap):
            break
        last += 1
    for j in range(last, i - 1, -1):
        words = [text[s:e] for s, e in tokens[i:j + 1]]
        if not _accept(words, prev):
            continue
        start, end = tokens[i][0], tokens[j][1]
        for offset in (0, 1):
            if offset and not (words[0][0] in _ARABIC_PREFIX and len(words[0]) > 3):
                break
            key = name_key(text[start + offset:end])
            kind = index.kind(key)
            cands = index.candidates(key)
            if kind or cands:
                return j, start + offset, end, key, kind, cands
    return None


def recognize(text: str, index: GazetteerIndex) -> list[Toponym]:
    """All toponyms in text order, with unscored candidates (place=None)."""
    tokens = [m.span() for m in _TOKEN.finditer(text)]
    orgs = [_org_span(m) for m in _ORG.finditer(text)]
    found = [Toponym(m.start(), m.end(), m.group(), kind="border") for m in _BORDER.finditer(text)]
    taken = {k for t in found for k, (s, _) in enumerate(tokens) if t.start <= s < t.end}
    i = 0
    while i < len(tokens):
        if i in taken:
            i += 1
            continue
        hit = _match_at(text, tokens, i, index)
        if hit is None:
            i += 1
            continue
        j, start, end, key, kind, cands = hit
        kind_name = kind[0] if kind else "place"
        if kind_name in ("place", "region", "country") and _inside(orgs, start, end):
            kind_name = "organisation"
        found.append(Toponym(start, end, text[start:end], kind=kind_name,
                             candidates=[(c, 0.0) for c in cands]))
        i = j + 1
    for start, end in _unknown_names(text, found, orgs):
        clashing = [t for t in found if _overlaps(t, start, end)]
        if all(start <= t.start and t.end <= end and (t.start, t.end) != (start, end)
               and t.kind == "place" for t in clashing) and clashing:
            found = [t for t in found if t not in clashing]  # "Hammam" inside "Hammam X"
        elif clashing:
            continue
        found.append(Toponym(start, end, text[start:end]))
    return sorted(found, key=lambda t: t.start)
