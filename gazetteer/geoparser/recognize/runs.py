"""The general path of run matching: a run of name words tokenised, and at each word that
can start a name the longest acceptable span that names something.

Context-free, so the recogniser caches the result per run; fast.run_matches takes the
cheap cases (one word, single spaces, a possessive) before it, and tests/geoparser/
test_fast.py proves them equal to this path."""

import re
from itertools import repeat

from .. import vocab as lx
from ..gazindex import GazetteerIndex, is_strong
from ..normalize import ARTICLES, GENERIC_WORDS, first_word_key, name_key
from ..text import ARABIC_FIRST, ARABIC_LAST, NAME_GAP, NAME_MARKS, TOKEN
from ..types import Kind

MAX_TOKENS = 6


_ARABIC_PREFIX = lx.ARABIC_PREFIXES
_ARABIC_NEVER = frozenset(name_key(w) for w in lx.ARABIC_FUNCTION_WORDS)  # keys, as looked up


# Articles and generic words ("Al", "Markaz") may start any name: name_key drops them.
_ALWAYS_START = ARTICLES | GENERIC_WORDS


# One lookup for the words whose start limit the lexicon fixes (articles and generic
# words may start any name; a NEVER word never starts one): ALWAYS_START wins.
_FIXED_START = {w: 0 for w in lx.NEVER} | {w: MAX_TOKENS for w in _ALWAYS_START}


def start_limit(word: str, starts: dict[str, int]) -> int:
    """0 when no gazetteer or lexicon name can start at this word (a cheap pre-filter),
    else how many tokens a name starting here can span (articles may be added)."""
    first = word[0]
    if ARABIC_FIRST <= first <= ARABIC_LAST:  # cx.ARABIC.match without a regex call
        return MAX_TOKENS
    if not first.isupper() or len(word) < 2:
        return 0
    fixed = _FIXED_START.get(word.lower())
    if fixed is not None:
        return fixed
    if word.isupper() and len(word) <= 4:
        return 0  # rejected by cx.accept as a first word anyway
    words = starts.get(first_word_key(word))  # word counts are >= 1
    if not words:
        return 0
    return words + 2 if words < MAX_TOKENS - 2 else MAX_TOKENS  # min() without the call


_MARK = re.compile(f"[{NAME_MARKS}]")


_CONTRACTIONS = lx.CONTRACTIONS  # Iraq's, they're


