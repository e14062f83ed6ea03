"""The recogniser's speed paths, each a cheaper way to the result of a general rule:

- ``accepted_ends``: accept() over every span from a start word, in one pass
  (accept.accepted_ends_slow is its definition);
- ``run_matches``: a run that is one word, a run of words joined by single spaces, and a
  possessive's "s" dropped ("Iraq's"), before runs.general_matches, the tokenising path.

tests/geoparser/test_fast.py proves each equal to its general rule on every text of
../shared/data/eval/dev (and on generated ones).
"""

from itertools import accumulate

from .. import vocab as lx
from ..gazindex import GazetteerIndex
from ..normalize import ARTICLES, GENERIC_WORDS, is_article
from ..text import ARABIC_FIRST, ARABIC_LAST, NAME_MARKS
from .accept import LEADING_FUNCTION_WORDS, PARTICLES, accept
from .runs import general_matches, match_tuple, span_lookup, start_limit


def accepted_ends(words: list[str], i: int, last: int) -> list[int]:
    """The k (i <= k <= last) for which ``accept(words[i:k + 1])`` holds, longest span
    first: ``accept``'s rules in one pass over the words (the recognizer tries the spans
    from a start word longest first)."""
    first = words[i]
    if ARABIC_FIRST <= first[0] <= ARABIC_LAST:  # Arabic words only
        stop = i
        while stop < last and ARABIC_FIRST <= words[stop + 1][0] <= ARABIC_LAST:
            stop += 1
        return list(range(stop, i - 1, -1))
    low_first, upper_first = first.lower(), first[0].isupper()
    never = low_first in lx.NEVER
    ends = []
    if upper_first and len(first) >= 2 and not never and low_first not in LEADING_FUNCTION_WORDS:
        for k in range(i + 1, last + 1):
            w = words[k]
            if len(w) < 2:
                break  # no longer span is accepted either
            low = w.lower()  # is_generic(w) is low in GENERIC_WORDS
            if w[0].isupper():
                # A span may end here unless the word is a stop word, generic or an article
                # (is_article, without its second lower() for a plain word).
                if low not in lx.NEVER and low not in GENERIC_WORDS and not (
                        low in ARTICLES if low.isalnum() and low.isascii() else is_article(w)):
                    ends.append(k)
            elif low not in PARTICLES and not is_article(w):
                break  # a lower-case word inside a name is a particle or an article
        ends.reverse()
    if upper_first and len(first) >= 3 and not never and not (
            first.isupper() and len(first) <= 4):
        ends.append(i)  # accept([first])
    return ends


_POSSESSIVE_MARKS = frozenset(NAME_MARKS)  # each a gap of one mark (NAME_GAP)


def run_matches(run: str, index: GazetteerIndex) -> tuple:
    """runs.general_matches(run, index, accepted_ends), the cheap cases first; context-free,
    so cached per run."""
    limits = index.word_cache
    if run.isalnum():
        # One word (most runs): a one-word name or nothing, no tokens, no spans to try.
        limit = limits.get(run)
        if limit is None:
            limit = limits[run] = start_limit(run, index.starts)
        if not limit or not accept([run]):
            return ()
        hit = span_lookup(run, 0, len(run), run, index)
        return () if hit is None else (match_tuple(run, hit, True, None),)
    spaced = run.replace("-", " ") if "-" in run else run
    if "  " not in spaced and spaced.replace(" ", "").isalnum():
        # Words joined by single spaces or hyphens (nine runs in ten; "Jaish al-Islam"):
        # str methods split them as the tokens are, and a run none of whose words can
        # start a name is done before any tokenising.
        words = spaced.split(" ")
        for i, word in enumerate(words):
            limit = limits.get(word)
            if limit is None:
                limit = limits[word] = start_limit(word, index.starts)
            if limit:
                return _spaced_matches(run, words, i, limit, index)
        return ()
    if run[-2:-1] in _POSSESSIVE_MARKS and run[-1] in "sS" and run[-3:-2].isalnum():
        # "Iraq's", "Saudi Arabia's" (never a single-spaced run: it has a mark): the last
        # token "s" never starts a name (one letter) nor is inside an accepted span (accept
        # wants two letters), so the run matches as it does without it (a one-word or
        # single-spaced run: the fast paths), often one the recogniser has cached already
        # ("Syria" before "Syria's").
        base = run[:-2]
        matches = index.run_cache.get(base)
        return run_matches(base, index) if matches is None else matches
    return general_matches(run, index, accepted_ends)


def _spaced_matches(run, words, i, limit, index):
    """run_matches of a run of words joined by single spaces or hyphens, from its first
    start word i (start limit ``limit``): one word a token, every gap one character inside
    a name (no links)."""
    limits, starts = index.word_cache, index.starts
    offsets = list(accumulate([len(w) + 1 for w in words], initial=0))  # word k: offsets[k]
    n = len(words)
    out = []
    while True:
        start, first = offsets[i], words[i]
        for j in accepted_ends(words, i, min(n, i + limit) - 1):
            hit = span_lookup(run, start, offsets[j + 1] - 1, first, index)
            if hit is not None:
                out.append(match_tuple(run, hit, j == i, words[i - 1] if i else None))
                i = j
                break
        i += 1
        while i < n:  # the next word that can start a name
            word = words[i]
            limit = limits.get(word)
            if limit is None:
                limit = limits[word] = start_limit(word, starts)
            if limit:
                break
            i += 1
        else:
            return tuple(out)
