"""What a text says about where a name lies: the known place it puts the name in or near.

"X, Nineveh", "X district in Mosul", "the Waer district of Homs", "Basra's Qurna",
"Al-Karamah, east of Raqqa", "Abu Jasra village nr Fallujah". The resolver scores
candidates within reach of the container higher (and, when the statement is firm and no
candidate is in reach, leaves the name to its container); relative.py places an unknown
name at its container.
"""

import re
from collections.abc import Iterable
from typing import NamedTuple

from .types import Toponym

# "Rutba district", "Duhok province": the container is an area around its named seat.
# "the eastern Idlib countryside" (Arabic rif): the rural land around a town, often its
# whole governorate.
AREA_AFTER = re.compile(
    r"[ \t]+(district|sub-?district|province|governorate|area|countryside)\b", re.I)
_AREA_RADIUS = {"district": 200.0, "subdistrict": 80.0, "sub-district": 80.0, "area": 15.0,
                "province": 300.0, "governorate": 300.0, "countryside": 100.0}


# What the text says right after a place about where it lies, as one regular expression
# (one match per toponym). First, relative to another place: "Al-Karamah, east of
# Raqqa", "Tall Rummana, a town 20 km south of Sinjar", "Abu Jasra village nr Fallujah":
# within reach of it (the stated distance, else _RELATIVE_RADIUS). Else contained in it:
# "X, Nineveh", "X district in Mosul", "X in the eastern Idlib countryside".
# The words reports put between a place and its container: what the place is ("X village
# in Y", "the X axis in Y", "X farms of Y") and what part of the container holds it ("in
# the northern countryside of Y", "in rural Y", "on the outskirts of Y").
_SITE = (r"(?:area|areas|village|villages|district|sub-?district|neighbou?rhood|town|city|quarter|front"
         r"|frontline|frontlines|axis|axes|farms?|desert|hills?|region|plain|countryside|camp"
         r"|mountains?|valley|outskirts|suburb|street|square|roundabout|avenue|road|market|bridge)")
_PART = (r"(?:(?:city|town|district|sub-?district|province|governorate|countryside|outskirts|suburbs"
         r"|vicinity|desert|areas?|environs)[ \t]+of[ \t]+)")
_STATED_AFTER = re.compile(
    r"(?P<rel>,?[ \t]+(?:(?:a|the)[ \t]+(?:small[ \t]+)?(?:town|village|city|suburb|district|area)[ \t]+)?"
    r"(?:(?:about|some|around|nearly)[ \t]+)?(?:(?P<km>\d{1,3}(?:\.\d)?)[ \t]*"
    r"(?:km|kilometres|kilometers)[ \t]+)?"
    r"(?:(?P<dir>(?:north|south)(?:-?(?:east|west))?|east|west)[ \t]+of|(?P<near>near|nr\.?|outside))"
    r"[ \t]+(?:the[ \t]+)?(?:(?:city|town|village)[ \t]+of[ \t]+)?)"
    rf"|[ \t]*(?:(?P<comma>(?:[ \t]+{_SITE})?,)[ \t]*"
    rf"|[ \t]+(?:{_SITE}[ \t]+){{0,2}}(?:in|of|on[ \t]+the[ \t]+\w+[ \t]+bank[ \t]+of)[ \t]+"
    r"(?:the[ \t]+)?(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?[ \t]+|(?:east|west)(?:ern)?[ \t]+"
    rf"|central[ \t]+|rural[ \t]+)?{_PART}?)"
)
_RELATIVE_RADIUS = {"dir": 80.0, "near": 30.0}


class Container(NamedTuple):
    """The toponym a text puts another in or near, and how it says so."""

    toponym: Toponym
    radius: float  # extra km of reach: a stated distance, an area word after the container
    # "near" (a direction or "near" it), "in" ("in", "of", a possessive owner, or a comma
    # and an area word: "X, Homs province"), "comma" (a comma only: "X, Nineveh" but
    # also the list "Mosul, Kirkuk and Tikrit")
    how: str


_S_OR_MARK = frozenset("sS'’")


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
    ``which`` (default: all). A container without candidates is none."""
    by_start = None  # toponyms by start, built at the first statement found
    by_end = None  # toponyms by end, built at the first possessive found
    out = {}
    for i in range(len(toponyms)) if which is None else which:
        m = _STATED_AFTER.match(text, toponyms[i].end)
        if m is None:
            start = toponyms[i].start
            # The character before the blank is "s" or a mark after a possessive: look no
            # further for nearly every name.
            owner = _possessor_end(text, start) if text[start - 2:start - 1] in _S_OR_MARK else -1
            if owner >= 0:
                if by_end is None:
                    by_end = {t.end: t for t in toponyms}
                other = by_end.get(owner)
                if other is not None and other.candidates:
                    out[i] = Container(other, 0.0, "in")
            continue
        if by_start is None:
            by_start = {t.start: t for t in toponyms}
        other = by_start.get(m.end())
        if other is None or not other.candidates:
            continue
        if m["rel"] is not None:
            out[i] = Container(other, float(m["km"]) + 15.0 if m["km"] else
                               _RELATIVE_RADIUS["near" if m["near"] else "dir"], "near")
        else:
            area = AREA_AFTER.match(text, other.end)
            how = "comma" if m["comma"] is not None and area is None else "in"
            out[i] = Container(other, _AREA_RADIUS[area.group(1).lower()] if area else 0.0, how)
    return out
