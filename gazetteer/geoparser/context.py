"""Context rules of recognition: what the words around a candidate span say.

Organisation names and the neighbour-word rules are checked on demand, for the
names found only. Border phrases and unknown names after location cues, found from
keyword hits, are in cues.py.
"""

import re
from collections.abc import Callable

from . import vocab as lx
from .normalize import ARTICLES, GENERIC_WORDS, is_article, is_generic
from .text import ARABIC_BLOCK, ARABIC_FIRST, ARABIC_LAST, Document
from .types import Candidate, Kind, Toponym
from .vocab import patterns as pt

ARABIC = re.compile(f"[{ARABIC_BLOCK}]")
LEADING_FUNCTION_WORDS = lx.LEADING_FUNCTION_WORDS
PARTICLES = lx.PARTICLES
# What the words before a name make of it (lead_in).
PERSON, ORGANISATION = "person", Kind.ORGANISATION.value
STRONG_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "ADM1", "ADM2", "PCLI"})

_HEADS = "|".join(sorted(lx.ORG_HEADS, key=len, reverse=True))
_BLANKS = frozenset(" \t")
# What may follow the blank after a name inside an organisation's name (see in_org).
_ORG_NEXT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ \t") | {w[0] for w in lx.ORG_LINKS}
assert all(h[0] in _ORG_NEXT for h in lx.ORG_HEADS)
_ORG_LINK = pt.group(lx.ORG_LINKS)
_ORG_AFTER = re.compile(
    rf"(?:[ \t]+(?:{_ORG_LINK}[ \t]+)?[A-Z][\w'’\-]*){{0,5}}?"
    rf"[ \t]+(?:{_ORG_LINK}[ \t]+)?(?:{_HEADS})\b")
_SPACE_ONLY = re.compile(r"[ \t\u00a0]{1,2}")
_JOINED = re.compile(r"[ \t\u00a0]{1,2}|-")
_CUE_BEFORE = re.compile(r"\b(\w+)[ \t]+$")


_FACILITY_AFTER = re.compile(
    rf"[ \t]+(?:{pt.group(lx.FACILITY_NAME_MODIFIERS)}[ \t]+)?{pt.group(lx.FACILITY_NAME_HEADS)}"
    r"(?![^\W_])", re.I)


def facility_end(text: str, end: int) -> int:
    """The end of a facility head right after a name that ends at ``end`` ("Damascus|
    International Airport", "Tikrit| University"), else -1. Called for the rare names
    that other rules would drop (an organisation, a longer name), never for every hit."""
    m = _FACILITY_AFTER.match(text, end)
    return -1 if m is None else m.end()


_LEADS = pt.words(lx.ORG_LEADS)
_NISBA_ARTICLE = f"(?:{pt.trie(lx.NISBA_ARTICLES)})"  # "al", "ash"...
_AND_ARTICLE = f"(?:{pt.trie(lx.AND_ARTICLES)})"
_STATE = "[ \\t]+".join(lx.ISLAMIC_STATE)
# The text right before a place that ends an organisation's name: "Hayat Tahrir al-",
# "Islamic State of ", "Islamic State of Iraq and al-", "Islamic State in Iraq and the ".
# "Islamic State in " only with " and ..." after the name: "fighting Islamic State in
# Tikrit" says where the fighting was.
_ORG_BEFORE = re.compile(
    rf"(?:\b(?:{_LEADS})[ \t]+{_NISBA_ARTICLE}[- \t]"
    rf"|\b{_STATE}[ \t]+(?:(?P<of>{lx.ORG_OF})|{lx.ORG_IN})[ \t]+"
    rf"(?P<and>(?:the[ \t]+)?[A-Z]\w+[ \t]+{lx.ORG_AND}[ \t]+(?:the[ \t]+|{_AND_ARTICLE}[- \t])?)?)$")
_AND_NEXT = re.compile(rf"[ \t]+{lx.ORG_AND}[ \t]+(?:the[ \t]+|{_AND_ARTICLE}[- \t])?[A-Z]")
_ORG_WINDOW = 48
_STATE_WORD = lx.ISLAMIC_STATE[-1]  # "State": the cheap test before _ORG_BEFORE
_ARTICLE_ENDS = frozenset(a[-2:] for a in lx.NISBA_ARTICLES)


