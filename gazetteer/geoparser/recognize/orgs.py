"""Organisations around a name: a place inside an organisation's name ("Nineveh Operations
Command", "Hayat Tahrir al-Sham") is not where anything happened, unless the name is a
facility of the town ("Tikrit University", "Mosul Dam")."""

import re

from .. import vocab as lx
from ..vocab import patterns as pt

_HEADS = "|".join(sorted(lx.ORG_HEADS, key=len, reverse=True))


_BLANKS = frozenset(" \t")


# What may follow the blank after a name inside an organisation's name (see in_org).
_ORG_NEXT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ \t") | {w[0] for w in lx.ORG_LINKS}


_ORG_LINK = pt.group(lx.ORG_LINKS)


_ORG_AFTER = re.compile(
    rf"(?:[ \t]+(?:{_ORG_LINK}[ \t]+)?[A-Z][\w'’\-]*){{0,5}}?"
    rf"[ \t]+(?:{_ORG_LINK}[ \t]+)?(?:{_HEADS})\b")


# A tribe, clan or family named after (or as) a place (vocab.KIN_WORDS).
_KIN_AFTER = re.compile(rf"[ \t]+{pt.group(lx.KIN_WORDS)}\b", re.IGNORECASE)
_KIN_FIRST = frozenset(w[0] for w in lx.KIN_WORDS) | frozenset(w[0].upper() for w in lx.KIN_WORDS)


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


NISBA_ARTICLE = f"(?:{pt.trie(lx.NISBA_ARTICLES)})"  # "al", "ash"...


_AND_ARTICLE = f"(?:{pt.trie(lx.AND_ARTICLES)})"


_STATE = "[ \\t]+".join(lx.ISLAMIC_STATE)


# The text right before a place that ends an organisation's name: "Hayat Tahrir al-",
# "Islamic State of ", "Islamic State of Iraq and al-", "Islamic State in Iraq and the ".
# "Islamic State in " only with " and ..." after the name: "fighting Islamic State in
# Tikrit" says where the fighting was.
ORG_BEFORE = re.compile(
    rf"(?:\b(?:{_LEADS})[ \t]+{NISBA_ARTICLE}[- \t]"
    rf"|\b{_STATE}[ \t]+(?:(?P<of>{lx.ORG_OF})|{lx.ORG_IN})[ \t]+"
    rf"(?P<and>(?:the[ \t]+)?[A-Z]\w+[ \t]+{lx.ORG_AND}[ \t]+(?:the[ \t]+|{_AND_ARTICLE}[- \t])?)?)$")


# A lead word right before a name that carries its own article: "Ahrar Al Sham", "Jaysh
# al-Islam" read as "Al Sham", "al-Islam" (ORG_BEFORE reads the article before the name).
LEAD_BEFORE = re.compile(rf"\b(?:{_LEADS})[ \t]+$")
OWN_ARTICLE = re.compile(rf"{NISBA_ARTICLE}[- \t]", re.IGNORECASE)


AND_NEXT = re.compile(rf"[ \t]+{lx.ORG_AND}[ \t]+(?:the[ \t]+|{_AND_ARTICLE}[- \t])?[A-Z]")


ORG_WINDOW = 48


STATE_WORD = lx.ISLAMIC_STATE[-1]  # "State": the cheap test before _ORG_BEFORE


def in_org(text: str, start: int, end: int) -> bool:
    """True when the capitalised words after a name run on to an organisation head word
    ("Nineveh Operations Command", "Kurdistan Regional Government", "Tikrit University"):
    a place inside an organisation's name is not where anything happened."""
    # Every organisation tail starts with a space or tab, then a capital, "of", "for", "and"
    # or "the" (or more blanks): skip the regex otherwise.
    if text[end:end + 1] not in _BLANKS:
        return False
    if text[end + 1:end + 2] in _KIN_FIRST and _KIN_AFTER.match(text, end) is not None:
        return True  # "the Ekeidat tribe", "Al Breij tribal militia": a people, not a place
    return text[end + 1:end + 2] in _ORG_NEXT and _ORG_AFTER.match(text, end) is not None
