"""Sentence and clause segmentation that keeps character offsets into the source text.

Wire reports are full of abbreviations ("Maj. Gen.", "U.S.") and decimals ("2.5 km"),
so a full stop only ends a sentence when it is followed by white space and a capital,
digit or opening quote, and the word before it is not a known abbreviation.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "lt", "col", "brig", "capt", "cpt", "sgt",
    "cpl", "pvt", "adm", "cmdr", "gov", "sen", "rep", "st", "no", "jr", "sr", "vs", "etc",
    "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "km", "inc", "ltd", "co", "corp",
})
_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
_BOUNDARY = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_PARAGRAPH = re.compile(r"\n\s*\n")
# A clause boundary inside a sentence that may start a second, separate event.
_CLAUSE = re.compile(
    r",\s+and\s+(?=(?:before|after|earlier|later|then|meanwhile|in\s+a\s+separate)\b)"
    r"|;\s+|,\s+while\s+|,\s+whereas\s+",
    re.IGNORECASE,
)


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial (U.S.)."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    if word.lower() in ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "U.S", "U.N", a lone capital "A".
    return bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word))


def _next_starts_sentence(text: str, pos: int) -> bool:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos >= len(text):
        return True
    char = text[pos]
    return char.isupper() or char.isdigit() or char in _OPENERS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`; every line break is also a boundary.

    A quotation that runs over several sentences is split with them, which is fine
    for extraction: each sentence is judged on its own words.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.splitlines(keepends=True):
        line_end = line_start + len(line)
        start = line_start
        for match in _BOUNDARY.finditer(text, line_start, line_end):
            stop = match.end()
            first_dot = match.start()
            if text[first_dot] == "." and _ends_with_abbreviation(text, first_dot):
                continue
            if not _next_starts_sentence(text, stop):
                continue
            span = _trim(text, start, stop)
            if span:
                spans.append(span)
            start = stop
        span = _trim(text, start, line_end)
        if span:
            spans.append(span)
        line_start = line_end
    return spans


def paragraph_index(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """For each sentence span, the number of the paragraph (blank-line block) it is in."""
    breaks = [match.start() for match in _PARAGRAPH.finditer(text)]
    result = []
    for start, _end in spans:
        result.append(sum(1 for b in breaks if b < start))
    return result


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Candidate clause spans of one sentence; the caller merges clauses back when
    they do not each carry an event of their own."""
    spans = []
    pos = start
    for match in _CLAUSE.finditer(text, start, end):
        span = _trim(text, pos, match.start())
        if span:
            spans.append(span)
        pos = match.end()
    span = _trim(text, pos, end)
    if span:
        spans.append(span)
    return spans
