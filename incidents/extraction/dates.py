"""Event dates from the date expressions of one sentence, relative to publication.

ACLED time_precision: 1 exact day, 2 within a week, 3 only the month. Vague ranges
("during the past days", "last week", "earlier this month") take the middle of the
range, so the error is at most half of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from incidents.extraction.taxonomy import TIME_DAY, TIME_MONTH, TIME_WEEK

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}

_MONTH_WORD = r"(?:" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
_MONTH = r"(?P<month>" + _MONTH_WORD[3:]
# A weekday right after a reporting verb dates the statement, not the event.
_REPORTED = re.compile(
    r"\b(?:said|says|told|added|announced|stated|claimed|confirmed)"
    r"(?:\s+\w+){0,2}?\s+on\s+$", re.IGNORECASE
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("relative_ref", r"\b(?P<n>a|an|one|two|three|four|five|\d+)\s+days?\s+"
                         r"(?P<dir>later|earlier|before|after)\b"),
        ("same_day", r"\b(?:on\s+)?the\s+same\s+(?:day|night|evening|morning)\b"),
        ("today", r"\b(?:today|this\s+(?:morning|afternoon|evening)|tonight)\b"),
        ("yesterday", r"\b(?:yesterday|last\s+night)\b"),
        ("weekend", r"\b(?:(?:on|at|over|during)\s+the|last|this\s+past)\s+weekend\b"),
        ("day_month", r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH
                      + r"\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"),
        ("month_day", r"\b" + _MONTH + r"\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
                      r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"),
        ("weekday", r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"),
        # 06/12/2014, 12.6.2014 (day and month in either order), 2014-06-12
        ("numeric", r"(?<![\w/.-])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)(?![\w/.-])"),
        ("iso", r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})(?![\d/.-])"),
        ("past_days", r"\b(?:(?:during|over|in)\s+the\s+(?:past|last|recent)\s+(?:few\s+)?days"
                      r"|in\s+recent\s+days|recently|the\s+past\s+few\s+days)\b"),
        ("last_week", r"\blast\s+week\b"),
        ("this_week", r"\b(?:earlier\s+)?this\s+week\b"),
        ("this_month", r"\b(?:earlier\s+)?this\s+month\b"),
        ("last_month", r"\blast\s+month\b"),
        ("in_month", r"\b(?:in|during|since)\s+(?:early\s+|mid-?|late\s+)?" + _MONTH
                     + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b"),
    )
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A full date (day, month and year): its year dates the event, it is no sign of history.
_FULL_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"\.?,?\s+(?:19|20)\d\d\b"
    r"|\b" + _MONTH_WORD + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d\b|\b(?:19|20)\d\d-\d{2}-\d{2}\b", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"\b(?:in\s+recent\s+years|in\s+the\s+past(?!\s+(?:few\s+)?(?:days|week|hours|24))\b|for\s+years|over\s+the\s+years|have\s+long"
    r"|has\s+long|regularly|frequently|repeatedly|routinely|often|since\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateCue:
    """A resolved date expression: the day and its ACLED time precision."""

    day: date
    precision: int
    text: str


def _month_number(name: str) -> int:
    name = name.lower()
    return next(i for i, full in enumerate(MONTHS, start=1) if full.startswith(name[:3]))


def _last_weekday(published: date, weekday: str) -> date:
    """The most recent such weekday on or before publication."""
    delta = (published.weekday() - WEEKDAYS.index(weekday.lower())) % 7
    return published - timedelta(days=delta)


def _month_middle(year: int, month: int, last_day: date | None = None) -> date:
    start = date(year, month, 1)
    if last_day is not None and last_day >= start:
        return start + (last_day - start) / 2
    return date(year, month, 15)


def _explicit(published: date, match: re.Match[str]) -> date | None:
    month = _month_number(match.group("month"))
    year = int(match.group("year")) if match.group("year") else published.year
    try:
        day = date(year, month, int(match.group("day")))
    except ValueError:
        return None
    if not match.group("year") and day > published:
        day = day.replace(year=year - 1)
    return day


def _numeric(published: date, a: int, b: int, year: int) -> date | None:
    """A numeric date: month/day (GTD, US sources) or day/month (most others). When both
    readings are valid, the one on or before publication and nearest to it wins (ties:
    month first)."""
    readings = []
    for month, day in ((a, b), (b, a)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    past = [d for d in readings if d <= published] or readings
    return min(past, key=lambda d: abs((published - d).days))


def _resolve(kind: str, match: re.Match[str], published: date, previous: DateCue | None) -> DateCue | None:
    """The date an expression names, or None when it falls outside the calendar
    ("99999 days later", "last Monday" in a report dated 0001-01-01)."""
    try:
        return _resolve_in_calendar(kind, match, published, previous)
    except OverflowError:
        return None


def _resolve_in_calendar(
    kind: str, match: re.Match[str], published: date, previous: DateCue | None
) -> DateCue | None:
    text = match.group(0)
    if kind == "relative_ref":
        if previous is None:
            return None
        raw = match.group("n").lower()
        days = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 1)
        # "came a day after X": the event in this sentence is X, the day before.
        sign = 1 if match.group("dir").lower() == "later" else -1
        return DateCue(previous.day + timedelta(days=sign * days), previous.precision, text)
    if kind == "same_day":
        return DateCue(previous.day, previous.precision, text) if previous else None
    if kind == "today":
        return DateCue(published, TIME_DAY, text)
    if kind == "yesterday":
        return DateCue(published - timedelta(days=1), TIME_DAY, text)
    if kind == "weekend":
        # The last Saturday-Sunday before publication: its Saturday, within the week.
        return DateCue(published - timedelta(days=(published.weekday() - 5) % 7 or 7), TIME_WEEK, text)
    if kind in ("day_month", "month_day"):
        day = _explicit(published, match)
        return DateCue(day, TIME_DAY, text) if day else None
    if kind == "numeric":
        day = _numeric(published, int(match.group("a")), int(match.group("b")), int(match.group("year")))
        return DateCue(day, TIME_DAY, text) if day else None
    if kind == "iso":
        try:
            day = date(int(match.group("year")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            return None
        return DateCue(day, TIME_DAY, text)
    if kind == "weekday":
        return DateCue(_last_weekday(published, match.group("weekday")), TIME_DAY, text)
    if kind == "past_days":
        return DateCue(published - timedelta(days=2), TIME_WEEK, text)
    if kind == "last_week":
        monday = published - timedelta(days=published.weekday() + 7)
        return DateCue(monday + timedelta(days=3), TIME_WEEK, text)
    if kind == "this_week":
        monday = published - timedelta(days=published.weekday())
        return DateCue(monday + (published - monday) / 2, TIME_WEEK, text)
    if kind == "this_month":
        return DateCue(_month_middle(published.year, published.month, published), TIME_MONTH, text)
    if kind == "last_month":
        first = published.replace(day=1) - timedelta(days=1)
        return DateCue(date(first.year, first.month, 15), TIME_MONTH, text)
    if kind == "in_month":
        month = _month_number(match.group("month"))
        year = int(match.group("year")) if match.group("year") else published.year
        if not match.group("year") and month > published.month:
            year -= 1
        current = (year, month) == (published.year, published.month)
        return DateCue(_month_middle(year, month, published if current else None), TIME_MONTH, text)
    return None


@lru_cache(maxsize=4096)  # the pipeline reads each sentence's date twice (its "now", then the event)
def date_cue(
    sentence: str, *, published: date | None, previous: DateCue | None = None
) -> DateCue | None:
    """The event date stated in `sentence`, or None when it states none.

    `previous` is the last date cue of the report, the anchor for "a day later" and
    "on the same night". The earliest expression in the sentence wins, except a
    weekday that only dates the statement ("a source said on Monday"), which is used,
    as "within a week" (2), only when nothing else dates the event.
    """
    if published is None:
        return None
    found: list[tuple[int, DateCue]] = []
    stated: DateCue | None = None
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if kind == "weekday" and _REPORTED.search(sentence[: match.start()]):
                stated = stated or _resolve(kind, match, published, previous)
                continue
            if any(start <= match.start() < start + len(cue.text) for start, cue in found):
                continue
            cue = _resolve(kind, match, published, previous)
            if cue is not None and cue.day <= published:
                found.append((match.start(), cue))
    if not found:
        # Only the statement is dated ("the army said on Monday"): the event happened
        # by then, most likely that day or the one before.
        if stated is not None and stated.day <= published:
            return DateCue(stated.day, TIME_WEEK, stated.text)
        return None
    found.sort(key=lambda pair: pair[0])
    return found[0][1]


def is_background(sentence: str, *, published: date | None) -> bool:
    """True for history and habitual statements ("In 2017, Iraq declared victory..."): a
    marker of history, or a bare year before ``published`` (the report's newest event
    date, see the pipeline). A full date's year is the event's, not a sign of history."""
    if _BACKGROUND.search(sentence):
        return True
    if published is None:
        return False
    return any(int(year) < published.year for year in _YEAR.findall(_FULL_DATE.sub(" ", sentence)))
