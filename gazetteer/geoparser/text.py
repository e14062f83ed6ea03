"""The text, tokenised once: ``Document`` is what every stage of the geoparser reads.

A document holds the text and, computed at most once each and only when a stage asks:

- ``runs``: the runs of name words (capitalised words with their articles and particles,
  or Arabic words), the units the recogniser looks names up in;
- ``keywords``: the cue-word hits of one automaton pass (vocabulary words at word starts:
  compass words, area words, "camp", "border"), by kind;
- ``tokens``: the token array (a letter or digit, then letters, digits and combining
  marks), and the lookups the stages make around a name (``prev_tokens``,
  ``next_tokens``, ``tokens_in``), which find in a window what the array holds there
  without building it;
- ``sentence_id``: which sentence a position is in (full stop, "!", "?" before a blank).

Why not the token list built up front for every text (or a spaCy blank pipeline): the
geoparser spends about 0.35 ms on a 2 KB report; a Python list of its tokens costs 0.1 ms
and spaCy's blank tokenizer alone 0.7-0.9 ms (bench/README.md), while the stages only look
at the one or two tokens on each side of a name. Case and script are read off a token's
text (``script_of_char``).

The two Arabic ranges are defined here and nowhere else: the recogniser treats the Arabic
block (U+0600-U+06FF) as Arabic letters, name keys every Arabic block (``is_arabic``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import chain

import ahocorasick

from . import vocab as lx
from .vocab import patterns as pt

__all__ = ["ARABIC_FIRST", "ARABIC_LAST", "Document", "TOKEN", "is_arabic", "script_of_char"]

# The Arabic block: what recognition treats as Arabic letters (runs, start limits, accept).
ARABIC_FIRST, ARABIC_LAST = "\u0600", "\u06ff"
ARABIC_BLOCK = f"{ARABIC_FIRST}-{ARABIC_LAST}"
# Every Arabic block (supplement, extended-A, presentation forms): what name keys treat as
# Arabic (normalize.script_of), a wider range than recognition's on purpose.
ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                 (0xFE70, 0xFEFF))
# Harakat and other Arabic marks, the tatweel, Latin combining diacritics: inside a token.
ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670"
TATWEEL = "\u0640"
LATIN_MARKS = "\u0300-\u036f"
TOKEN_MARKS = f"{LATIN_MARKS}{ARABIC_MARKS}{TATWEEL}"
# Marks that transliterate ayn/hamza inside a name ("Qa’im") or write a possessive.
NAME_MARKS = "'’‘ʿʾ`"

# A letter or digit, then letters, digits and marks (unrolled: one loop per kind).
TOKEN = re.compile(rf"[^\W_]+(?:[{TOKEN_MARKS}]+[^\W_]*)*")
# TOKEN read backwards: a token is a letter followed by letters and marks, so in the
# reversed text it is letters and marks up to the last letter (greedy, backtracking).
_REVERSED_TOKEN = re.compile(rf"(?:[^\W_]|[{TOKEN_MARKS}])*[^\W_]")
_ARABIC = re.compile(f"[{ARABIC_BLOCK}]")


def is_arabic(ch: str) -> bool:
    """A character of any Arabic block (name keys' notion of Arabic)."""
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in ARABIC_RANGES)


def script_of_char(ch: str) -> str:
    """"arab" for a letter of the Arabic block (recognition's notion), "latn" for another
    letter, "" for anything else."""
    if ARABIC_FIRST <= ch <= ARABIC_LAST:
        return "arab"
    return "latn" if ch.isalpha() else ""


def has_arabic(text: str) -> bool:
    """A letter of the Arabic block in text; the regex scans only a text with a byte 0x06 in
    its UTF-16 form (every such letter has one), so mostly never."""
    if text.isascii() or b"\x06" not in text.encode("utf-16-le", "surrogatepass"):
        return False
    return _ARABIC.search(text) is not None


