"""Names the gazetteer lacks, told by where the text puts them.

Two contexts make a capitalised name a place even when no gazetteer entry has it:

- **A generic first word**: "Tall Diyab", "Tal Hamad", "Deir Hafer", "Kafr Ein" are whole
  names. The gazetteer often has a place called just "Tall" or "Deir", which the
  recogniser finds alone; the rest of the name shows it is another place. The one-word
  match gives way to the whole name (unknown, for containment to place).
- **A stated container**: "in Dhuluiya, Saladin governorate", "in Hosh al-Ashary in Rural
  Damascus", "in Sayda village in Dar'a": a name after a location preposition that the
  text puts in a known place is a place, however the gazetteer spells it (containment
  then finds its reading inside, or codes it to the container).

Both return new unknown toponyms (no candidates) in place of what they cover.
"""

from __future__ import annotations

import re

from . import vocab as lx
from .gazindex import GazetteerIndex
from .normalize import name_key
from .recognize.orgs import in_org
from .text import NAME_MARKS
from .types import Kind, Toponym
from .vocab import patterns as pt

__all__ = ["unknown_by_context"]

_JOIN = rf"(?:[ \t]+|-)(?:{pt.group(lx.NAME_JOINERS + lx.ENGLISH_ARTICLES)}(?:[ \t]+|-))?"
# A capitalised word, or one opened by an ayn mark ("Tal 'Adah": the mark is a letter).
_CAP = rf"[{NAME_MARKS}]?[A-Z][\w'’]*"
# The rest of a name after its generic first word: up to three capitalised words.
_TAIL = re.compile(rf"{_JOIN}{_CAP}(?:{_JOIN}{_CAP}){{0,2}}")
_NAME = rf"{_CAP}(?:{_JOIN}{_CAP}){{0,4}}"
_SITE = pt.group(lx.UNKNOWN_SITE_HEADS)
# "<preposition> [the] NAME [site words] (, | in [the] [compass] [rural] [countryside of])" right
# before a known container, after a blank or at the text's start. Two patterns, not one
# starting "(?:^|[ \t])": a pattern that starts with a blank lets re skip to the blanks of
# the 120 characters searched, instead of trying each position.
_CONTAINED_NAME = (
    rf"(?i:{pt.trie(lx.UNKNOWN_PLACE_PREPOSITIONS)})[ \t]+(?:the[ \t]+)?(?P<name>{_NAME})"
    rf"(?:[ \t]+{_SITE}){{0,2}}(?:[ \t]*,[ \t]*|[ \t]+(?:in|of)[ \t]+(?:the[ \t]+)?"
    rf"(?:{pt.group(lx.CARDINALS)}\w*[ \t]+)?(?:{lx.RURAL}[ \t]+)?(?:{lx.COUNTRYSIDE}[ \t]+of[ \t]+)?)$")
_BEFORE_CONTAINER = re.compile(rf"[ \t]{_CONTAINED_NAME}")
_AT_TEXT_START = re.compile(_CONTAINED_NAME)
_GENERIC_FIRST = lx.NISBA_EXCEPT | lx.GENERIC_FIRST_WORDS
_LEXICON_KEYS = frozenset(name_key(s) for table in (lx.COUNTRIES, lx.DEMONYMS, lx.REGIONS) for s in table)
_CONTAINER_KINDS = frozenset({Kind.PLACE, Kind.REGION})
_FACILITY_NAME_LAST = frozenset(h.split()[-1].lower() for h in lx.FACILITY_NAME_HEADS)


