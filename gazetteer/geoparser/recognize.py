"""Find toponyms in text: gazetteer lookup of capitalised word runs plus context rules.

Offsets are character offsets into the original text (``text[t.start:t.end] ==
t.text``). Recognition only finds spans and their candidates; ``resolve`` chooses.

Speed: one regular expression finds the runs of words a name can consist of
(capitalised words with their articles and particles, or Arabic words); inside a run
only words that can start some indexed name (``GazetteerIndex.starts``) are tried,
longest span first. Context rules (context.py) run on the hits only.
"""

import re

from . import context as cx
from . import lexicon as lx
from .gazindex import GazetteerIndex
from .normalize import ARTICLES, GENERIC_WORDS, first_word_key, is_article, is_generic, name_key
from .types import Toponym

__all__ = ["GazetteerIndex", "MAX_TOKENS", "recognize"]

MAX_TOKENS = 6
# Inside one name words are joined by spaces, a bare hyphen or an ayn mark; a spaced
# dash ("QAMISHLI - A ...") separates a dateline from the text.
_NAME_GAP = re.compile(r"[ \t\u00a0]{1,2}['’‘ʿʾ`]?|[-–]['’‘ʿʾ`]?|['’‘ʿʾ`]")
_GAP = r"(?:[ \t\u00a0]{1,2}['’‘ʿʾ`]?|[-–]['’‘ʿʾ`]?|['’‘ʿʾ`])"
_CAP = r"[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff][^\W_]*(?:['’‘ʿʾ`][^\W_]+)*"
_LOW = (r"(?:al|el|il|ul|ad|ed|ud|adh|ath|ar|er|ur|as|es|us|ash|esh|at|et|ut|az|ez|uz|an|en"
        r"|un|bin|ibn|bani|abu|um|umm)(?![^\W_])")
# No look-behind for a word start: it would be tried at every position; a run that
# starts inside a word ("McDonald" has none, "aBc" has one) is skipped in Python.
_LATIN_RUN = re.compile(rf"{_CAP}(?:{_GAP}(?:{_CAP}|{_LOW}))*")
_ARABIC_RUN = re.compile(r"[\u0600-\u06ff]+(?:" + _GAP + r"[\u0600-\u06ff]+)*")


def _runs(text: str):
    runs = [m.span() for m in _LATIN_RUN.finditer(text)
            if not (m.start() and text[m.start() - 1].isalnum())]
    if cx.ARABIC.search(text):
        runs = sorted(runs + [m.span() for m in _ARABIC_RUN.finditer(text)])
    return runs
_ARABIC_PREFIX = "وبلفك"
_RUN_CACHE_SIZE = 200_000
# Articles and generic words ("Al", "Markaz") may start any name: name_key drops them.
_ALWAYS_START = ARTICLES | GENERIC_WORDS


def _may_start(word: str, starts: dict[str, int]) -> bool:
    """Cheap pre-filter: can a gazetteer or lexicon name start at this word?"""
    if cx.ARABIC.match(word):
        return True
    if not word[0].isupper() or len(word) < 2:
        return False
    low = word.lower()
    if low in _ALWAYS_START:
        return True
    if low in lx.NEVER or (word.isupper() and len(word) <= 4):
        return False  # rejected by cx.accept as a first word anyway
    return first_word_key(word) in starts


_MARK = re.compile(r"['’‘ʿʾ`]")
_CONTRACTIONS = frozenset({"s", "re", "ll", "ve", "d", "t", "m"})  # Iraq's, they're


