"""What a clause says of its event besides the coding: intention, running totals and the toll.

The coding itself (event type and sub-event type of the clause's head predicate) is
`clauses.classify`, re-exported here for the pipeline.
"""

from __future__ import annotations

import re

from incidents.extraction.clauses import EventMatch, classify
from incidents.extraction.dates import NUMBER_WORDS

__all__ = ["EventMatch", "classify", "fatalities", "is_intention", "is_running_total"]

# Intent within a few words before the trigger ("will work to", "plans to open"). The
# modal verbs only in lower case: "May" is a month ("On 9 May 2020, forces shelled").
_INTENT = re.compile(
    r"\b(?i:plans?|planning|intends?|intend(?:ed|ing)|expected|aims?|vowed"
    r"|threaten(?:ed|s)?|preparing|going\s+to|(?<!believed\s)(?<!suspected\s)(?<!likely\s)to\s+be"
    r"|called\s+(?:on|for)|urged"
    r"|in\s+order\s+to)\b|\b(?:will|would|shall|could|may|might)\b(?!\s+\d)",
)

_RUNNING_TOTAL = re.compile(
    r"\b(?:have|has)\s+been\s+(?:\w+\s+)?(?:killed|wounded|injured|arrested|detained)"
    r"\s+(?:\w+\s+){0,3}?since\b"
    r"|\bsince\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:began|started|erupted|broke\s+out)\b",
    re.IGNORECASE)
_VAGUE = r"a\s+number\s+of|several|dozens|scores|many|a\s+few|some|a\s+group\s+of"
_NUMBER = r"\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ABOUT = (r"(?:at\s+least|more\s+than|only|about|around|nearly|almost|some|up\s+to|over"
          r"|roughly|approximately|an\s+estimated)\s+")
_QTY = (r"(?:" + _ABOUT + r")?(?P<qty>" + _VAGUE + "|" + _NUMBER
        + r"|its|his|her|their|the)\b")
_KILLED_AFTER = re.compile(
    r"\b(?:killing|killed|kills|leaving|left|shot\s+dead|martyring|executed|executing)\s+"
    r"(?:of\s+(?!(?:a|an|the|its|his|her|their)\s))?" + _QTY
    + r"(?P<rest>[^,;.]{0,60})", re.IGNORECASE)
_PASSIVE_KILLED = re.compile(
    r"\b(?:(?:were|was)\s+(?:\w+\s+){0,2}?(?:killed|shot\s+dead|found\s+dead|martyred)|died"
    r"|lost\s+(?:their|his|her)\s+lives)\b", re.IGNORECASE)
_SUBJECT_QTY = re.compile(r"(?:^|[\s“\"(])(?:" + _ABOUT + r")?(?P<qty>"
                          + _VAGUE + "|" + _NUMBER + r")\b", re.IGNORECASE)
_SUBJECT_BREAK = re.compile(r"[,;:]|\b(?:when|which|whom|that|after|where|while)\b",
                            re.IGNORECASE)
_BODIES = re.compile(r"\b(?:the\s+)?(?:body|bodies)\s+of\s+(?:an?\s+|(?P<n>\w+)\s+)",
                     re.IGNORECASE)
_KILL_WORD = re.compile(r"\b(?:kill\w*|dead|death|died|lives|fatalit\w*|martyr\w*)\b",
                        re.IGNORECASE)
_AND_MORE = re.compile(r"\band\s+(a|an|his|her|its|their|" + _NUMBER + r")\s+\w+", re.IGNORECASE)
_HIMSELF = re.compile(r"\bkilling\s+only\s+himself\b", re.IGNORECASE)
_UNKNOWN_TOLL = re.compile(
    r"\b(?:not\s+(?:immediately\s+)?(?:known|clear)\s+whether\s+there\s+were\s+casualties"
    r"|no\s+immediate\s+word\s+on\s+casualties|without\s+giving\s+a\s+toll"
    r"|casualties\s+(?:were|are)\s+(?:not\s+known|unknown))",
    re.IGNORECASE,
)
_NO_TOLL_NEXT = re.compile(
    r"\s*(?:no\s+(?:casualties|deaths|fatalities|injuries)|no\s+one\s+was\s+(?:killed|hurt"
    r"|injured|wounded)|there\s+were\s+no\s+(?:casualties|deaths))", re.IGNORECASE)
