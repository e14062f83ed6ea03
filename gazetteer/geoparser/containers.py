"""What a text says about where a name lies: the known place it puts the name in or near.

"X, Nineveh", "X district in Mosul", "the Waer district of Homs", "Basra's Qurna",
"Al-Karamah, east of Raqqa", "Abu Jasra village nr Fallujah"; every name of a list
takes what follows the list ("Foua, Kfraya and Binnish in Idlib"). The resolver scores
candidates within reach of the container higher (and, when the statement is firm and no
candidate is in reach, leaves the name to its container); relate/ places an unknown
name at its container.
"""

import re
from collections.abc import Iterable
from typing import NamedTuple

from . import vocab as lx
from .types import Toponym
from .vocab import patterns as pt

# "Rutba district", "Duhok province": the container is an area around its named seat.
# "the eastern Idlib countryside" (Arabic rif): the rural land around a town, often its
# whole governorate. Each area word's reach (vocab.AREA_WORDS) widens the container's.
_AREA_RADIUS = {w: area.reach_km for w, area in lx.AREA_WORDS.items() if area.reach_km is not None}
AREA_AFTER = re.compile(rf"[ \t]+({pt.words(_AREA_RADIUS)})\b", re.I)


# What the text says right after a place about where it lies, as one regular expression
# (one match per toponym). First, relative to another place: "Al-Karamah, east of
# Raqqa", "Tall Rummana, a town 20 km south of Sinjar", "Abu Jasra village nr Fallujah":
# within reach of it (the stated distance, else _RELATIVE_RADIUS). Else contained in it:
# "X, Nineveh", "X district in Mosul", "X in the eastern Idlib countryside".
_POLE, _SIDE, _ERN = pt.group(lx.POLES), pt.group(lx.SIDES), lx.ADJECTIVE_ENDING
_KM = pt.group(lx.CONTAINER_KM_UNITS)
_CENTRAL = lx.CENTRE_ADJECTIVES[0]  # "in central Idlib" ("middle" is no container phrase here)
_STATED_AFTER = re.compile(
    rf"(?P<rel>,?[ \t]+(?:(?:a|the)[ \t]+(?:small[ \t]+)?{pt.group(lx.APPOSITION_HEADS)}[ \t]+)?"
    rf"(?:{pt.group(lx.APPROXIMATELY)}[ \t]+)?(?:(?P<km>\d{{1,3}}(?:\.\d)?)[ \t]*"
    rf"{_KM}[ \t]+)?"
    rf"(?:(?P<dir>{_POLE}(?:-?{_SIDE})?|{pt.words(lx.SIDES)})[ \t]+of"
    rf"|(?P<prox>{pt.words(lx.NEAR_CONTAINER)}))"
    rf"[ \t]+(?:the[ \t]+)?(?:{pt.group(lx.SETTLEMENTS)}[ \t]+of[ \t]+)?)"
    rf"|[ \t]*(?:(?P<comma>(?:[ \t]+(?i:{pt.group(lx.SMALL_AREA_HEADS)}))?,)[ \t]*"
    # a head word as part of the name too ("Hole Camp in Al Hasakeh", "X Village in Y")
    rf"|[ \t]+(?:(?i:{pt.group(lx.CONTAINED_HEADS)})[ \t]+){{0,2}}"
    rf"(?:in|of|on[ \t]+the[ \t]+\w+[ \t]+bank[ \t]+of)[ \t]+"
    rf"(?:the[ \t]+)?(?:{_POLE}(?:-?{_SIDE})?(?:{_ERN})?[ \t]+|{_SIDE}(?:{_ERN})?[ \t]+"
    rf"|{_CENTRAL}[ \t]+|{lx.RURAL}[ \t]+)?(?:{pt.group(lx.CONTAINER_UNITS)}[ \t]+of[ \t]+)?)"
)
# A lowercase article written before a name the recogniser read without it ("al-Hasakeh").
_ARTICLE = re.compile(rf"{pt.group(sorted(lx.ARTICLES))}-")
_RELATIVE_RADIUS = {"dir": 80.0, "prox": 30.0}  # by group: a direction or "near"
# How a text states a container (Container.how).
RELATIVE, INSIDE, COMMA = "relative", "inside", "comma"


class Container(NamedTuple):
    """The toponym a text puts another in or near, and how it says so."""

    toponym: Toponym  # as it was when the statement was read (its text, span, candidates)
    radius: float  # extra km of reach: a stated distance, an area word after the container
    # RELATIVE (a direction or "near" it), INSIDE ("in", "of", a possessive owner, or a
    # comma and an area word: "X, Homs province"), COMMA (a comma only: "X, Nineveh" but
    # also the list "Mosul, Kirkuk and Tikrit")
    how: str
    index: int  # its position in the list read: a later stage reads its newer value there
    listed: bool = False  # stated after the last name of a list the name is in ("A, B and C in Y")


_S_OR_MARK = frozenset("sS'’")
# Every statement _STATED_AFTER reads starts with a comma or a blank: the regex runs only
# after one (not after the full stop, possessive or dash that ends a quarter of the names).
_STATEMENT_FIRST = frozenset(", \t")


def _possessor_end(text: str, start: int) -> int:
    """Where a possessive right before ``start`` ("Basra's Qurna", "Homs' Waer") leaves
    its owner's name, else -1: "Basra's Qurna district" puts Qurna in Basra, as "Qurna,
    Basra" does."""
    if start < 4 or text[start - 1] != " ":
        return -1
    mark = text[start - 3]
    if mark in "'’" and text[start - 2] in "sS":
        return start - 3
    if text[start - 2] in "'’" and mark == "s":
        return start - 2
    return -1