# --- name-word runs ------------------------------------------------------------------
# Inside one name words are joined by spaces, a bare hyphen or an ayn mark; a spaced
# dash ("QAMISHLI - A ...") separates a dateline from the text.
NAME_GAP = re.compile(rf"[ \t\u00a0]{{1,2}}[{NAME_MARKS}]?|[-–][{NAME_MARKS}]?|[{NAME_MARKS}]")
_GAP = rf"(?:[ \t\u00a0]{{1,2}}[{NAME_MARKS}]?|[-–][{NAME_MARKS}]?|[{NAME_MARKS}])"
_CAP = rf"[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff][^\W_]*(?:[{NAME_MARKS}][^\W_]+)*"
# The detached articles and particles, written as a trie: re tries a flat alternation one
# literal after the other after every gap.
_LOW = rf"(?:{pt.trie(lx.ARTICLES | lx.PARTICLES)})(?![^\W_])"
# No look-behind for a word start: it would be tried at every position; a Latin run that
# starts inside a word ("McDonald" has none, "aBc" has one) is skipped by the recogniser,
# and only when it has matches (most runs have none).
_LATIN_RUN = re.compile(rf"{_CAP}(?:{_GAP}(?:{_CAP}|{_LOW}))*")
_ARABIC_RUN = re.compile(rf"[{ARABIC_BLOCK}]+(?:{_GAP}[{ARABIC_BLOCK}]+)*")


# --- keyword hits --------------------------------------------------------------------
def _starts(words) -> tuple[str, ...]:
    """The words no other word of the list starts (the automaton finds word starts)."""
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))


_CUE_AREA_WORDS = tuple(w for w, area in lx.AREA_WORDS.items() if area.cue)
# Keyword kinds: "cue" the strong cues before an unknown name, "area" the area words after
# one, "camp", "border" (vocabulary lists; recognition reads them).
KEYWORD_KINDS = {
    "cue": _starts((*lx.CARDINALS, *lx.UNKNOWN_NAME_OF, *lx.UNKNOWN_NAME_BEFORE)),
    "area": _starts(_CUE_AREA_WORDS),
    "camp": (lx.CAMP,),
    "border": _starts(lx.BORDER_WORDS),
}


def _keyword_automaton() -> ahocorasick.Automaton:
    """Every keyword after a space or a hyphen, over the text as _keyword_hits folds it: one
    root edge instead of one per first letter makes the scan about twice as fast."""
    kinds: dict[str, list[str]] = {}
    for kind, words in KEYWORD_KINDS.items():
        for word in words:
            kinds.setdefault(word, []).append(kind)
    auto = ahocorasick.Automaton()
    for word, word_kinds in kinds.items():
        for before in " -":
            auto.add_word(before + word, (len(word), tuple(word_kinds)))
    auto.make_automaton()
    return auto


_KEYWORDS = _keyword_automaton()
# ASCII letters, digits and hyphens (every keyword character) stay, other bytes are spaces.
_KEYWORD_BYTES = bytes(b if chr(b).isalnum() and b < 128 or b == 0x2D else 0x20 for b in range(256))
_KEYWORD_BYTES_LOWER = _KEYWORD_BYTES.translate(bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                                                 b"abcdefghijklmnopqrstuvwxyz"))
# The only characters whose lower() is longer ("İ" -> "i̇") or ASCII (Kelvin "K" -> "k").
_LOWER_SHIFTS, _LOWER_TO_ASCII = "\u0130", "\u212a"