_UNKNOWN_WORDS = {"a number of", "several", "dozens", "scores", "many", "a few", "some",
                  "a group of"}


def is_running_total(clause: str) -> bool:
    """A toll summed over a period ("more than 300 have been killed since the protests
    began"): many past events, none of them this report's."""
    return bool(_RUNNING_TOTAL.search(clause))


def is_intention(clause: str, event: EventMatch) -> bool:
    """True when the trigger sits under a future/intent word ("will open centres"); not
    one inside an aside closed before it ("gunmen, believed to be a sleeper cell, fired on ...")."""
    lo = max(0, event.start - 60)
    closed = clause.rfind(",", lo, event.start)
    return any(not (clause.rfind(",", 0, m.start()) >= 0 and m.end() <= closed)
               for m in _INTENT.finditer(clause, lo, event.start))


# No single reported event kills more: a bigger "number" is a typo, a phone number or an
# attack on the parser, and would overflow the fatalities column (or int() itself).
MAX_FATALITIES = 100_000
_MAX_DIGITS = len(str(MAX_FATALITIES))


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word) if len(word) <= _MAX_DIGITS else None
    return NUMBER_WORDS.get(word, 1)


def _quantity(raw: str, rest: str = "") -> int | None:
    raw = " ".join(raw.lower().split())
    if raw in _UNKNOWN_WORDS:
        return None
    count = _number(raw)
    # "killing the driver and his son", "20 protesters and a police officer": each further
    # "and <determiner> noun" is one more, "and <number> noun" that number more.
    rest = re.split(r"\band\s+(?:wound|injur)", rest, maxsplit=1)[0]
    for word in _AND_MORE.findall(rest):
        more = _number(word.lower())
        if count is None or more is None:
            return None
        count += more
    return count if count is not None and count <= MAX_FATALITIES else None


def fatalities(clause: str, next_sentence: str = "") -> int | None:
    """Deaths reported in a clause: a number, None when the toll is vague, 0 when no
    killing is mentioned."""
    if _HIMSELF.search(clause):
        return 1
    match = _KILLED_AFTER.search(clause)
    if match and not (match.group("qty").lower() == "the"
                      and match.group("rest").lstrip().lower().startswith("number")):
        return _quantity(match.group("qty"), match.group("rest"))
    match = _PASSIVE_KILLED.search(clause)
    if match:
        # The subject starts after the last clause break before "were killed" ("during
        # which a number of militants were killed"); its first quantity is the toll.
        window = clause[max(0, match.start() - 90): match.start()]
        breaks = list(_SUBJECT_BREAK.finditer(window))
        if breaks:
            window = window[breaks[-1].end():]
        subject = _SUBJECT_QTY.search(window)
        if subject:
            # "seven soldiers and nine militants died": every listed group counts.
            return _quantity(subject.group("qty"), window[subject.end():])
    match = _BODIES.search(clause)
    if match:
        return _number((match.group("n") or "a").lower())
    if _UNKNOWN_TOLL.search(clause) or _UNKNOWN_TOLL.search(next_sentence):
        return None
    if _NO_TOLL_NEXT.match(next_sentence):
        return 0  # "... in retaliation for the killing of X. No casualties were reported."
    if _KILL_WORD.search(clause) and not re.search(
        r"\b(?:no|without|neither)\s+(?:\w+\s+){0,2}(?:casualties|fatalities|deaths)", clause,
        re.IGNORECASE,
    ):
        return None
    return 0
