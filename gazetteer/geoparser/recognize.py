"""Find toponyms in text: gazetteer lookup of capitalised word runs plus context rules.

Offsets are character offsets into the original text (``text[t.start:t.end] ==
t.text``). Recognition only finds spans and their candidates; ``resolve`` chooses.

Speed: one regular expression finds the runs of words a name can consist of
(capitalised words with their articles and particles, or Arabic words); inside a run
only words that can start some indexed name (``GazetteerIndex.starts``) are tried,
longest span first. Context rules (context.py) run on the hits only. Most runs are
words joined by single spaces: str methods split them, every word's start limit is
looked up (``GazetteerIndex.word_cache``) before any tokenising, and a one-word run is
looked up directly.
"""

import re
from itertools import accumulate, repeat
from operator import attrgetter

from . import context as cx
from . import cues
from . import vocab as lx
from .gazindex import GazetteerIndex
from .normalize import ARTICLES, GENERIC_WORDS, first_word_key, name_key
from .text import ARABIC_FIRST, ARABIC_LAST, NAME_GAP, NAME_MARKS, TOKEN, Document
from .types import Kind, Toponym

__all__ = ["GazetteerIndex", "MAX_TOKENS", "recognize"]

MAX_TOKENS = 6
_ARABIC_PREFIX = lx.ARABIC_PREFIXES
_RUN_CACHE_SIZE = 200_000
# Articles and generic words ("Al", "Markaz") may start any name: name_key drops them.
_ALWAYS_START = ARTICLES | GENERIC_WORDS


# One lookup for the words whose start limit the lexicon fixes (articles and generic
# words may start any name; a NEVER word never starts one): ALWAYS_START wins.
_FIXED_START = {w: 0 for w in lx.NEVER} | {w: MAX_TOKENS for w in _ALWAYS_START}


def _start_limit(word: str, starts: dict[str, int]) -> int:
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


def _match_at(text, tokens, words_of, i, limit, links, index):
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
    accepted = set(cx.accepted_ends(words, 0, n - 1))  # k: the span of words 0..k is acceptable
    start, first_word = tokens[i][0], words[0]
    for j in range(last, i - 1, -1):
        if links[j] == 2:
            continue  # never cut a word at its ayn mark ("Qa’im", "Samarr'a")
        while ends[n - 1] > j:
            n -= 1
        if n - 1 not in accepted:
            continue
        hit = _span_lookup(text, start, tokens[j][1], first_word, index)
        if hit is not None:
            return j, *hit
    return None


def _span_lookup(text, start, end, first_word, index):
    """(start, end, key, kind, candidates) of an accepted span that names something;
    an Arabic span may lose a one-letter prefix (و، ب، ل، ف، ك: "and", "in"...)."""
    key = name_key(text[start:end])
    found = index.lookup(key)
    if found is not None and (found[0] or found[1]):
        return start, end, key, *found
    if first_word[0] in _ARABIC_PREFIX and len(first_word) > 3:
        key = name_key(text[start + 1:end])
        found = index.lookup(key)
        if found is not None and (found[0] or found[1]):
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


def _match(run, hit, one_word, prev):
    """A cached match: (start, end, key, kind name, candidate pairs, common, weak, prev).

    What the recogniser needs of each hit that the run alone decides is computed here,
    once per run: ``common`` a one-word common English word ("Hit"), ``weak`` a one-word
    Latin village namesake, both checked against the context (context.py) at each use."""
    start, end, key, kind, cands = hit
    plain = kind is None and one_word
    common = plain and run[start:end].lower() in lx.COMMON
    weak = plain and not ARABIC_FIRST <= run[start] <= ARABIC_LAST and not cx.is_strong(cands)
    return (start, end, key, _KINDS[kind[0]] if kind else _PLACE, tuple(zip(cands, repeat(0.0))),
            common, weak, prev)


_POSSESSIVE_MARKS = frozenset(NAME_MARKS)  # each a gap of one mark (NAME_GAP)


