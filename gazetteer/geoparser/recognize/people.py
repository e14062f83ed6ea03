"""People around a name: a title, a given name or a nisba makes a town-like word part of a
person's name ("President Barham Salih", "Muqtada al-Sadr", "the killing of Qassem
Soleimani")."""

import re
from collections.abc import Callable

from .. import vocab as lx
from ..gazindex import GazetteerIndex
from ..normalize import is_generic, name_key
from ..types import Kind
from .orgs import AND_NEXT, LEAD_BEFORE, NISBA_ARTICLE, ORG_BEFORE, ORG_WINDOW, OWN_ARTICLE, STATE_WORD

# What the words before a name make of it (lead_in).
PERSON, ORGANISATION = "person", Kind.ORGANISATION.value
_BLANKS = frozenset(" \t")


_ARTICLE_ENDS = frozenset(a[-2:] for a in lx.NISBA_ARTICLES)
_ARTICLE_FIRST = frozenset(a[0] for a in lx.NISBA_ARTICLES) | {a[0].upper() for a in lx.NISBA_ARTICLES}


# "<Capitalised word> al-" right before a name: "Muqtada al-", "Bakr al-".
_NISBA_BEFORE = re.compile(rf"(?<![\w'’-])([A-Z][a-z]+)[ \t]+{NISBA_ARTICLE}[- \t]$")


_PATRONYMIC = lx.PATRONYMICS


_ARTICLE_STARTS = lx.SURNAME_ARTICLE_STARTS


_DETERMINERS = lx.DETERMINERS


_TRIGGERS_OR_ADJECTIVES = lx.TRIGGERS | lx.PLACE_ADJECTIVES


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


def lead_in(text: str, start: int, end: int, known: Callable[[str], bool], people: bool = True) -> str:
    """What the words right before a name make of it: "organisation" when it ends an
    organisation's name ("Hayat Tahrir al-Sham", "the Islamic State of Iraq and the
    Levant"); "person" after a title ("Maj. Gen. Kurt Hansen", "President Assad"), after
    a title and a given name ("general Qassem Soleimani": _titled) or when it is the
    nisba ending a person's name ("Muqtada al-Sadr", "Abu Bakr al-Baghdadi": a
    capitalised word that is no place, as ``known`` says, and no place-name first word,
    then an article); else "". ``people=False``: the caller reads "organisation" only (a
    country's name is no person's), so the person rules run only where an organisation
    rule may come after them, and "person" may come back as ""."""
    if start < 3 or text[start - 1] not in " \t-":
        return ""
    window = max(0, start - ORG_WINDOW)
    # Cheap tests first: an article after a blank right before ("Tahrir al-", "Bakr al-":
    # "capital Damascus" and "that Russia" end in none), or "State" in the window: without
    # either, no rule after the person rules below applies.
    article = text[start - 3:start - 1] in _ARTICLE_ENDS and (
        text[start - 5 if text[start - 3] == "s" else start - 4] in _BLANKS)  # "ash-", "al-"
    org_rules = article or text.find(STATE_WORD, window, start) >= 0
    if text[start - 1] == " ":
        if text[start] in _ARTICLE_FIRST and OWN_ARTICLE.match(text, start) and (
                LEAD_BEFORE.search(text, max(0, start - 16), start)):
            return ORGANISATION  # "Ahrar Al Sham": the name holds its article
        if people or org_rules:
            before = text.rfind(" ", max(0, start - 14), start - 1)
            prev = text[max(before + 1, start - 14):start - 1]  # at most 13 characters
            low = prev.rstrip(".").lower()
            if low in lx.TITLES or low in _PATRONYMIC:  # "Gen. Kurt X", "Mohammed bin Salman"
                return PERSON
            if before > 1 and prev[:1].isupper() and _titled(text, before, prev):
                return PERSON  # "general Qassem Soleimani", "President Barham Salih"
            if text[start:start + 3] in _ARTICLE_STARTS and _given_name(text, before, prev, known):
                return PERSON  # "Younus Al Nasser"
    if not org_rules:
        return ""
    m = ORG_BEFORE.search(text, window, start)
    if m is not None and (
            m.group("of") is not None or m.group("and") is not None
            or not m.group(0).startswith(lx.ISLAMIC_STATE[0]) or AND_NEXT.match(text, end) is not None):
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


GIVEN_NAME_KEYS = frozenset(name_key(n) for n in lx.GIVEN_NAMES)


_NEXT_WORD = re.compile(r" ([A-Z][a-z]+(?:-[A-Za-z]+)?)\b")


def before_surname(text: str, end: int) -> bool:
    """A common given name right before a capitalised word that is not a place head
    ("Qassem Soleimani", not "Hamza District"): the start of a person's name."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m[1].lower() not in lx.PLACE_HEADS


def surname(text: str, start: int, end: int, key: str, prev: str, pairs: tuple,
            index: GazetteerIndex) -> bool:
    """A one-word name right after a common given name in its run ("Ali Soleimani",
    "Sinan Salaheddin") that no candidate bears as its own name as written: it names
    them only through an alternate name (As Sulaymaniyah's Kurdish "Soleimani") or a
    loose spelling of their own (Salah al-Din): a man's surname. A town's name as the
    gazetteer writes it ("Hassan Baghdad") stays a place."""
    surface = text[start:end]
    if name_key(prev) not in GIVEN_NAME_KEYS or text[start - 1] != " " or not surface.isalpha():
        return False
    return not any(name_key(c.name) == key and index.is_exact(surface, c.place_id) for c, _ in pairs)
