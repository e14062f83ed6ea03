"""Event clauses: the head predicate of a clause and its ACLED coding.

A clause reports an event when it has an event predicate (predicates.py), whatever opens
it (a date, a dateline, an agency). Its head is the first predicate that is not
attendant to another ("clashes ... amid shelling", "following an attack", "supported by
airstrikes") and not a mere outcome ("were killed in clashes"): reports put the main act
first. The head's family codes the event; where the family alone does not decide, the
clause's arguments do: the weapon ("targeted the town with artillery" is shelling), whom
it fell on (armed parties make a battle, anyone else violence against civilians), and,
in the pipeline, who acted (territory a government takes is regained; an arrest by a
non-state group of armed men is a battle).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from incidents.extraction import predicates as vocab
from incidents.extraction.actors import CIVILIANS, PROTESTERS, RIOTERS, actor_mentions
from incidents.extraction.predicates import Family
from incidents.extraction.taxonomy import (
    ABDUCTION,
    AGREEMENT,
    AIR_DRONE_STRIKE,
    ARMED_CLASH,
    ARRESTS,
    ATTACK,
    BASE_ESTABLISHED,
    BATTLES,
    CIVILIAN_VIOLENCE,
    DISRUPTED_WEAPONS_USE,
    EXPLOSIONS,
    GOVERNMENT_REGAINS,
    GRENADE,
    LOOTING,
    NON_STATE_OVERTAKES,
    NON_VIOLENT_TRANSFER,
    OTHER,
    PEACEFUL_PROTEST,
    PROTESTS,
    REMOTE_EXPLOSIVE,
    RIOTS,
    SHELLING,
    STRATEGIC,
    SUICIDE_BOMB,
    VIOLENT_DEMONSTRATION,
)

__all__ = ["EventMatch", "Predicate", "classify", "falls_on", "predicates"]


@dataclass(frozen=True, slots=True)
class EventMatch:
    """The coding of a clause and where its head predicate is."""

    event_type: str
    sub_event_type: str
    start: int
    end: int
    outcome: bool = False  # the head only says what an act caused ("were killed")
    nominal: bool = False  # the head is a noun ("the attack"), not a verb ("attacked")


@dataclass(frozen=True, slots=True)
class Predicate:
    """One event word of a clause."""

    family: Family
    start: int
    end: int
    attendant: str  # "" the clause's own, "noun" governed by a preposition, "clause" by a conjunction
    verbal: bool


def _words(fragments) -> str:
    return "|".join(sorted(fragments, key=len, reverse=True))


def _families(table: dict[Family, tuple[str, ...]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{family.name}>(?<![\\w-])(?:{_words(forms)})(?![\\w-]))"
                               for family, forms in table.items()), re.IGNORECASE)


_PREDICATE = _families(vocab.PREDICATES)
_INSTRUMENT = _families(vocab.INSTRUMENTS)
_LEFTOVER = re.compile(rf"\b(?:{_words(vocab.LEFTOVER)})\b", re.IGNORECASE)
_ARMED = re.compile(rf"(?<![\w-])(?:{_words(vocab.ARMED_TARGETS)})(?![\w-])", re.IGNORECASE)
_CIVILIAN = re.compile(rf"(?<![\w-])(?:{_words(vocab.CIVILIAN_TARGETS)})(?![\w-])", re.IGNORECASE)
# A connector, then up to seven words, then the predicate: attendant to the clause's head.
_AFTER_PREPOSITION = re.compile(
    rf"(?<![\w-])(?:{_words(vocab.ATTENDANT_PREPOSITIONS)})(?:[ \t]+\S+){{0,7}}?[ \t]+$", re.IGNORECASE)
_AFTER_CONJUNCTION = re.compile(
    rf"(?<![\w-])(?:{_words(vocab.ATTENDANT_CONJUNCTIONS)})(?:[ \t]+\S+){{0,7}}?[ \t]+$", re.IGNORECASE)
# A light verb's object is the act ("in Mosul carried out an attack"), up to three words
# after it ("staged a large protest").
_AFTER_LIGHT_VERB = re.compile(
    rf"(?<![\w-])(?:{_words(vocab.LIGHT_VERBS)})(?:[ \t]+\S+){{0,3}}?[ \t]+$", re.IGNORECASE)
_PREPOSITION_WORD = re.compile(rf"(?<![\w-])(?:{_words(vocab.ATTENDANT_PREPOSITIONS)})(?![\w-])",
                               re.IGNORECASE)
_ADJECTIVAL = re.compile(rf"(?<![\w'’-])(?:{_words(vocab.DETERMINERS)})[ \t]+$", re.IGNORECASE)
# Past tenses and participles: a verb, which no preposition before it can govern.
_VERBAL = re.compile(r"(?:ed|ought|ook|shot|overran|withdrew|went off|blew up|struck|hit|threw)$",
                     re.IGNORECASE)
_JUDICIAL = re.compile(vocab.JUDICIAL, re.IGNORECASE)
_GROUND = re.compile(rf"(?<![\w-])(?:{_words(vocab.TERRITORY_OBJECTS)})(?![\w-])", re.IGNORECASE)
_REFINEMENTS = tuple((families, re.compile(pattern, re.IGNORECASE), coding)
                     for _, families, pattern, coding in vocab.REFINEMENTS)
_ARGUMENT_END = re.compile(r"[,;:.()]|\s(?:and|while|as|after|before|when|who|which)\s", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?$", re.IGNORECASE)
_OPENERS = frozenset(".!?:;\"'“(")
_UNARMED = frozenset({CIVILIANS, PROTESTERS, RIOTERS})
# Territory verbs that say the taker held it before.
_REGAIN = re.compile(r"re|liberat|won back|took back", re.IGNORECASE)
# Territory verbs whose object, when people, are the ones driven out, not taken.
_GROUND_FIRST = re.compile(r"fell|expell|cleared", re.IGNORECASE)


def _light_verb_object(window: str) -> bool:
    """The noun after ``window`` is the object of a light verb that follows the last
    preposition ("militants in Mosul carried out an attack"), not that preposition's
    ("held talks after the attack")."""
    light = _AFTER_LIGHT_VERB.search(window)
    if light is None:
        return False
    last = max((m.end() for m in _PREPOSITION_WORD.finditer(window)), default=-1)
    return light.start() >= last


def predicates(clause: str) -> list[Predicate]:
    """The event predicates of a clause, in text order, each marked attendant or not."""
    found = []
    for m in _PREDICATE.finditer(clause):
        start = m.start()
        if start and clause[start].isupper():
            before = clause[:start].rstrip()
            if before and before[-1] not in _OPENERS and not before[-1].isdigit():
                continue  # a capitalised word inside a sentence is a name ("Operation Peace Spring")
        word = m.group().split(None, 1)[0]
        window = clause[max(0, start - 60):start]
        window = window[max(window.rfind(","), window.rfind(";"), window.rfind("(")) + 1:]
        verbal = _VERBAL.search(word) is not None or window.endswith(" to ")  # "managed to arrest"
        if verbal and _ADJECTIVAL.search(window):
            continue  # "five captured shepherds", "the wounded": an adjective
        attendant = "clause" if _AFTER_CONJUNCTION.search(window) is not None else (
            "noun" if not verbal and _AFTER_PREPOSITION.search(window) is not None
            and not _light_verb_object(window) else "")
        found.append(Predicate(Family[m.lastgroup], start, m.end(), attendant, verbal))
    return found


def head(found: list[Predicate]) -> Predicate | None:
    """The clause's main act: the first act (not an outcome) that is not attendant; else,
    when an outcome is the clause's own, the first act ("an officer was killed when a
    suicide bomber detonated his vest": the bombing) or that outcome; else the first verb
    of a clause of its own ("the command, which targeted tunnels"). An act only named by a
    noun after a preposition is no event of this clause ("ISIS claimed responsibility for
    the attack", "since the offensive began")."""
    acts = [p for p in found if p.family not in vocab.OUTCOMES and p.family not in vocab.WEAK]
    for p in acts:
        if not p.attendant:
            return p
    own = next((p for p in found if not p.attendant), None)
    if own is not None:
        cause = next((p for p in acts if p.family in vocab.VIOLENT), None)
        return cause if cause is not None and own.family in vocab.OUTCOMES else own
    verb = next((p for p in found if p.attendant == "clause" and p.verbal), None)
    if verb is not None or any(p.verbal for p in found):
        return verb
    # Nothing else happened in the clause: the clashes it names are its act ("fatalities
    # reported after clashes between A and B in X", "X fell after clashes").
    return next((p for p in found if p.family is Family.CLASH), None)


def _argument(clause: str, p: Predicate) -> str:
    """The words the act falls on: after the predicate up to the clause's next break, or
    before it in the passive ("a soldier was killed")."""
    before = clause[max(0, p.start - 80):p.start]
    if _PASSIVE.search(before):
        return before[max(before.rfind(","), before.rfind(";")) + 1:]
    rest = clause[p.end:p.end + 120]
    stop = _ARGUMENT_END.search(rest)
    return rest[:stop.start()] if stop is not None and stop.start() > 0 else rest


def target(clause: str, p: Predicate) -> str:
    """"armed", "civilian" or "": whom the act fell on, by the first telling noun."""
    span = _argument(clause, p)
    armed, civilian = _ARMED.search(span), _CIVILIAN.search(span)
    if armed and (not civilian or (armed.start(), -armed.end()) <= (civilian.start(), -civilian.end())):
        return "armed"  # the first telling noun; at the same word, the longer reading
    if civilian:
        return "civilian"
    # No telling noun: an armed group named ("killed a prominent IS figure") is armed.
    named = actor_mentions(span)
    return "armed" if any(m.key not in _UNARMED for m in named) else ""


def instrument(clause: str, p: Predicate) -> Family | None:
    """The weapon of an act, near its predicate: "targeted X with artillery", "a drone
    targeted", "killed by a landmine", "fired rockets at"; for an outcome, anywhere before
    it too ("a car bomb in the market, killing 18")."""
    if p.family in vocab.OUTCOMES:
        m = _INSTRUMENT.search(clause, 0, p.start)
        if m is not None:
            return Family[m.lastgroup]
    lo = max(0, p.start - 48)
    # A relative clause's act was done with its antecedent ("the Air Force Command, which
    # in turn targeted tunnels"): look across the comma then.
    cut = -1 if p.attendant == "clause" else max(clause.rfind(",", lo, p.start),
                                                 clause.rfind(";", lo, p.start))
    span = clause[max(lo, cut + 1):p.start] + " " + clause[p.start:p.end + 90]
    stop = re.search(r"[;.]", span[p.start - max(lo, cut + 1):])
    if stop is not None:
        span = span[:p.start - max(lo, cut + 1) + stop.start()]
    m = _INSTRUMENT.search(span)
    return Family[m.lastgroup] if m else None


_EXPLOSIONS = {
    Family.SHELL: SHELLING, Family.AIR: AIR_DRONE_STRIKE, Family.EXPLODE: REMOTE_EXPLOSIVE,
    Family.SUICIDE: SUICIDE_BOMB, Family.GRENADE: GRENADE,
}
_PLAIN = {
    Family.WITHDRAW: (STRATEGIC, NON_VIOLENT_TRANSFER),
    Family.ARREST: (STRATEGIC, ARRESTS),
    Family.DEFUSE: (STRATEGIC, DISRUPTED_WEAPONS_USE),
    Family.PROTEST: (PROTESTS, PEACEFUL_PROTEST),
    Family.CROWD: (PROTESTS, PEACEFUL_PROTEST),
    Family.RIOT: (RIOTS, VIOLENT_DEMONSTRATION),
    Family.AGREE: (STRATEGIC, AGREEMENT),
    Family.BASE: (STRATEGIC, BASE_ESTABLISHED),
    Family.CENTRE: (STRATEGIC, OTHER),
    Family.LOOT: (STRATEGIC, LOOTING),
}


def _territory(clause: str, p: Predicate) -> tuple[str, str]:
    """Territory taken: the verb's default taker (a government "regains", anyone else
    "overtakes"); the pipeline decides by the actor when it knows one. An object that is
    people makes it an arrest ("captured three men")."""
    if _taken_people(clause, p):
        return STRATEGIC, ARRESTS
    return BATTLES, GOVERNMENT_REGAINS if _REGAIN.match(clause, p.start) else NON_STATE_OVERTAKES


def _taken_people(clause: str, p: Predicate) -> bool:
    """A territory verb whose object is people, not ground ("captured three men", "seized
    eight IS members"): the first telling word after it decides."""
    if _GROUND_FIRST.match(clause, p.start):
        return False  # "the town fell to the insurgents", "expelled IS from the village"
    span = _argument(clause, p)
    people = [m.start() for m in (_ARMED.search(span), _CIVILIAN.search(span)) if m is not None]
    ground = _GROUND.search(span)
    return bool(people) and (ground is None or min(people) < ground.start())


def _code(clause: str, p: Predicate, found: list[Predicate]) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of a clause with head ``p``, or None (no event)."""
    family = p.family
    for families, pattern, coding in _REFINEMENTS:
        if family in families and pattern.search(clause):
            return coding
    if family is Family.EXPLODE:
        weapon = instrument(clause, p)
        if weapon in (Family.SHELL, Family.AIR, Family.GRENADE) and not _LEFTOVER.search(clause):
            return EXPLOSIONS, _EXPLOSIONS[weapon]
        return EXPLOSIONS, REMOTE_EXPLOSIVE
    if family in _EXPLOSIONS:
        return EXPLOSIONS, _EXPLOSIONS[family]
    taken = next((q for q in found if q.family is Family.CAPTURE and not q.attendant), None)
    if family in (Family.CLASH, Family.ADVANCE):  # "advanced and took control of X": taken
        return _territory(clause, taken) if taken is not None else (BATTLES, ARMED_CLASH)
    if family in (Family.ATTACK, Family.KILL):
        if family is Family.KILL and clause[p.start:p.end].lower().startswith("execut") and (
                _JUDICIAL.search(clause)):
            return None
        weapon = instrument(clause, p)
        if weapon is not None:
            sub = REMOTE_EXPLOSIVE if _LEFTOVER.search(clause) else _EXPLOSIONS[weapon]
            return EXPLOSIONS, sub
        if taken is not None:
            return _territory(clause, taken)
        who = target(clause, p)
        if who == "armed" or (not who and family is Family.ATTACK):
            return BATTLES, ARMED_CLASH
        return CIVILIAN_VIOLENCE, ATTACK
    if family is Family.CAPTURE:
        return _territory(clause, p)
    if family in (Family.ABDUCT, Family.BODY):
        if target(clause, p) == "armed":
            return BATTLES, ARMED_CLASH
        return CIVILIAN_VIOLENCE, ABDUCTION if family is Family.ABDUCT else ATTACK
    return _PLAIN[family]


def falls_on(clause: str, event: EventMatch) -> str:
    """"armed", "civilian" or "": whom the clause's event fell on (see ``target``)."""
    return target(clause, Predicate(Family.ATTACK, event.start, event.end, "", True))


def _fought(coding: tuple[str, str] | None, clause: str, found: list[Predicate]) -> tuple[str, str] | None:
    """Shelling or air strikes told with fighting ("shelled the town and clashed with the
    rebels", "artillery fire amid clashes") are part of the battle, as ACLED codes them."""
    if coding is None or coding[1] not in (SHELLING, AIR_DRONE_STRIKE):
        return coding
    if not any(q.family is Family.CLASH for q in found):
        return coding
    taken = next((q for q in found if q.family is Family.CAPTURE and not q.attendant), None)
    return _territory(clause, taken) if taken is not None else (BATTLES, ARMED_CLASH)


@lru_cache(maxsize=4096)  # extraction asks twice per clause (grouping, then coding)
def classify(clause: str) -> EventMatch | None:
    """The coding of a clause's head predicate, or None when it reports no event."""
    found = predicates(clause)
    p = head(found)
    if p is None:
        return None
    coding = _fought(_code(clause, p, found), clause, found)
    return None if coding is None else EventMatch(*coding, p.start, p.end, p.family in vocab.OUTCOMES,
                                                  not p.verbal)