def _one_word_matches(word: str, index: GazetteerIndex) -> tuple:
    """_run_matches of a run that is one word."""
    limits = index.word_cache
    limit = limits.get(word)
    if limit is None:
        limit = limits[word] = _start_limit(word, index.starts)
    if not limit or not cx.accept([word]):
        return ()
    hit = _span_lookup(word, 0, len(word), word, index)
    return () if hit is None else (_match(word, hit, True, None),)


def _run_matches(run: str, index: GazetteerIndex) -> tuple:
    """Greedy longest matches inside one run of name words (see _match); context-free,
    so cached per run."""
    limits = index.word_cache
    if run.isalnum():
        # One word (most runs): a one-word name or nothing, no tokens, no spans to try.
        return _one_word_matches(run, index)
    if "  " not in run and run.replace(" ", "").isalnum():
        # Words joined by single spaces (nine runs in ten): str methods split them, and
        # a run none of whose words can start a name is done before any tokenising.
        words = run.split(" ")
        for i, word in enumerate(words):
            limit = limits.get(word)
            if limit is None:
                limit = limits[word] = _start_limit(word, index.starts)
            if limit:
                return _spaced_matches(run, words, i, limit, index)
        return ()
    if run[-2:-1] in _POSSESSIVE_MARKS and run[-1] in "sS" and run[-3:-2].isalnum():
        # "Iraq's", "Saudi Arabia's" (never a single-spaced run: it has a mark): the last
        # token "s" never starts a name (one letter) nor is inside an accepted span (accept
        # wants two letters), so the run matches as it does without it (a one-word or
        # single-spaced run: the fast paths).
        return _run_matches(run[:-2], index)
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
            limit = limits[word] = _start_limit(word, index.starts)
        if not limit:
            i += 1
            continue
        if links is None:
            links = _links(run, tokens)
        hit = _match_at(run, tokens, words, i, limit, links, index)
        if hit is None:
            i += 1
            continue
        j = hit[0]
        out.append(_match(run, hit[1:], j == i, words[i - 1] if i else None))
        i = j + 1
    return tuple(out)


def _spaced_matches(run, words, i, limit, index):
    """_run_matches of a run of words joined by single spaces, from its first start word
    i (start limit ``limit``): one word a token, every gap inside a name (no links)."""
    limits, starts = index.word_cache, index.starts
    offsets = list(accumulate([len(w) + 1 for w in words], initial=0))  # word k: offsets[k]
    n = len(words)
    out = []
    while True:
        start, first = offsets[i], words[i]
        for j in cx.accepted_ends(words, i, min(n, i + limit) - 1):
            hit = _span_lookup(run, start, offsets[j + 1] - 1, first, index)
            if hit is not None:
                out.append(_match(run, hit, j == i, words[i - 1] if i else None))
                i = j
                break
        i += 1
        while i < n:  # the next word that can start a name
            word = words[i]
            limit = limits.get(word)
            if limit is None:
                limit = limits[word] = _start_limit(word, starts)
            if limit:
                break
            i += 1
        else:
            return tuple(out)


