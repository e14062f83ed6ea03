"""What the words around a name say of it: a location cue ("in", "near", "village of",
"X camp"), a longer name it is part of ("James Baker"), a sure place next to it.

The tokens around a name are the Document's (prev_tokens, next_tokens)."""

import re

from .. import vocab as lx
from ..normalize import is_article
from ..text import Document
from ..types import Kind, Toponym
from ..vocab import patterns as pt
from .orgs import facility_end
from .people import PERSON

# The gaps inside a longer name: one or two blanks (every such gap, as a set: a lookup
# instead of a regex call), or those or a hyphen.
_SPACE_ONLY = frozenset(a + b for a in " \t\u00a0" for b in ("", " ", "\t", "\u00a0"))


_JOINED = _SPACE_ONLY | {"-"}


_CUE_BEFORE = re.compile(r"\b(\w+)[ \t]+$")


_SETTLEMENT_AFTER = frozenset(lx.SITE_AFTER_CONTAINER)


def common_uncued(word: str, prev: str | None, doc: Document, start: int) -> bool:
    """A common English word ("Hit") is only a place after a trigger ("in Hit"), before a
    settlement word ("Mualimin neighbourhood, Hit city") or, when rescued later, next to
    another place ("Hit, Anbar province")."""
    if word.lower() not in lx.COMMON:
        return False
    after = doc.next_tokens(start + len(word), 1)
    if after and doc.text[start + len(word):after[0][0]] == " " and (
            doc.text[after[0][0]:after[0][1]] in _SETTLEMENT_AFTER):
        return False
    if prev is None:
        before = _past_article(doc, start, 1)
        prev = doc.text[before[0][0]:before[0][1]] if before else ""
    return prev.lower() not in lx.TRIGGERS and prev != "s"  # "Iraq's Hit"


def _past_article(doc: Document, start: int, n: int) -> list[tuple[int, int]]:
    """The n tokens before ``start``, past a detached article written before the name ("in
    al-Bab", "in al Bab": the trigger is "in")."""
    before = doc.prev_tokens(start, n + 1)
    if before and is_article(doc.text[before[-1][0]:before[-1][1]]) and (
            doc.text[before[-1][1]:start] in _JOINED):
        return before[:-1][-n:]
    return before[-n:]


_TRIGGERS_OR_ADJECTIVES = lx.TRIGGERS | lx.PLACE_ADJECTIVES


def in_longer_name(doc: Document, start: int, end: int) -> bool:
    """True when text[start:end] sits inside a longer capitalised name ("James Baker",
    "Bashar al-Assad", "Maria Zakharova"): a village namesake of a person is no place."""
    return _longer_before(doc.text, start, doc.prev_tokens(start, 2)) or _longer_after(
        doc.text, end, doc.next_tokens(end, 2))


def _longer_before(text: str, start: int, before: list[tuple[int, int]]) -> bool:
    """in_longer_name by the two tokens before the name (``before``)."""
    if before and text[before[-1][1]:start] in _SPACE_ONLY:
        prev = text[before[-1][0]:before[-1][1]]
        if prev[0].isupper() and prev.lower() not in _TRIGGERS_OR_ADJECTIVES and (
                len(before) < 2 or text[before[0][1]:before[1][0]].strip() == ""):
            return True  # not sentence-initial: "... James Baker said"
    return False


def _longer_after(text: str, end: int, after: list[tuple[int, int]]) -> bool:
    """in_longer_name by the two tokens after the name (``after``)."""
    if after and text[end:after[0][0]] in _JOINED:
        word = text[after[0][0]:after[0][1]]
        if is_article(word) and len(after) > 1:
            word = text[after[1][0]:after[1][1]]
        if word[0].isupper() and word.lower() not in lx.PLACE_HEADS and not (
                word.isupper() and len(word) > 1):
            return True
    return False


def cued(doc: Document, start: int, end: int, before: list[tuple[int, int]] | None = None,
         after: list[tuple[int, int]] | None = None) -> bool:
    """A location trigger before ("in", "near", "village of", "of the"), or a place head
    after, right away or after one lowercase word ("Bashiqa refugee camp"). ``before``,
    ``after``: the two tokens prev_tokens and next_tokens give, when known."""
    text = doc.text
    if before is None:
        before = _past_article(doc, start, 2)
    if before:
        word = text[before[-1][0]:before[-1][1]].lower()
        if word in lx.TRIGGERS or (word == "the" and len(before) == 2 and (
                text[before[0][0]:before[0][1]].lower() in lx.TRIGGERS)):
            return True
    if after is None:
        after = doc.next_tokens(end, 2)
    if not after:
        return False
    word = text[after[0][0]:after[0][1]]
    return word.lower() in lx.PLACE_HEADS or (len(after) == 2 and word.islower() and (
        text[after[1][0]:after[1][1]].lower() in lx.PLACE_HEADS))


def weak_name_context(doc: Document, start: int, end: int) -> str:
    """What surrounds a one-word village namesake: "person" when it is inside a longer
    name (in_longer_name), "cued" when a location cue is next to it (cued), else "".
    The tokens on each side are searched once for both tests."""
    text = doc.text
    before = doc.prev_tokens(start, 2)
    if _longer_before(text, start, before):
        return PERSON
    after = doc.next_tokens(end, 2)
    if _longer_after(text, end, after):
        # "the Qayyarah Power Station": the town of a facility, not a person's name.
        return "cued" if facility_end(text, end) >= 0 else PERSON
    return "cued" if cued(doc, start, end, before, after) else ""


def cued_at(text: str, start: int) -> bool:
    """A location trigger is the word right before ``start`` ("in", "near")."""
    m = _CUE_BEFORE.search(text, max(0, start - 30), start)
    return bool(m and m.group(1).lower() in lx.TRIGGERS)


_ADJACENT = re.compile(
    rf"[ \t]*,[ \t]*(?:{pt.group(lx.NEIGHBOUR_AFTER_COMMA)}[ \t]+|{pt.group(lx.CARDINALS)}\w*[ \t]+of[ \t]+)?"
    rf"|[ \t]+{pt.group(lx.NEIGHBOUR_LINKS)}[ \t]+"
    # "Hit and Zuwiya, Anbar province": a list whose other name the gazetteer lacks.
    rf"|[ \t]+{lx.LIST_AND}[ \t]+[A-Z][\w'’-]*[ \t]*,[ \t]*")


_PARTNER_KINDS = frozenset({Kind.PLACE, Kind.COUNTRY, Kind.REGION})


def rescued(text: str, t: Toponym, partners: list[Toponym]) -> bool:
    """An uncued weak name next to a sure place ("Bashiqa, Nineveh province", "Hit and
    Haditha", "Bartalah, near Mosul", "Hit and Zuwiya, Anbar province") is a place too."""
    for p in partners:
        if p.kind not in _PARTNER_KINDS or p is t:
            continue
        if p.start >= t.end and _ADJACENT.fullmatch(text, t.end, p.start):
            return True
        if p.end <= t.start and _ADJACENT.fullmatch(text, p.end, t.start):
            return True
    return False
