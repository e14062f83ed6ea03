"""Find toponyms in a document: gazetteer lookup of name-word runs, then context rules.

Offsets are character offsets into the original text (``text[t.start:t.end] ==
t.text``). Recognition only finds spans and their candidates; ``resolve`` chooses.

Speed: the Document's runs of name words (text.py) are matched once per distinct run
(fast.run_matches, cached in the index); context rules (context, people, orgs) run on the
hits only; cues finds border phrases and unknown names from the Document's keyword hits.

    runs      the general path: a run tokenised, the longest acceptable span at each start
    fast      the speed paths (one-word and single-spaced runs, possessives, accepted_ends)
    accept    which spans may be a name
    context   location cues and longer names around a name
    people    titles, given names, nisbas: a person's name, no place
    orgs      organisation names and the facilities of a town
    cues      border phrases, unknown names after location cues
"""

from operator import attrgetter

from ..gazindex import GazetteerIndex
from ..normalize import name_key
from ..text import ARABIC_FIRST, ARABIC_LAST, Document
from ..types import Kind, Toponym
from . import context as cx
from . import cues
from .fast import run_matches
from .orgs import facility_end, in_org
from .people import GIVEN_NAME_KEYS, ORGANISATION, PERSON, before_surname, lead_in, surname
from .runs import MAX_TOKENS

__all__ = ["GazetteerIndex", "MAX_TOKENS", "recognize"]

_RUN_CACHE_SIZE = 200_000
_make = Toponym.make  # one lookup, not one per name


def _gazetteer_hits(doc, index, taken):
    """Toponyms of gazetteer and vocabulary names, plus the person-name keys seen."""
    text = doc.text
    found, person_keys, person_words, uncued = [], set(), set(), set()

    def known(word: str) -> bool:
        return name_key(word) in index

    cache = index.run_cache
    cached = cache.get
    for m in doc.runs:
        run = m[0]
        matches = cached(run)
        if matches is None:
            if len(cache) > _RUN_CACHE_SIZE:
                cache.clear()
                index.word_cache.clear()
            matches = cache[run] = run_matches(run, index)
        if not matches:
            continue
        run_start = m.start()
        if run_start and text[run_start - 1].isalnum() and not ARABIC_FIRST <= run[0] <= ARABIC_LAST:
            continue  # a Latin run that starts inside a word
        for start, end, key, kind, pairs, common, weak, prev in matches:
            start, end = start + run_start, end + run_start
            if taken and any(s < end and start < e for s, e in taken):
                continue
            if common and cx.common_uncued(text[start:end], prev, doc, start):
                uncued.add(start)
            elif weak:
                # A one-word village namesake: a person's name ("James Baker", then every
                # "Baker" of the report) or a word without any location cue is no place.
                context = cx.weak_name_context(doc, start, end)
                if context == PERSON:
                    person_keys.add(key)
                    continue
                if not context:
                    uncued.add(start)
            if kind in _ORG_KINDS:
                # "Tikrit University" is an organisation, yet where an attack on it was.
                org = in_org(text, start, end) and not (
                    kind == _PLACE and facility_end(text, end) >= 0)
                lead = ORGANISATION if org else lead_in(text, start, end, known, people=kind == _PLACE)
                if lead == ORGANISATION:
                    kind = Kind.ORGANISATION
                elif kind == _PLACE and (lead == PERSON or (
                        prev is not None and surname(text, start, end, key, prev, pairs, index))):
                    # "Muqtada al-Sadr": a later "Sadr" without a cue is him too.
                    person_words.add(text[start:end])
                    continue
            if kind == _PLACE and key in GIVEN_NAME_KEYS and before_surname(text, end):
                continue  # "the killing of Qassem Soleimani": the man, not a village Qasim
            found.append(_make(start, end, text[start:end], kind, pairs))
    if person_keys or person_words:
        found = [t for t in found if not (
            t.kind == _PLACE and (t.text in person_words or name_key(t.text) in person_keys)
            and not (cx.cued_at(text, t.start) or cx.cued(doc, t.start, t.end)))]
    if not uncued:
        return found
    sure = [t for t in found if t.start not in uncued]
    return [t for t in found if t.start not in uncued or cx.rescued(text, t, sure)]


_PLACE = Kind.PLACE


_ORG_KINDS = frozenset({Kind.PLACE, Kind.REGION, Kind.COUNTRY})


_START = attrgetter("start")


def recognize(text: str | Document, index: GazetteerIndex) -> list[Toponym]:
    """All toponyms in text order, with unscored candidates (place=None)."""
    doc = Document.of(text)
    text = doc.text
    hits = doc.keywords
    borders = cues.border_spans(text, hits["border"])
    found = [_make(s, e, text[s:e], Kind.BORDER, ()) for s, e in borders]
    found += _gazetteer_hits(doc, index, borders)
    for start, end in cues.unknown_names(doc, hits):
        clashing = [t for t in found if t.start < end and start < t.end]  # cx.overlaps
        if clashing and clashing[-1].end < end and clashing[-1].kind == _PLACE and (
                facility_end(text, clashing[-1].end) == end):
            continue  # "near Damascus International Airport": the town is the place
        if all(start <= t.start and t.end <= end and (t.start, t.end) != (start, end)
               and t.kind == _PLACE for t in clashing) and clashing:
            found = [t for t in found if t not in clashing]  # "Hammam" inside "Hammam X"
        elif clashing:
            continue
        found.append(_make(start, end, text[start:end], _PLACE, ()))
    return sorted(found, key=_START)