# "<Capitalised word> al-" right before a name: "Muqtada al-", "Bakr al-".
_NISBA_BEFORE = re.compile(rf"(?<![\w'’-])([A-Z][a-z]+)[ \t]+{_NISBA_ARTICLE}[- \t]$")


_PATRONYMIC = lx.PATRONYMICS
_ARTICLE_STARTS = lx.SURNAME_ARTICLE_STARTS
_DETERMINERS = lx.DETERMINERS


def _given_name(text: str, before: int, word: str, known: Callable[[str], bool]) -> bool:
    """A capitalised word, not at a sentence start, that is no place, cue, place-name
    first word or common word: a given name before "Al Nasser" makes it a person."""
    if not (word.isalpha() and word[0].isupper() and word[1:].islower()):
        return False
    if before < 1 or text[before - 1] in lx.SENTENCE_ENDS:
        return False  # sentence-initial (or a dateline): "Both Al ..." says nothing
    low = word.lower()
    return not (low in lx.NISBA_EXCEPT or low in lx.NEVER or low in _TRIGGERS_OR_ADJECTIVES
                or low in _DETERMINERS or is_generic(word) or known(word))


def _titled(text: str, before: int, prev: str) -> bool:
    """A title, then a given name (``prev``, after the blank at ``before``), right before a
    name: "general Qassem Soleimani", "President Barham Salih", "tribal sheikh Ali Hatem".
    The name is the man's surname, whatever town shares it."""
    low_prev = prev.lower()
    if not prev.isalpha() or low_prev in lx.NEVER or low_prev in _TRIGGERS_OR_ADJECTIVES or (
            prev in lx.DEMONYMS or prev in lx.COUNTRIES):
        return False  # "the major Iraqi ...", "general Western ..."
    two = text.rfind(" ", max(0, before - 14), before)
    word = text[max(two + 1, before - 14):before].rstrip(".")
    low = word.lower()
    return low in lx.TITLES or (low in lx.LOWER_TITLES and word.islower())


def lead_in(text: str, start: int, end: int, known: Callable[[str], bool]) -> str:
    """What the words right before a name make of it: "organisation" when it ends an
    organisation's name ("Hayat Tahrir al-Sham", "the Islamic State of Iraq and the
    Levant"); "person" after a title ("Maj. Gen. Kurt Hansen", "President Assad"), after
    a title and a given name ("general Qassem Soleimani": _titled) or when it is the
    nisba ending a person's name ("Muqtada al-Sadr", "Abu Bakr al-Baghdadi": a
    capitalised word that is no place, as ``known`` says, and no place-name first word,
    then an article); else ""."""
    if start < 3 or text[start - 1] not in " \t-":
        return ""
    if text[start - 1] == " ":
        before = text.rfind(" ", max(0, start - 14), start - 1)
        prev = text[max(before + 1, start - 14):start - 1]  # at most 13 characters
        low = prev.rstrip(".").lower()
        if low in lx.TITLES or low in _PATRONYMIC:  # "Gen. Kurt X", "Mohammed bin Salman"
            return PERSON
        if before > 1 and prev[:1].isupper() and _titled(text, before, prev):
            return PERSON  # "general Qassem Soleimani", "President Barham Salih"
        if text[start:start + 3] in _ARTICLE_STARTS and _given_name(text, before, prev, known):
            return PERSON  # "Younus Al Nasser"
    window = max(0, start - _ORG_WINDOW)
    # Cheap tests first: an article after a blank right before ("Tahrir al-", "Bakr al-":
    # "capital Damascus" and "that Russia" end in none), or "State" in the window.
    article = text[start - 3:start - 1] in _ARTICLE_ENDS and (
        text[start - 5 if text[start - 3] == "s" else start - 4] in _BLANKS)  # "ash-", "al-"
    if not article and text.find(_STATE_WORD, window, start) < 0:
        return ""
    m = _ORG_BEFORE.search(text, window, start)
    if m is not None and (
            m.group("of") is not None or m.group("and") is not None
            or not m.group(0).startswith("Islamic") or _AND_NEXT.match(text, end) is not None):
        return ORGANISATION
    if not article:
        return ""
    m = _NISBA_BEFORE.search(text, max(0, start - 24), start)
    if m is None:
        return ""
    word = m.group(1)
    low = word.lower()
    if (low in lx.NISBA_EXCEPT or low.endswith(lx.NISBA_EXCEPT_ENDING) or low in _TRIGGERS_OR_ADJECTIVES
            or is_generic(word) or known(word)):
        return ""
    return PERSON


