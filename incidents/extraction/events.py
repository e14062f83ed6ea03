"""Event type, sub-event type and fatalities of one clause, from keyword rules.

Rules are ordered: the first that matches wins, so the specific ones (a defused bomb,
a suicide bomber) come before the generic ones (an explosive device, a killing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from incidents.extraction.dates import NUMBER_WORDS
from incidents.extraction.taxonomy import (
    ABDUCTION,
    AGREEMENT,
    AIR_DRONE_STRIKE,
    ARMED_CLASH,
    ARRESTS,
    ATTACK,
    BATTLES,
    CIVILIAN_VIOLENCE,
    DISRUPTED_WEAPONS_USE,
    EXCESSIVE_FORCE,
    EXPLOSIONS,
    GOVERNMENT_REGAINS,
    GRENADE,
    MOB_VIOLENCE,
    NON_STATE_OVERTAKES,
    OTHER,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    PROTESTS,
    REMOTE_EXPLOSIVE,
    RIOTS,
    SHELLING,
    STRATEGIC,
    SUICIDE_BOMB,
    VIOLENT_DEMONSTRATION,
)

_AIR_MAKER = (r"(?:air\s*force|aircraft|warplanes?|jets?|f-16s?|helicopters?|gunships?|drones?"
              r"|planes?|fighter\s+jets)")
_AIR_VERB = (r"(?:struck|strikes?|bomb(?:ed|ing)|hit|raids?|targeted|pounded|attack(?:ed)?"
             r"|dropped|killed|fired\s+missiles)")
_PROTESTERS = r"(?:protesters|protestors|demonstrators|rioters)"
_ARMED = (r"(?:post|position|checkpoint|base|patrol|outpost|convoy|headquarters|barracks"
          r"|military\s+\w+|army\s+\w+"
          r"|soldiers|troops|policemen|police(?:\s+officers)?|army|security\s+forces|fighters"
          r"|militants|insurgents|jihadists|gunmen)s?")
_LEFTOVER = (r"(?:unexploded|UXO|explosive\s+remnants|remnants\s+of\s+war|leftover\s+(?:ordnance"
             r"|explosives?|shells?|mines?))")
_WENT_OFF = r"(?:exploded|went\s+off|detonated|blew\s+up|kill\w*|wound\w*|injur\w*|died)"
# What changes hands when territory is taken: a settlement or a named site.
_TERRITORY = (r"(?:the\s+)?(?:\w+[-\s]+){0,3}?(?:town|city|village|villages|area|district"
              r"|neighbou?rhoods?|quarter|hill|airport|air\s*base|dam|stadium|border\s+crossing"
              r"|territory|positions?|stronghold|complex)s?\b")
_STATE = (r"(?:government|regime|army|armed\s+forces|troops|soldiers|security\s+forces"
          r"|(?:iraqi|syrian|federal|special|counter-terrorism)\s+(?:\w+\s+)?forces|police)")

# (event_type, sub_event_type, pattern), first match wins.
RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (event_type, sub_type, re.compile(pattern, re.IGNORECASE))
    for event_type, sub_type, pattern in (
        (STRATEGIC, DISRUPTED_WEAPONS_USE,
         r"\b(?:defused|dismantled|disarmed|detonated\s+in\s+a\s+controlled"
         r"|wearing\s+an\s+explosive\s+(?:belt|vest))"),
        (EXPLOSIONS, SUICIDE_BOMB,
         r"\b(?:suicide\s+(?:\w+\s+)?(?:bomb(?:er|ers|ing|s)?|attack(?:er|ers|s)?)|suicide\s+vests?"
         r"|blew\s+(?:him|her|them)sel(?:f|ves)\s+up"
         r"|car\s+bomb\s+driven|explosive[- ](?:belt|vest)\s+(?:was\s+)?detonated"
         r"|detonated\s+(?:an|his|her)\s+explosive\s+(?:belt|vest))"),
        # ACLED: violent crowds are riots, force used on protesters is a protest event.
        (RIOTS, MOB_VIOLENCE, r"\b(?:mobs?|lynch(?:ed|ing)?)\b"),
        (PROTESTS, EXCESSIVE_FORCE,
         r"\b" + _STATE + r"\b[^.;]{0,60}?\b(?:opened\s+fire|fired|shot|killed|killing)\b[^.;]{0,30}?\b"
         + _PROTESTERS + r"|\b" + _PROTESTERS + r"\s+(?:\w+\s+){0,3}?(?:shot|killed)\s+by\s+"
         r"(?:\w+\s+)?" + _STATE),
        (RIOTS, VIOLENT_DEMONSTRATION,
         r"\b(?:" + _PROTESTERS + r"|crowds?)\b[^.;]{0,60}?\b(?:torched|set\s+(?:fire|ablaze|alight)"
         r"|burn(?:ed|t)|stormed|ransacked|threw|hurled|pelted|clashed|smashed|looted|attacked)\b"
         r"|\bclash(?:es|ed)?\s+(?:between|with)\s+(?:\w+\s+){0,3}?" + _PROTESTERS),
        (PROTESTS, PROTEST_WITH_INTERVENTION,
         r"\b(?:tear\s*gas|water\s+cannons?|dispers(?:ed|e|ing)\s+(?:\w+\s+){0,3}?(?:protest|"
         r"demonstrat|crowd|rall|sit-in)\w*|arrest(?:ed|ing)\s+(?:\w+\s+){0,3}?" + _PROTESTERS + r")"),
        (EXPLOSIONS, GRENADE,
         r"\b(?:grenades?\s+(?:attack|was\s+thrown|were\s+thrown|thrown|hurled|tossed|lobbed"
         r"|exploded|went\s+off)|(?:threw|hurled|tossed|lobbed)\s+(?:an?\s+)?(?:hand\s+)?grenades?)"),
        # Territory changing hands; extraction turns it into "Government regains" when a
        # state force takes it (see `territory_sub_type`).
        (BATTLES, GOVERNMENT_REGAINS,
         r"\b(?:recaptur(?:ed|e|ing)|retook|retaken|took\s+back|won\s+back|wrested\s+(?:back\s+)?"
         r"control|regain(?:ed|s)?\s+(?:full\s+|complete\s+)?control|(?:liberat(?:ed|ing)|freed)"
         r"\s+(?:\w+\s+){0,4}?(?:town|city|village|area|district|neighbou?rhood|(?-i:[A-Z])))"),
        (BATTLES, NON_STATE_OVERTAKES,
         r"\b(?:overran|overrun|(?:seized|captured|took|taken)\s+(?:full\s+|complete\s+)?control"
         r"|took\s+over\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:town|city|village|area|district|base)"
         r"|(?:seized|captured|taken)\s+" + _TERRITORY + r"|fell\s+to)"),
        (EXPLOSIONS, AIR_DRONE_STRIKE,
         r"\b(?:air\s*strikes?|airstrikes?|air\s+raids?|drone\s+(?:strikes?|attacks?)"
         r"|barrel\s+bombs?|warplanes|targeted\s+by\s+the\s+air\s+force|shelled\s+by\s+aircraft|"
         + _AIR_MAKER + r"\b[^.;]{0,40}?\b" + _AIR_VERB
         + r"|" + _AIR_VERB + r"\s+by\s+(?:\w+\s+){0,2}" + _AIR_MAKER + r")\b"),
        # Ordnance left behind goes off like a mine, whatever it was fired as.
        (EXPLOSIONS, REMOTE_EXPLOSIVE,
         r"\b" + _LEFTOVER + r"\b[^.;]{0,60}?\b" + _WENT_OFF
         + r"|\b" + _WENT_OFF + r"\b[^.;]{0,60}?\b" + _LEFTOVER + r"\b"),
        (EXPLOSIONS, SHELLING,
         r"\b(?:shell(?:ed|ing|s)?(?!\s+(?:oil|company|petroleum|plc)\b)|mortars?|rockets?"
         r"|bombard(?:ed|ment|ing)"
         r"|artillery|missiles?|katyushas?)\b"),
        (EXPLOSIONS, REMOTE_EXPLOSIVE,
         r"\b(?:IEDs?|improvised\s+explosive|roadside\s+bombs?|explosive\s+devices?|landmines?"
         r"|land\s+mines?|car\s+bombs?|sticky\s+bombs?|motorbike\s+bombs?|motorcycle\s+bombs?"
         r"|bomb\s+(?:exploded|went\s+off)"
         r"|(?:device|bomb|IED)\s+(?:\w+\s+)?(?:exploded|went\s+off|damaged|hit|struck|targeted))\b"),
        # A crowd protesting about a killing or a kidnapping is a protest: the verb of
        # protest decides before the words of violence it names.
        (PROTESTS, PEACEFUL_PROTEST,
         r"\b(?:protested|demonstrated|rallied|marched|took\s+to\s+the\s+streets"
         r"|(?:staged|held|organi[sz]ed)\s+(?:an?\s+)?(?:\w+\s+)?(?:protest|demonstration|sit-in"
         r"|rally|march))\b"),
        # Killing captives outright; a court's sentence carried out is no attack (ACLED
        # does not code it).
        (CIVILIAN_VIOLENCE, ATTACK,
         r"\b(?:executed(?![^.;]{0,60}\b(?:convicted|sentenced|court))|murdered|beheaded"
         r"|massacred)\b"),
        (CIVILIAN_VIOLENCE, ABDUCTION,
         r"\b(?:kidnap(?:ped|ping|s)?|abduct(?:ed|ion|s)?|forcibly\s+disappeared|snatched"
         r"|took\s+(?:him|her|them)\s+to\s+an\s+unknown\s+(?:destination|location|place))\b"),
        (STRATEGIC, ARRESTS,
         r"\b(?:arrest(?:ed|s)?|detain(?:ed|s)?|captured|apprehended|rounded\s+up)\b"),
        (BATTLES, ARMED_CLASH,
         r"\b(?:clash(?:ed|es)?|firefights?|gunfights?|gun\s*battles?|exchanged\s+(?:\w+\s+)?fire"
         r"|ambush(?:ed)?|sniper\s+fire|skirmish(?:ed|es)?|fought|battl(?:ed|es|ing)"
         r"|(?:fighting|combat)\s+(?:erupted|broke\s+out|raged|continued|intensified)"
         r"|(?:heavy|fierce)\s+fighting|stormed"
         r"|attack(?:ed|ing)?\s+(?:an?\s+|the\s+)?(?:\w+[-\s]+){0,3}?" + _ARMED
         + r"|(?:attacks?|assault(?:ed)?)\s+on\s+(?:an?\s+|the\s+)?(?:\w+[-\s]+){0,3}?" + _ARMED
         + r"|(?:opened\s+fire|fired)\s+(?:on|at)\s+(?:an?\s+|the\s+)?(?:\w+[-\s]+){0,3}?" + _ARMED
         + r"|(?:killed|killing)\s+(?:at\s+least\s+|more\s+than\s+)?(?:\w+\s+){0,2}?"
         r"(?:militants|insurgents|jihadists|terrorists|fighters|soldiers|troops|policemen"
         r"|members\s+of\s+(?:the\s+)?(?:security|armed)\s+forces))\b"),
        (CIVILIAN_VIOLENCE, ATTACK,
         r"\b(?:gunmen|shot\s+dead|assassinat(?:ed|ion)|opened\s+fire\s+on"
         r"|gunshot\s+wounds|stabbed"
         # An attack on anything but an armed party (tested above) falls on civilians.
         r"|attacked|(?:an?\s+)?attack\s+on)\b"),
        (STRATEGIC, AGREEMENT,
         r"\b(?:signed\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:agreement|deal|accord|memorandum)"
         r"|agreed\s+(?:on|to)\b|reached\s+an?\s+(?:\w+\s+)?(?:agreement|deal))"),
        (STRATEGIC, OTHER,
         r"\b(?:open(?:ed|ing)\s+(?:of\s+)?(?:\w+\s+){0,3}?(?:cent(?:er|re)s?|headquarters|bases?)"
         r"|cent(?:er|re)s\s+(?:\w+\s+){0,2}(?:been\s+)?opened)\b"),
        (PROTESTS, PEACEFUL_PROTEST,
         r"\b(?:protest(?:ed|ers|s)?|demonstrat(?:ed|ion|ions|ors)|sit-in|rall(?:ied|y|ies)"
         r"|took\s+to\s+the\s+streets|marched)\b"),
        # An explosion of untold cause: the generic case, after every specific one.
        (EXPLOSIONS, REMOTE_EXPLOSIVE,
         r"\b(?:explosions?|blasts?|exploded|detonated|went\s+off|blew\s+up|booby-trapped"
         r"|rigged\s+with\s+explosives)\b"),
    )
)

# Intent within a few words before the trigger ("will work to", "plans to open").
_INTENT = re.compile(
    r"\b(?:will|would|shall|plans?|planning|intends?|intend(?:ed|ing)|expected|aims?|vowed"
    r"|threaten(?:ed|s)?|preparing|going\s+to|to\s+be|called\s+(?:on|for)|urged|due\s+to"
    r"|in\s+order\s+to|could|may|might)\b",
    re.IGNORECASE,
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


@dataclass(frozen=True, slots=True)
class EventMatch:
    """The rule that fired on a clause and where its trigger is."""

    event_type: str
    sub_event_type: str
    start: int
    end: int


@lru_cache(maxsize=4096)  # extraction asks twice per clause (grouping, then coding)
def classify(clause: str) -> EventMatch | None:
    """The first keyword rule that matches the clause, or None (not an event)."""
    for event_type, sub_type, pattern in RULES:
        match = pattern.search(clause)
        if match:
            return EventMatch(event_type, sub_type, match.start(), match.end())
    return None


def is_running_total(clause: str) -> bool:
    """A toll summed over a period ("more than 300 have been killed since the protests
    began"): many past events, none of them this report's."""
    return bool(_RUNNING_TOTAL.search(clause))


def is_intention(clause: str, event: EventMatch) -> bool:
    """True when the trigger sits under a future/intent word ("will open centres")."""
    window = clause[max(0, event.start - 60): event.start]
    return bool(_INTENT.search(window))


def _quantity(raw: str, rest: str = "") -> int | None:
    raw = " ".join(raw.lower().split())
    if raw in _UNKNOWN_WORDS:
        return None
    count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 1)
    # "killing the driver and his son", "20 protesters and a police officer": each further
    # "and <determiner> noun" is one more, "and <number> noun" that number more.
    rest = re.split(r"\band\s+(?:wound|injur)", rest, maxsplit=1)[0]
    for word in _AND_MORE.findall(rest):
        word = word.lower()
        count += int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
    return count


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
        word = (match.group("n") or "a").lower()
        return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
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