def _mark_joined(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Two tokens that are one word split at an ayn mark ("Qa’im"), not a possessive."""
    return bool(_MARK.fullmatch(text, left[1], right[0])) and (
        text[right[0]:right[1]].lower() not in _CONTRACTIONS)


def _words(text: str, tokens: list[tuple[int, int]]) -> list[str]:
    """Token texts, with tokens joined by a bare ayn mark made one word ("Qa’im")."""
    words: list[str] = []
    for k, (s, e) in enumerate(tokens):
        if k and _mark_joined(text, tokens[k - 1], (s, e)):
            words[-1] += text[tokens[k - 1][1]:e]
        else:
            words.append(text[s:e])
    return words


def _span_limit(word: str, starts: dict[str, int]) -> int:
    """How many tokens a name starting with this word can span (articles may be added)."""
    if cx.ARABIC.match(word) or is_article(word) or is_generic(word):
        return MAX_TOKENS
    return min(MAX_TOKENS, starts.get(first_word_key(word), 0) + 2)


def _match_at(text, tokens, i, index):
    """The longest acceptable gazetteer/lexicon match starting at run token i, or None."""
    limit = _span_limit(text[tokens[i][0]:tokens[i][1]], index.starts)
    last = i
    while last + 1 < len(tokens) and last + 1 - i < limit:
        if not _NAME_GAP.fullmatch(text, tokens[last][1], tokens[last + 1][0]):
            break
        last += 1
    for j in range(last, i - 1, -1):
        if j + 1 < len(tokens) and _mark_joined(text, tokens[j], tokens[j + 1]):
            continue  # never cut a word at its ayn mark ("Qa’im", "Samarr'a")
        words = _words(text, tokens[i:j + 1])
        start, end = tokens[i][0], tokens[j][1]
        if not cx.accept(words):
            continue
        for offset in (0, 1):
            if offset and not (words[0][0] in _ARABIC_PREFIX and len(words[0]) > 3):
                break
            key = name_key(text[start + offset:end])
            kind = index.kind(key)
            cands = index.candidates(key)
            if kind or cands:
                return j, start + offset, end, key, kind, cands
    return None


def _run_matches(run: str, index: GazetteerIndex) -> tuple:
    """Greedy longest matches inside one run of name words, as (start, end, key, kind,
    candidates, one_word, previous word in the run); context-free, so cached per run."""
    tokens = [m.span() for m in cx.TOKEN.finditer(run)]
    out = []
    words = index.word_cache
    i = 0
    while i < len(tokens):
        s, e = tokens[i]
        word = run[s:e]
        ok = words.get(word)
        if ok is None:
            ok = words[word] = _may_start(word, index.starts)
        if not ok:
            i += 1
            continue
        hit = _match_at(run, tokens, i, index)
        if hit is None:
            i += 1
            continue
        j, start, end, key, kind, cands = hit
        prev = run[tokens[i - 1][0]:tokens[i - 1][1]] if i else None
        out.append((start, end, key, kind, cands, j == i, prev))
        i = j + 1
    return tuple(out)


def _gazetteer_hits(text, index, taken):
    """Toponyms of gazetteer and lexicon names, plus the person-name keys seen."""
    found, person_keys, uncued = [], set(), set()
    cache = index.run_cache
    for run_start, run_end in _runs(text):
        run = text[run_start:run_end]
        matches = cache.get(run)
        if matches is None:
            if len(cache) > _RUN_CACHE_SIZE:
                cache.clear()
                index.word_cache.clear()
            matches = cache[run] = _run_matches(run, index)
        for start, end, key, kind, cands, one_word, prev in matches:
            start, end = start + run_start, end + run_start
            if taken and any(s < end and start < e for s, e in taken):
                continue
            if kind is None and one_word and cx.common_uncued(text[start:end], prev, text, start):
                uncued.add(start)
            elif kind is None and one_word and not cx.ARABIC.match(text[start]) and not (
                    cx.is_strong(cands)):
                # A one-word village namesake: a person's name ("James Baker", then every
                # "Baker" of the report) or a word without any location cue is no place.
                if cx.in_longer_name(text, start, end):
                    person_keys.add(key)
                    continue
                if not cx.cued(text, start, end):
                    uncued.add(start)
            kind_name = kind[0] if kind else "place"
            if kind_name in ("place", "region", "country") and cx.in_org(text, start, end):
                kind_name = "organisation"
            found.append(Toponym(start, end, text[start:end], kind=kind_name,
                                 candidates=[(c, 0.0) for c in cands]))
    found = [t for t in found if not (
        t.kind == "place" and name_key(t.text) in person_keys and not cx.cued_at(text, t))]
    sure = [t for t in found if t.start not in uncued]
    return [t for t in found if t.start not in uncued or cx.rescued(text, t, sure)]


def recognize(text: str, index: GazetteerIndex) -> list[Toponym]:
    """All toponyms in text order, with unscored candidates (place=None)."""
    hits = cx.keyword_hits(text)
    borders = cx.border_spans(text, hits["border"])
    found = [Toponym(s, e, text[s:e], kind="border") for s, e in borders]
    found += _gazetteer_hits(text, index, borders)
    for start, end in cx.unknown_names(text, hits):
        clashing = [t for t in found if cx.overlaps(t, start, end)]
        if all(start <= t.start and t.end <= end and (t.start, t.end) != (start, end)
               and t.kind == "place" for t in clashing) and clashing:
            found = [t for t in found if t not in clashing]  # "Hammam" inside "Hammam X"
        elif clashing:
            continue
        found.append(Toponym(start, end, text[start:end]))
    return sorted(found, key=lambda t: t.start)