def _gazetteer_hits(doc, index, taken):
    """Toponyms of gazetteer and vocabulary names, plus the person-name keys seen."""
    text = doc.text
    found, person_keys, person_words, uncued = [], set(), set(), set()

    def known(word: str) -> bool:
        return name_key(word) in index

    cache = index.run_cache
    cached = cache.get
    for m in doc.runs:
        run = m[0]
        matches = cached(run)
        if matches is None:
            if len(cache) > _RUN_CACHE_SIZE:
                cache.clear()
                index.word_cache.clear()
            matches = cache[run] = _run_matches(run, index)
        if not matches:
            continue
        run_start = m.start()
        if run_start and text[run_start - 1].isalnum() and not ARABIC_FIRST <= run[0] <= ARABIC_LAST:
            continue  # a Latin run that starts inside a word
        for start, end, key, kind, pairs, common, weak, prev in matches:
            start, end = start + run_start, end + run_start
            if taken and any(s < end and start < e for s, e in taken):
                continue
            if common and cx.common_uncued(text[start:end], prev, doc, start):
                uncued.add(start)
            elif weak:
                # A one-word village namesake: a person's name ("James Baker", then every
                # "Baker" of the report) or a word without any location cue is no place.
                context = cx.weak_name_context(doc, start, end)
                if context == cx.PERSON:
                    person_keys.add(key)
                    continue
                if not context:
                    uncued.add(start)
            if kind in _ORG_KINDS:
                # "Tikrit University" is an organisation, yet where an attack on it was.
                org = cx.in_org(text, start, end) and not (
                    kind == _PLACE and cx.facility_end(text, end) >= 0)
                lead = cx.ORGANISATION if org else cx.lead_in(text, start, end, known)
                if lead == cx.ORGANISATION:
                    kind = Kind.ORGANISATION
                elif kind == _PLACE and (lead == cx.PERSON or (
                        prev is not None and _surname(text, start, end, key, prev, pairs, index))):
                    # "Muqtada al-Sadr": a later "Sadr" without a cue is him too.
                    person_words.add(text[start:end])
                    continue
            if kind == _PLACE and key in _GIVEN_NAME_KEYS and _before_surname(text, end):
                continue  # "the killing of Qassem Soleimani": the man, not a village Qasim
            found.append(Toponym.make(start, end, text[start:end], kind, pairs))
    if person_keys or person_words:
        found = [t for t in found if not (
            t.kind == _PLACE and (t.text in person_words or name_key(t.text) in person_keys)
            and not (cx.cued_at(text, t.start) or cx.cued(doc, t.start, t.end)))]
    if not uncued:
        return found
    sure = [t for t in found if t.start not in uncued]
    return [t for t in found if t.start not in uncued or cx.rescued(text, t, sure)]


_PLACE = Kind.PLACE
_KINDS = {kind.value: kind for kind in Kind}  # what the index's kind strings are
_ORG_KINDS = frozenset({Kind.PLACE, Kind.REGION, Kind.COUNTRY})
_GIVEN_NAME_KEYS = frozenset(name_key(n) for n in lx.GIVEN_NAMES)


_NEXT_WORD = re.compile(r" ([A-Z][a-z]+(?:-[A-Za-z]+)?)\b")


def _before_surname(text: str, end: int) -> bool:
    """A common given name right before a capitalised word that is not a place head
    ("Qassem Soleimani", not "Hamza District"): the start of a person's name."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m[1].lower() not in lx.PLACE_HEADS


def _surname(text, start, end, key, prev, pairs, index) -> bool:
    """A one-word name right after a common given name in its run ("Ali Soleimani",
    "Sinan Salaheddin") that no candidate bears as its own name as written: it names
    them only through an alternate name (As Sulaymaniyah's Kurdish "Soleimani") or a
    loose spelling of their own (Salah al-Din): a man's surname. A town's name as the
    gazetteer writes it ("Hassan Baghdad") stays a place."""
    surface = text[start:end]
    if name_key(prev) not in _GIVEN_NAME_KEYS or text[start - 1] != " " or not surface.isalpha():
        return False
    return not any(name_key(c.name) == key and index.is_exact(surface, c.place_id) for c, _ in pairs)


_START = attrgetter("start")


def recognize(text: str | Document, index: GazetteerIndex) -> list[Toponym]:
    """All toponyms in text order, with unscored candidates (place=None)."""
    doc = Document.of(text)
    text = doc.text
    hits = doc.keywords
    borders = cues.border_spans(text, hits["border"])
    found = [Toponym.make(s, e, text[s:e], Kind.BORDER, ()) for s, e in borders]
    found += _gazetteer_hits(doc, index, borders)
    for start, end in cues.unknown_names(doc, hits):
        clashing = [t for t in found if t.start < end and start < t.end]  # cx.overlaps
        if clashing and clashing[-1].end < end and clashing[-1].kind == _PLACE and (
                cx.facility_end(text, clashing[-1].end) == end):
            continue  # "near Damascus International Airport": the town is the place
        if all(start <= t.start and t.end <= end and (t.start, t.end) != (start, end)
               and t.kind == _PLACE for t in clashing) and clashing:
            found = [t for t in found if t not in clashing]  # "Hammam" inside "Hammam X"
        elif clashing:
            continue
        found.append(Toponym.make(start, end, text[start:end], _PLACE, ()))
    return sorted(found, key=_START)