def _keyword_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Whole-word-start keyword hits of the lower-cased text by kind.

    The automaton scans a copy of the lower-cased text of the same length with every
    character that no keyword has made a space (non-ASCII ones too), after one leading
    space: every keyword at a word start follows a space or a hyphen there. A non-ASCII
    letter made a space is no word boundary: each hit is checked on the lower-cased text."""
    if text.isascii() or not (_LOWER_SHIFTS in text or _LOWER_TO_ASCII in text):
        # Nearly every text: the table lower-cases ASCII letters, no lower() copy (slow for a
        # non-ASCII text). lower() keeps every other character's offset and alnum-ness, and
        # leaves it non-ASCII: a space in the folded text either way.
        low = text
        folded = " " + text.encode("ascii", "replace").translate(_KEYWORD_BYTES_LOWER).decode("ascii")
    else:
        low = text.lower()
        folded = " " + low.encode("ascii", "replace").translate(_KEYWORD_BYTES).decode("ascii")
    hits: dict[str, list[tuple[int, int]]] = {kind: [] for kind in KEYWORD_KINDS}
    for end, (size, kinds) in _KEYWORDS.iter(folded):
        start = end - size  # folded[end] is low[end - 1]
        if start == 0 or not low[start - 1].isalnum():
            for kind in kinds:
                hits[kind].append((start, end))
    return hits


# --- sentences -----------------------------------------------------------------------
_SENTENCE_END = re.compile(r"[.!?]+['\"’”)]*\s+")

_PREV_WINDOW, _NEXT_WINDOW = 48, 64  # how far prev_tokens and next_tokens look


class Document:
    """One text and its layers (runs, keyword hits, tokens, sentences), each computed at most
    once. Pass it to the stages instead of the text; ``Document.of`` accepts either."""

    __slots__ = ("text", "_arabic", "_runs", "_keywords", "_tokens", "_sentences")

    def __init__(self, text: str):
        if not isinstance(text, str):
            raise TypeError(f"a Document needs text as str, got {type(text).__name__}")
        self.text = text
        self._arabic: bool | None = None
        self._runs: list[re.Match] | None = None
        self._keywords: dict[str, list[tuple[int, int]]] | None = None
        self._tokens: list[tuple[int, int]] | None = None
        self._sentences: list[int] | None = None

    @staticmethod
    def of(text: str | Document) -> Document:
        return text if isinstance(text, Document) else Document(text)

    def __repr__(self) -> str:
        return f"Document({self.text[:40]!r}{'...' if len(self.text) > 40 else ''})"

    @property
    def arabic(self) -> bool:
        """Whether the text has a letter of the Arabic block (has_arabic)."""
        if self._arabic is None:
            self._arabic = has_arabic(self.text)
        return self._arabic

    @property
    def runs(self) -> list[re.Match]:
        """Match objects of the runs of name words: the Latin ones, then the Arabic ones
        (runs never overlap and the recogniser sorts what it finds, so no merge is needed)."""
        if self._runs is None:
            text = self.text
            latin = _LATIN_RUN.finditer(text)
            self._runs = list(chain(latin, _ARABIC_RUN.finditer(text)) if self.arabic else latin)
        return self._runs

    @property
    def keywords(self) -> dict[str, list[tuple[int, int]]]:
        """Cue-word hits at word starts by kind (KEYWORD_KINDS): {kind: [(start, end)]}."""
        if self._keywords is None:
            self._keywords = _keyword_hits(self.text)
        return self._keywords

    # --- tokens ----------------------------------------------------------------------
    @property
    def tokens(self) -> list[tuple[int, int]]:
        """Spans of every token, in text order (built the first time it is asked for)."""
        if self._tokens is None:
            self._tokens = [m.span() for m in TOKEN.finditer(self.text)]
        return self._tokens

    # The lookups the stages make, each around one name: what the token array holds in
    # that window (tests/geoparser/test_text.py), found there without building it (the
    # whole array costs a third of the geoparser's time; the stages need 2 tokens).
    def prev_tokens(self, pos: int, n: int = 2) -> list[tuple[int, int]]:
        """Spans of up to n tokens in the 48 characters before pos (nearest last), cut at
        both ends of that window."""
        back = self.text[max(0, pos - _PREV_WINDOW):pos][::-1]
        spans, at = [], 0
        for _ in range(n):  # TOKEN read backwards from pos: never the tokens further back
            m = _REVERSED_TOKEN.search(back, at)
            if m is None:
                break
            at = m.end()
            spans.append((pos - at, pos - m.start()))
        spans.reverse()
        return spans

    def next_tokens(self, pos: int, n: int = 2) -> list[tuple[int, int]]:
        """Spans of up to n tokens in the 64 characters from pos (nearest first), cut at
        both ends of that window."""
        spans, end, text = [], pos + _NEXT_WINDOW, self.text
        for _ in range(n):  # a search per token: cheaper than finditer for one or two
            m = TOKEN.search(text, pos, end)
            if m is None:
                break
            pos = m.end()
            spans.append((m.start(), pos))
        return spans

    def tokens_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of the tokens of text[start:end], cut at both ends."""
        return [m.span() for m in TOKEN.finditer(self.text, start, end)]

    def sentence_id(self, pos: int) -> int:
        """The number of the sentence (0, 1, ...) that position pos is in."""
        if self._sentences is None:
            self._sentences = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return bisect_right(self._sentences, pos)