def containers(text: str, toponyms: list[Toponym],
               which: Iterable[int] | None = None) -> dict[int, Container]:
    """Map toponym position -> the Container the text states for it, for the positions in
    ``which`` (default: all). A container without candidates is none. A name in a list
    ("Foua, Kfraya and Binnish in Idlib") takes what the text states after the list."""
    by_start = None  # toponym positions by start, built at the first statement found
    by_end = None  # toponym positions by end, built at the first possessive found
    out = {}
    for i in range(len(toponyms)) if which is None else which:
        end = toponyms[i].end
        first = text[end:end + 1] in _STATEMENT_FIRST
        m = _STATED_AFTER.match(text, end) if first else None
        if first and (m is None or m["comma"] is not None) and _LIST_SEPARATOR.match(text, end):
            by_start = by_start or _starts(toponyms)
            listed = _after_list(text, i, toponyms, by_start)
            if listed is not None:
                out[i] = listed
                continue
        if m is None:
            start = toponyms[i].start
            # The character before the blank is "s" or a mark after a possessive: look no
            # further for nearly every name.
            owner = _possessor_end(text, start) if text[start - 2:start - 1] in _S_OR_MARK else -1
            if owner >= 0:
                if by_end is None:
                    by_end = {t.end: j for j, t in enumerate(toponyms)}
                j = by_end.get(owner)
                if j is not None and toponyms[j].candidates:
                    out[i] = Container(toponyms[j], 0.0, INSIDE, j)
            continue
        by_start = by_start or _starts(toponyms)
        stated = _stated(text, m, toponyms, by_start)
        if stated is not None:
            out[i] = stated
    return out


def _starts(toponyms: list[Toponym]) -> dict[int, int]:
    return {t.start: j for j, t in enumerate(toponyms)}


def _stated(text: str, m: re.Match, toponyms: list[Toponym], by_start: dict[int, int]) -> Container | None:
    """The Container a match of _STATED_AFTER names, when a known name starts where it ends."""
    j = by_start.get(m.end())
    if j is None:  # "in Zawra camp in al-Westa": the name read without its article
        article = _ARTICLE.match(text, m.end())
        j = by_start.get(article.end()) if article is not None else None
    if j is None or not toponyms[j].candidates:
        return None
    other = toponyms[j]
    if m["rel"] is not None:
        return Container(other, float(m["km"]) + 15.0 if m["km"] else
                         _RELATIVE_RADIUS["prox"] if m["prox"] else _RELATIVE_RADIUS["dir"],
                         RELATIVE, j)
    area = AREA_AFTER.match(text, other.end)
    how = COMMA if m["comma"] is not None and area is None else INSIDE
    return Container(other, _AREA_RADIUS[area.group(1).lower()] if area else 0.0, how, j)


# A list of names: "A, B, C and D", "A and B". An item the recogniser did not read as a
# name still counts when it is capitalised ("Qaryat al Burj", "Al 'Ubayda").
_LIST_SEPARATOR = re.compile(rf"[ \t]*,[ \t]*(?:{lx.LIST_AND}[ \t]+)?|[ \t]+{lx.LIST_AND}[ \t]+")
_LIST_ITEM = re.compile(
    rf"[A-Z][\w'’-]*(?:[ \t]+(?:{pt.group(sorted(lx.ARTICLES))}[ \t-]+)?[A-Z'’][\w'’-]*){{0,3}}")
_LIST_MAX = 8
_COMMA_BEFORE_IN = re.compile(r"[ \t]*,(?=[ \t]+(?:in|of)[ \t])")
# "between A and B in Y" is one scene between two places, not a list of places in Y.
_BETWEEN_BEFORE = re.compile(
    rf"\b{lx.BETWEEN}[ \t]+(?:the[ \t]+)?(?:\w+[ \t]+of[ \t]+(?:the[ \t]+)?)?"
    rf"(?:[^,.;:()]{{1,40}}?[ \t]+{lx.LIST_AND}[ \t]+)?$", re.IGNORECASE)


def _holds_previous(text: str, toponyms: list[Toponym], i: int) -> bool:
    """The name at ``i`` is what the text states the name before it lies in: "X in Y and Z
    in W" lists two statements, not Y and Z in W."""
    if i == 0:
        return False
    end = toponyms[i - 1].end
    m = _STATED_AFTER.match(text, end) if text[end:end + 1] in _STATEMENT_FIRST else None
    return m is not None and m["comma"] is None and m.end() == toponyms[i].start


def _after_list(text: str, i: int, toponyms: list[Toponym], by_start: dict[int, int]) -> Container | None:
    """What the text states after the list the name at ``i`` opens or goes on, when it is a
    list (two separators at least, or an "and") and the statement is no bare comma."""
    end = toponyms[i].end
    separators, joined = 0, False
    while separators < _LIST_MAX:
        sep = _LIST_SEPARATOR.match(text, end)
        if sep is None:
            break
        j = by_start.get(sep.end())
        if j is not None:
            item_end = toponyms[j].end
        else:
            item = _LIST_ITEM.match(text, sep.end())
            if item is None:
                break
            item_end = item.end()
        separators += 1
        joined = joined or lx.LIST_AND in sep.group()
        end = item_end
    start = toponyms[i].start
    if separators < 2 and not joined or _BETWEEN_BEFORE.search(text, max(0, start - 100), start) or (
            _holds_previous(text, toponyms, i)):
        return None
    comma = _COMMA_BEFORE_IN.match(text, end)  # "Foua and Kfraya, in Idlib"
    end = comma.end() if comma else end
    m = _STATED_AFTER.match(text, end) if text[end:end + 1] in _STATEMENT_FIRST else None
    if m is None or m["comma"] is not None:
        return None
    stated = _stated(text, m, toponyms, by_start)
    return stated._replace(listed=True) if stated is not None else None
