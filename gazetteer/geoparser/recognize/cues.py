"""Keyword cues of recognition: border phrases and unknown names after location cues.

Both are found from keyword hits (one pyahocorasick pass over the lower-cased text)
followed by a regular expression anchored at each hit, so the cost grows with the hits,
not with the text.
"""

import re

from .. import vocab as lx
from ..normalize import name_key
from ..text import NAME_MARKS, Document
from ..vocab import patterns as pt
from .orgs import in_org

_CAP_WORD = r"[A-Z][\w'’]*"
# Articles that are also English words ("Falluja as IS fights") join only with a hyphen.
_NAME_SEQ = (
    rf"{_CAP_WORD}(?:(?:[ \t]+|-)(?:{pt.group(lx.NAME_JOINERS)}(?:[ \t]+|-)"
    rf"|{pt.group(lx.ENGLISH_ARTICLES)}-)?{_CAP_WORD}){{0,4}}"
)
# Strong cues before an unknown name: "south-west of", "the villages of", "near".
_CUE = (rf"(?:{pt.group(lx.CARDINALS)}(?:[- ]?{pt.group(lx.SIDES)})?(?:{lx.ADJECTIVE_ENDING})?\s+of"
        rf"|{pt.group(lx.UNKNOWN_NAME_OF)}\s+of|{pt.words(lx.UNKNOWN_NAME_BEFORE)})")
_AREA = pt.group(w for w, area in lx.AREA_WORDS.items() if area.cue)
_AND = lx.LIST_AND
_CUE_NAME = re.compile(rf"(?i:{_CUE})[ \t]+(?:the[ \t]+)?(?P<name>{_NAME_SEQ})")
_LIST_NEXT = re.compile(rf"(?:[ \t]*,[ \t]*(?:{_AND}[ \t]+)?|[ \t]+{_AND}[ \t]+)(?P<name>{_NAME_SEQ})")
_NAME_AREA = re.compile(rf"(?P<name>{_NAME_SEQ})[ \t]+{_AREA}\b$")
_NAME_CAMP = re.compile(rf"(?P<name>{_NAME_SEQ})[ \t]+{lx.CAMP}\b$")
_ADJ = pt.capitalised(lx.BORDER_ADJECTIVES)
_BORDER_WORD = pt.group(lx.BORDER_WORDS)
_BORDER = re.compile(
    rf"(?<!\w)(?:{_ADJ})(?:[ \t]*[-–/][ \t]*(?:{_ADJ})|[ \t]+{_AND}[ \t]+(?:{_ADJ}))?"
    rf"[ \t]+{_BORDER_WORD}(?!\w)$"
)
_AREA_WORD = re.compile(_AREA + r"\b")
_SUB = lx.SUB_DISTRICT[0] + "-"  # "sub-" of "sub-district", before the "district" hit
_SMALL_PLACE_HEAD = re.compile(rf"[ \t]+{pt.group(lx.PERSON_PLACE_HEADS)}\b")
_NEVER, _ORG_HEADS, _TITLE_LEADS = lx.NEVER, lx.ORG_HEADS, lx.TITLE_LEADS
# The titles that the NEVER test would reject ("Sheikh", "Imam"); the others ("Abu",
# "Sayyida") start a name anyway.
_NEVER_TITLES = lx.TITLE_LEADS & lx.NEVER
_TITLE_WORD = re.compile(pt.capitalised(lx.TITLE_LEADS))
_BORDER_END = re.compile(rf"{_BORDER_WORD}(?!\w)")
_LEXICON_KEYS = frozenset(
    name_key(s) for table in (lx.COUNTRIES, lx.DEMONYMS, lx.REGIONS) for s in table
)


