"""Places a clause coordinates: "A, B and C", "the villages of A and B", "between A and B".

The places of a list follow each other with only a comma, "and" or "&" between them (a
site word may come after a name or before the next: "A and B villages", "A and the town
of B"). A comma alone between two names is a container as often as a list ("Hammam
al-Alil, Mosul"), so a list needs "and" or three names; a name the text firmly puts in
the next ("X, Nineveh governorate") ends it. "between A and B" coordinates one scene.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gazetteer.geoparser import vocab as lx
from gazetteer.geoparser.containers import containers
from gazetteer.geoparser.containment import firm_container
from gazetteer.geoparser.types import Kind, Relation, Toponym
from gazetteer.geoparser.vocab import patterns as pt

__all__ = ["Coordination", "coordinated"]


class Coordination(NamedTuple):
    """The toponyms coordinated with one (itself included, in text order) and whether
    "between" opens them (one scene, not several)."""

    members: list[Toponym]
    between: bool


_SITE = pt.group((*lx.SITE_WORDS, *lx.SETTLEMENTS_PLURAL))
_AND = lx.LIST_AND
_GAP = re.compile(
    rf"(?:[ \t]+{_SITE})?[ \t]*(?P<sep>,[ \t]*(?:{_AND}[ \t]+)?|[ \t]+{_AND}[ \t]+|[ \t]*&[ \t]*)"
    rf"(?:the[ \t]+)?(?:{_SITE}[ \t]+of[ \t]+(?:the[ \t]+)?)?", re.IGNORECASE)
_BETWEEN = re.compile(rf"\b{lx.BETWEEN}[ \t]+(?:the[ \t]+)?(?:{_SITE}[ \t]+of[ \t]+(?:the[ \t]+)?)?$",
                      re.IGNORECASE)
# Relations that make a listed pair one scene, or say the event is not at the place.
_ONE_SCENE = frozenset({Relation.ROAD, Relation.PART, Relation.REGION})


def _member(t: Toponym) -> bool:
    return t.kind == Kind.PLACE and t.relation not in _ONE_SCENE


def coordinated(text: str, found: list[Toponym], best: Toponym) -> Coordination:
    """The toponyms of ``found`` (a clause's, in text order) coordinated with ``best``."""
    if not _member(best):
        return Coordination([best], False)
    stated = containers(text, found)
    firm = {i for i, c in stated.items() if not c.listed and firm_container(text, c, found[i])}
    i = found.index(best)
    lo = hi = i
    joined_by_and = False
    while hi + 1 < len(found):
        m = _GAP.fullmatch(text, found[hi].end, found[hi + 1].start)
        if m is None or not _member(found[hi + 1]) or hi in firm:
            break
        joined_by_and |= _AND in m["sep"].lower() or "&" in m["sep"]
        hi += 1
    while lo > 0:
        m = _GAP.fullmatch(text, found[lo - 1].end, found[lo].start)
        if m is None or not _member(found[lo - 1]) or lo - 1 in firm:
            break
        joined_by_and |= _AND in m["sep"].lower() or "&" in m["sep"]
        lo -= 1
    members = found[lo:hi + 1]
    if len(members) < 2 or not (joined_by_and or len(members) >= 3):
        return Coordination([best], False)
    between = _BETWEEN.search(text, max(0, members[0].start - 40), members[0].start) is not None
    return Coordination(members, between or any(t.relation == Relation.BETWEEN for t in members))