def in_org(text: str, start: int, end: int) -> bool:
    """True when the capitalised words after a name run on to an organisation head word
    ("Nineveh Operations Command", "Kurdistan Regional Government", "Tikrit University"):
    a place inside an organisation's name is not where anything happened."""
    # Every organisation tail starts with a space or tab, then a capital, "of", "for", "and"
    # or "the" (or more blanks): skip the regex otherwise.
    return text[end:end + 1] in _BLANKS and text[end + 1:end + 2] in _ORG_NEXT and (
        _ORG_AFTER.match(text, end) is not None)




def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def overlaps(a: Toponym, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def accept(words: list[str]) -> bool:
    """Capitalisation, stop-list and acronym rules for a candidate span."""
    if len(words) == 1:  # most spans: the same rules without the multi-word ones
        word = words[0]
        if ARABIC_FIRST <= word[0] <= ARABIC_LAST:
            return True
        return (word[0].isupper() and len(word) >= 3 and word.lower() not in lx.NEVER
                and not (word.isupper() and len(word) <= 4))
    # Several words: the same rules, cheapest and most often failing checks first.
    if ARABIC_FIRST <= words[0][0] <= ARABIC_LAST:
        return all(ARABIC.match(w) for w in words)
    first, last = words[0], words[-1]
    if not (first[0].isupper() and last[0].isupper()):
        return False
    low_first, low_last = first.lower(), last.lower()
    if low_first in lx.NEVER or low_last in lx.NEVER or low_first in LEADING_FUNCTION_WORDS:
        return False
    if is_generic(last) or is_article(last):
        return False
    for w in words:  # two letters or more, each capitalised, an article or a particle
        if len(w) < 2 or not (w[0].isupper() or w.lower() in PARTICLES or is_article(w)):
            return False
    return True


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


def common_uncued(word: str, prev: str | None, doc: Document, start: int) -> bool:
    """A common English word ("Hit") is only a place after a trigger ("in Hit") or, when
    rescued later, next to another place ("Hit, Anbar province")."""
    if word.lower() not in lx.COMMON:
        return False
    if prev is None:
        before = doc.prev_tokens(start, 1)
        prev = doc.text[before[0][0]:before[0][1]] if before else ""
    return prev.lower() not in lx.TRIGGERS and prev != "s"  # "Iraq's Hit"


def is_strong(cands: list[Candidate]) -> bool:
    """A town or bigger: its name alone is evidence enough."""
    return any(c.population >= 20000 or c.feature_code in STRONG_CODES for c in cands)


_TRIGGERS_OR_ADJECTIVES = lx.TRIGGERS | lx.PLACE_ADJECTIVES


def in_longer_name(doc: Document, start: int, end: int) -> bool:
    """True when text[start:end] sits inside a longer capitalised name ("James Baker",
    "Bashar al-Assad", "Maria Zakharova"): a village namesake of a person is no place."""
    return _longer_before(doc.text, start, doc.prev_tokens(start, 2)) or _longer_after(
        doc.text, end, doc.next_tokens(end, 2))


def _longer_before(text: str, start: int, before: list[tuple[int, int]]) -> bool:
    """in_longer_name by the two tokens before the name (``before``)."""
    if before and _SPACE_ONLY.fullmatch(text[before[-1][1]:start]):
        prev = text[before[-1][0]:before[-1][1]]
        if prev[0].isupper() and prev.lower() not in _TRIGGERS_OR_ADJECTIVES and (
                len(before) < 2 or text[before[0][1]:before[1][0]].strip() == ""):
            return True  # not sentence-initial: "... James Baker said"
    return False


def _longer_after(text: str, end: int, after: list[tuple[int, int]]) -> bool:
    """in_longer_name by the two tokens after the name (``after``)."""
    if after and _JOINED.fullmatch(text[end:after[0][0]]):
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
        before = doc.prev_tokens(start, 2)
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