def border_spans(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjectival border phrases: "the Iraqi-Syrian borders", "Syria-Iraq border"."""
    spans = []
    for bs, _ in words:
        tail = _BORDER_END.match(text, bs)
        if tail is None:
            continue
        m = _BORDER.search(text, max(0, bs - 48), tail.end())
        if m is not None:
            spans.append(m.span())
    return spans


_CAPITAL = re.compile("[A-Z]")
_BLANKS = frozenset(" \t")
_WORD_MARKS = frozenset("_'’")  # with letters and digits, what _CAP_WORD's words consist of


def _capital_word_before(text: str, pos: int, lo: int) -> bool:
    """False when _NAME_AREA cannot end a name right before pos (searched from lo): the
    name's last word (a capital A-Z, then word characters and marks) must end right before
    the blanks before pos. A cheap test before the search, which tries every position."""
    end = pos
    while end > lo and text[end - 1] in _BLANKS:
        end -= 1
    if end == pos:
        return False
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in _WORD_MARKS):
        start -= 1
    return _CAPITAL.search(text, start, end) is not None


# A possessive ending a word of a capitalised run: "Basra's", "Idlib’s", "Homs' ".
_POSSESSIVE = re.compile(r"(?:['’][sS]|(?<=s)['’])(?![^\W_])[ \t]*")


def _after_possessive(text: str, start: int, end: int) -> int:
    """Where the name of text[start:end] starts: after its last possessive, if any. In
    "Basra's Qurna district" the name is "Qurna"; "Basra" is its container, found by the
    gazetteer (like "Iraq" in "Iraq's Kirkuk"), never part of the unknown name, which
    would hide both known places. ``end`` when the name ends with the possessive
    ("Sheikh Hamid's area": the area of a man)."""
    for m in _POSSESSIVE.finditer(text, start, end):
        start = m.end()
    return start


# Adjectives of a community ("Shi'ite", "Sunni", "Kurdish", "Arab"), lowercase, no marks.
_ADJECTIVES = frozenset(w.lower() for w in lx.DEMONYMS) | lx.COMMUNITY_ADJECTIVES
_WORD_MARK = re.compile(f"[{NAME_MARKS}]")
_BLANK_RUN = re.compile(r"[ \t]+")


def _after_adjectives(text: str, start: int, end: int) -> int:
    """Where a name starts after the community adjectives that open its span ("the mainly
    Shi'ite Sha'ab district": Sha'ab; "the Sunni Arab Adhamiya district": Adhamiya), ``end``
    when they are all it has ("a Kurdish Yarsanist village"). A demonym or such a word
    describes the place, it is no part of its name."""
    while start < end:
        gap = _BLANK_RUN.search(text, start, end)
        if _WORD_MARK.sub("", text[start:gap.start() if gap else end]).lower() not in _ADJECTIVES:
            return start
        start = gap.end() if gap else end
    return start


def unknown_names(doc: Document, hits: dict):
    """Capitalised names after strong location cues ("southwest of X", "X area") that the
    gazetteer lacks; (start, end) spans, maybe overlapping found toponyms."""
    text = doc.text
    seen = set()
    for cs, _ in hits["cue"]:
        m = _CUE_NAME.match(text, cs)  # most hits are no cue ("North Africa"): it fails at once
        while m:  # "the villages of Foua and Kfraya": every name of the list
            seen.add(m.span("name"))
            m = _LIST_NEXT.match(text, m.end("name"))
    for as_, _ in hits["area"]:
        word = _AREA_WORD.match(text, as_)  # case-sensitive, a whole word
        if word is None:
            continue
        lo = max(0, as_ - 120)
        if not (_capital_word_before(text, as_, lo) or (
                text[as_ - 4:as_] == _SUB and _capital_word_before(text, as_ - 4, lo))):
            continue  # "the region", "in the area": no name can end right before it
        m = _NAME_AREA.search(text, lo, word.end())
        if m:
            seen.add(m.span("name"))
    camps = _camp_names(text, hits["camp"], seen) if hits["camp"] else ()
    for span in sorted(seen.union(camps)) if camps else sorted(seen):
        start, end = span
        if text.find("'", start, end) >= 0 or text.find("’", start, end) >= 0:
            start = _after_possessive(text, start, end)
            if start >= end:
                continue  # "Sheikh Ahmed's area": only the possessor, no name after it
        spans = doc.tokens_in(start, end)
        if text[spans[0][0]:spans[0][1]].lower() == "the":
            if len(spans) == 1:
                continue
            start, spans = spans[1][0], spans[1:]
        if len(spans) > 1 and (first := _after_adjectives(text, start, end)) != start:
            if first >= end:
                continue  # "the Kurdish Arab area": no name
            start, spans = first, doc.tokens_in(first, end)
        words = [text[s:e] for s, e in spans]
        lowered = [w.lower() for w in words]
        rest = lowered
        if camps and span in camps:
            if lowered[0] not in _TITLE_LEADS or len(words) == 1:
                continue  # "the Maliki camp" is as often a political camp as a place
            rest = lowered[1:]
        elif lowered[0] in _NEVER_TITLES and len(words) > 1 and _SMALL_PLACE_HEAD.match(text, end):
            rest = lowered[1:]  # "the Sheikh Maqsoud neighbourhood": a titled place name
        if any(w in _NEVER or w.capitalize() in _ORG_HEADS for w in rest):
            continue
        if words[0] in lx.ORG_LEADS:
            continue  # "between Jaysh al Islam and HTS": a group's name
        if lowered[-1] in lx.FACILITY_HEADS or any(w.isdigit() for w in words):
            continue
        if len(words) == 1 and (lowered[0] in lx.COMMON or words[0].isupper()):
            continue
        if in_org(text, start, end) or name_key(text[start:end]) in _LEXICON_KEYS:
            continue
        yield start, end


def _camp_names(text: str, camps: list[tuple[int, int]], seen: set) -> set:
    """Spans of the capitalised names before "camp" (keyword hits ``camps``) not found
    otherwise (``seen``), when a title is in reach: "camp" heads only a titled name
    ("the Sheikh X camp"; unknown_names drops the others)."""
    out = set()
    for as_, _ in camps:
        lo = max(0, as_ - 120)
        if (text.startswith(lx.CAMP, as_) and _capital_word_before(text, as_, lo)
                and _TITLE_WORD.search(text, lo, as_) is not None):
            m = _NAME_CAMP.search(text, lo, as_ + len(lx.CAMP))
            if m and m.span("name") not in seen:
                out.add(m.span("name"))
    return out