def _mark_joined(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Two tokens that are one word split at an ayn mark ("Qa’im"), not a possessive."""
    return bool(_MARK.fullmatch(text, left[1], right[0])) and (
        text[right[0]:right[1]].lower() not in _CONTRACTIONS)


def _match_at(text, tokens, words_of, i, limit, links, index, accepted_ends):
    """The longest acceptable gazetteer/lexicon match starting at run token i, or None.

    ``words_of[k]`` is the text of token k; ``links[k]`` says how tokens k and k+1 meet:
    2 one word split at an ayn mark ("Qa’im"), 1 a gap inside a name, 0 no name spans it."""
    last = i
    while last + 1 < len(tokens) and last + 1 - i < limit and links[last]:
        last += 1
    # Words of tokens i..last, tokens joined by an ayn mark made one word; the words of
    # a shorter span are a prefix of them (a span never ends inside a word).
    if 2 not in links:  # no ayn mark in the run (nearly all): one word per token
        words = words_of[i:last + 1]
        ends = range(i, last + 1)  # the token each word ends with
    else:
        words, ends = [], []
        for k in range(i, last + 1):
            if k > i and links[k - 1] == 2:
                words[-1] += text[tokens[k - 1][1]:tokens[k][1]]
                ends[-1] = k
            else:
                words.append(words_of[k])
                ends.append(k)
    n = len(words)
    accepted = set(accepted_ends(words, 0, n - 1))  # k: the span of words 0..k is acceptable
    start, first_word = tokens[i][0], words[0]
    for j in range(last, i - 1, -1):
        if links[j] == 2:
            continue  # never cut a word at its ayn mark ("Qa’im", "Samarr'a")
        while ends[n - 1] > j:
            n -= 1
        if n - 1 not in accepted:
            continue
        hit = span_lookup(text, start, tokens[j][1], first_word, index)
        if hit is not None:
            return j, *hit
    return None


def span_lookup(text, start, end, first_word, index):
    """(start, end, key, kind, candidates) of an accepted span that names something;
    an Arabic span may lose a one-letter prefix (و، ب، ل، ف، ك: "and", "in"...); an Arabic
    function word ("على", "on") names nothing."""
    key = name_key(text[start:end])
    found = index.lookup(key)
    if found is not None and (found[0] or found[1]) and key not in _ARABIC_NEVER:
        return start, end, key, *found
    if first_word[0] in _ARABIC_PREFIX and len(first_word) > 3:
        key = name_key(text[start + 1:end])
        found = index.lookup(key)
        if found is not None and (found[0] or found[1]) and key not in _ARABIC_NEVER:
            return start + 1, end, key, *found
    return None


def _links(text: str, tokens: list[tuple[int, int]]) -> list[int]:
    """For each token, how it meets the next one (see _match_at); the last gets 0."""
    out = []
    for k in range(len(tokens) - 1):
        if text[tokens[k][1]:tokens[k + 1][0]] == " ":
            out.append(1)  # the usual gap, as _NAME_GAP has it, without the regex calls
        elif _mark_joined(text, tokens[k], tokens[k + 1]):
            out.append(2)
        else:
            out.append(1 if NAME_GAP.fullmatch(text, tokens[k][1], tokens[k + 1][0]) else 0)
    out.append(0)
    return out


_PLACE = Kind.PLACE


KINDS = {kind.value: kind for kind in Kind}  # what the index's kind strings are


def match_tuple(run, hit, one_word, prev):
    """A cached match: (start, end, key, kind name, candidate pairs, common, weak, prev).

    What the recogniser needs of each hit that the run alone decides is computed here,
    once per run: ``common`` a one-word common English word ("Hit"), ``weak`` a one-word
    Latin village namesake, both checked against the context (context.py) at each use."""
    start, end, key, kind, cands = hit
    plain = kind is None and one_word
    common = plain and run[start:end].lower() in lx.COMMON
    weak = plain and not ARABIC_FIRST <= run[start] <= ARABIC_LAST and not is_strong(cands)
    return (start, end, key, KINDS[kind[0]] if kind else _PLACE, tuple(zip(cands, repeat(0.0))),
            common, weak, prev)


def general_matches(run: str, index: GazetteerIndex, accepted_ends) -> tuple:
    """Greedy longest matches inside one run of name words (see match_tuple);
    ``accepted_ends`` gives, for a start word, the spans accept() takes (fast.accepted_ends,
    or its definition accept.accepted_ends_slow)."""
    limits = index.word_cache
    tokens = [m.span() for m in TOKEN.finditer(run)]
    words = [run[s:e] for s, e in tokens]
    links = None  # computed once a word can start a name
    starts = words
    if _MARK.search(run):
        # "Samarr'a": a word split at an ayn mark starts a name as the whole word.
        links = _links(run, tokens)
        starts = list(words)
        for k in range(len(tokens) - 2, -1, -1):
            if links[k] == 2:
                starts[k] = run[tokens[k][0]:tokens[k + 1][0]] + starts[k + 1]
    out = []
    i = 0
    while i < len(tokens):
        word = starts[i]
        limit = limits.get(word)
        if limit is None:
            limit = limits[word] = start_limit(word, index.starts)
        if not limit:
            i += 1
            continue
        if links is None:
            links = _links(run, tokens)
        hit = _match_at(run, tokens, words, i, limit, links, index, accepted_ends)
        if hit is None:
            i += 1
            continue
        j = hit[0]
        out.append(match_tuple(run, hit[1:], j == i, words[i - 1] if i else None))
        i = j + 1
    return tuple(out)