def _plausible(text: str, start: int, end: int) -> bool:
    """A name that may be a place: no title, group, facility or lexicon name, not part of
    an organisation's name."""
    words = text[start:end].replace("-", " ").split()
    lowered = [w.lower() for w in words]
    if any(w in lx.NEVER for w in lowered) or any(w.capitalize() in lx.ORG_HEADS for w in words):
        return False
    if words[0] in lx.ORG_LEADS or lowered[-1] in lx.FACILITY_HEADS or lowered[0] in lx.TITLE_LEADS:
        return False
    if lowered[-1] in _FACILITY_NAME_LAST:
        return False  # "Basira Bridge", "Tabqa Dam": the town's facility, the town the place
    if len(words) == 1 and (lowered[0] in lx.COMMON or words[0].isupper()):
        return False
    return name_key(text[start:end]) not in _LEXICON_KEYS and not in_org(text, start, end)


def _prefixed(text: str, toponyms: list[Toponym]) -> list[tuple[Toponym, int]]:
    """One-word matches of a generic first word that run on into a longer name."""
    out = []
    for t in toponyms:
        if t.kind != Kind.PLACE or t.text.lower().removeprefix("al-") not in _GENERIC_FIRST:
            continue
        m = _TAIL.match(text, t.end)
        if m is not None and _plausible(text, t.start, m.end()):
            out.append((t, m.end()))
    return out


def _contained(text: str, toponyms: list[Toponym]) -> list[tuple[int, int]]:
    """Spans of names the text puts right in a known place and that no toponym covers."""
    spans = []
    for y in toponyms:
        if y.kind not in _CONTAINER_KINDS or not y.candidates:
            continue
        lo = max(0, y.start - 120)
        m = (_AT_TEXT_START.match(text, 0, y.start) if lo == 0 else None) or _BEFORE_CONTAINER.search(
            text, lo, y.start)
        if m is None:
            continue
        start, end = m.span("name")
        inner = [t for t in toponyms if t.start < end and start < t.end]
        # A known name inside the whole one gives way ("Bor" in "Saba al-Bor"), unless it
        # is the whole name or reaches out of it, or the rest only qualifies it ("Upper
        # Baguz") or joins it to another ("the Mare'-Harbal front"): then it is the place.
        if any(t.start < start or t.end > end or (t.start, t.end) == (start, end) or t.kind != Kind.PLACE
               or _qualified(text, start, end, t) for t in inner) or not _plausible(text, start, end):
            continue
        spans.append((start, end))
    return spans


_QUALIFIERS = lx.PLACE_ADJECTIVES | lx.NAME_QUALIFIERS


def _qualified(text: str, start: int, end: int, inner: Toponym) -> bool:
    """The known name inside a longer one is that place, qualified or joined."""
    if "-" in text[inner.end:inner.end + 2] or text[inner.start - 1:inner.start] == "-":
        return True  # "Mare'-Harbal", "Damascus-Dar'a": two places
    rest = (text[start:inner.start] + " " + text[inner.end:end]).replace("-", " ").split()
    return all(w.lower() in _QUALIFIERS for w in rest)


def unknown_by_context(text: str, toponyms: list[Toponym], index: GazetteerIndex) -> list[Toponym]:
    """The toponyms with the names their context shows to be places added, in text order
    (``index`` tells a name the gazetteer has from one it lacks)."""
    longer = _prefixed(text, toponyms)
    if longer:
        covered = {id(t) for t, _ in longer}
        extended = [Toponym(t.start, end, text[t.start:end]) for t, end in longer
                    if name_key(text[t.start:end]) not in index]
        keep = {id(t) for t, end in longer if name_key(text[t.start:end]) in index}
        toponyms = [t for t in toponyms if id(t) not in covered or id(t) in keep]
        toponyms = [t for t in toponyms if not any(
            e.start <= t.start and t.end <= e.end for e in extended)] + extended
    added = [Toponym(s, e, text[s:e]) for s, e in _contained(text, toponyms)
             if name_key(text[s:e]) not in index]
    if added:
        toponyms = [t for t in toponyms if not any(a.start <= t.start and t.end <= a.end for a in added)]
    return sorted(toponyms + added, key=lambda t: t.start) if added or longer else toponyms
