"""An unknown name that contains a known town's name falls back to that town, where the
town is the name's head: "Old Mosul", "Raqqa city", "Dar'a camp", not "Tal Hmis" (At Tall
is a town, "Tal" a hill) nor "Suqur al-Qasr" (a group "of al-Qasr")."""

import re

from .. import precision as P
from .. import vocab as lx
from ..containers import Container
from ..containment import FITS, fit
from ..gazindex import GazetteerIndex, is_strong
from ..normalize import is_article, name_key
from ..text import Document
from ..types import Candidate, Kind, Relation, Toponym
from .scoring import foreign

__all__ = ["inner_place"]

_COUNTRY = Kind.COUNTRY


def inner_place(doc: Document, t: Toponym, index: GazetteerIndex, container: Container | None,
                 toponyms: list[Toponym], countries: dict[str, int]) -> Toponym:
    """An unknown name that contains a town's name ("Old Mosul", "West Mosul", "Raqqa
    city", "Dar'a camp") falls back to that town: relation "within", near it
    (precision.INNER_TOWN), ``place`` stays None.

    Only where the town is the name's head. A name the town's name begins and another
    proper word goes on ("Tal Hmis", "Bab al-Hawa": the Arabic head noun, tall "hill" or
    bab "gate", with its own modifier) is another place, whatever town shares the head
    noun (At Tall, Al Bab). A container the text states wins: the town only when it lies
    in it, else relate/ places the name at the container ("Eastern Qasr town in
    Homsa" is no Qasr of another governorate). Nor a town across the border in a
    document of the other country (scoring.foreign)."""
    text = t.text
    words = [(s - t.start, e - t.start) for s, e in doc.tokens_in(t.start, t.end)]
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            start, end = words[i][0], words[i + size - 1][1]
            sub = text[start:end]
            if not _whole_words(text, start, end) or not _head(text, start, end, sub):
                continue
            cands = [c for c in index.candidates(name_key(sub)) if is_strong([c])]
            if container is not None:
                cands = [c for c in cands if _inside_container(c, container, toponyms, index)]
            cands = [c for c in cands if not foreign(c, [(c, 0.0, 0.0)], countries, index.near_border)]
            if cands:
                best = max(cands, key=lambda c: (c.population, -c.place_id))
                radius, precision = P.INNER_TOWN
                return t.related(Relation.WITHIN, sub, t.direction, t.distance_km, best.lat,
                                 best.lon, radius, precision, best.lat, best.lon)
    return t


def _whole_words(text: str, start: int, end: int) -> bool:
    """text[start:end] begins and ends at a blank or a hyphen (not "a" of "Dar'a")."""
    return (start == 0 or text[start - 1] in _WORD_JOINS) and (end == len(text) or text[end] in _WORD_JOINS)


_WORD_JOINS = frozenset(" \t-")
# What may follow a town's name in a name of that town: "Raqqa city", "Dar'a camp",
# "Daraa al-Balad" (the old town).
_DESCRIPTORS = frozenset({*lx.GENERIC_WORDS, *lx.PLACE_HEADS, "balad"})


def _head(text: str, start: int, end: int, sub: str) -> bool:
    """Whether the town's name sub (text[start:end]) is the head of the name text: the
    name is the town with words describing it after ("Raqqa city"), or joined to another
    by a hyphen (the "Damascus-Homs" road), or the town with modifiers before ("Old
    Mosul"); not a town written with its article after a head ("Suqur al-Qasr": the
    Arabic genitive, the head is the first word)."""
    words = re.split(r"[ \t-]+", sub)
    if is_article(words[-1]):
        return False  # "Qasr al" of "Qasr al-Balad": the name goes on
    if start == 0:
        return text[end:end + 1] == "-" or _descriptors(text[end:])
    before = re.split(r"[ \t-]+", text[:start].rstrip(" \t-"))[-1]
    return not is_article(words[0]) and not is_article(before)


def _descriptors(rest: str) -> bool:
    """Every word of ``rest`` describes the name before it (an article aside)."""
    words = [w for w in re.split(r"[ \t-]+", rest.lower()) if w]
    return all(w in _DESCRIPTORS or is_article(w) for w in words)


def _inside_container(c: Candidate, container: Container, toponyms: list[Toponym],
                      index: GazetteerIndex) -> bool:
    """Whether candidate c lies in the container the text states (as resolved by now)."""
    holder = toponyms[container.index]
    if holder.kind == _COUNTRY:
        code = index.country_code(holder.text)
        return not code or c.country == code
    if holder.place is None:
        return False
    return fit(c, holder.place, index, how=container.how, extra_km=container.radius) == FITS
