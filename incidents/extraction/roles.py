"""Who did what to whom in an event clause: actor1 and actor2 from word order and voice,
and the coding the actor settles (who took territory; a non-state group's "arrest" of armed
men in a raid is a battle). Pure Python."""

from __future__ import annotations

import re

from incidents.extraction.actors import (
    CIVILIANS,
    PROTESTERS,
    RIOTERS,
    UNIDENTIFIED,
    UNIDENTIFIED_MILITARY,
    ActorEntry,
    actor_mentions,
    actor_name,
    is_government,
)
from incidents.extraction.clauses import falls_on
from incidents.extraction.events import EventMatch
from incidents.extraction.taxonomy import (
    AIR_DRONE_STRIKE,
    ARMED_CLASH,
    ARRESTS,
    BATTLES,
    CIVILIAN_VIOLENCE,
    EXPLOSIONS,
    GOVERNMENT_REGAINS,
    NON_STATE_OVERTAKES,
    PROTESTS,
    RIOTS,
    STRATEGIC,
)

__all__ = ["actors", "coding_by_actor"]

_UNARMED = frozenset({CIVILIANS, PROTESTERS, RIOTERS})

_PASSIVE_VICTIM = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+){0,2}?(?:killed|martyred|wounded|injured|hurt|abducted|kidnapped"
    r"|targeted|attacked|shot(?:\s+dead)?|found(?:\s+dead)?)\b",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,2}?\s+(?:source|sources|official|officials|spokesman|statement"
    r"|said|says|told|added|announced|stated|reported)\b", re.IGNORECASE)
_SOURCE_BEFORE = re.compile(
    r"\b(?:according\s+to|source\s+in|statement\s+by|said\s+by|told)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE)
_OWN_FORCES = re.compile(
    r"^\s+(?:said|says|announced|stated)\s+(?:that\s+)?(?:(?:its|their)\s+"
    r"(?:forces|fighters|units|troops|men|aircraft|jets)\b|(?:it|they)\s+(?:had|has|have)\s)",
    re.IGNORECASE)
# Fighting told with an arrest: the detention was a battle's outcome ("after clashes with
# the cell, they arrested one fighter"). A raid or a sweep alone is an arrest, even by a
# de facto authority (the SDF, HTS), as ACLED codes it.
_FIGHTING = re.compile(r"\b(?:ambush(?:ed)?|clash(?:es|ed)?|fought|fighting|exchang\w+\s+(?:of\s+)?fire)\b",
                       re.IGNORECASE)
_BETWEEN_SAME = re.compile(r"\bbetween\s+(?:two|rival)\b", re.IGNORECASE)
_AGENT_BY = re.compile(
    r"\b(?:killed|wounded|injured|targeted|struck|hit|bombed|shelled|carried\s+out|attacked"
    r"|abducted|kidnapped|arrested|detained|left|planted|laid|placed|fired|launched)"
    r"\s+(?:behind\s+)?by\s+$",
    re.IGNORECASE,
)


def _is_source(clause: str, mention) -> bool:
    """The mention is who reports the event ("the Kirkuk Police Directorate said")."""
    after = clause[mention.end: mention.end + 40]
    if _OWN_FORCES.match(after):
        return False  # "the Iraqi army said its forces clashed": it reports its own act
    before = clause[max(0, mention.start - 40): mention.start]
    return bool(_SOURCE_AFTER.match(after) or _SOURCE_BEFORE.search(before))


def actors(
    clause: str, event: EventMatch, country: str, inherited: str, extra: tuple[ActorEntry, ...]
) -> tuple[str, str]:
    """(actor1, actor2): who acted and on whom, from the clause's word order and voice."""
    every = actor_mentions(clause, country=country, extra=extra)
    if event.sub_event_type == ARRESTS:
        # Whoever arrests is a state force, even when it is also the source.
        forces = [m for m in every if m.is_state_force]
        ahead = [m for m in forces if m.start <= event.end]
        chosen = ahead[0] if ahead else (forces[0] if forces else None)
        if chosen is None:  # a de facto authority ("HTS arrested..."): the group before the verb
            chosen = next((m for m in every if m.start <= event.start and m.key not in _UNARMED
                           and not _is_source(clause, m)), None)
        return (chosen.name if chosen else inherited), ""
    mentions = [m for m in every if not _is_source(clause, m)]
    if event.event_type == BATTLES:
        mentions = [m for m in mentions if m.key != CIVILIANS]
    agent = patient = None
    passive = _PASSIVE_VICTIM.search(clause)
    if passive is not None and passive.start() > event.start:
        passive = None  # "X attacked Y, and two were killed": active voice leads
    by_agents = [m for m in mentions if _AGENT_BY.search(clause[: m.start])]
    if by_agents:
        agent = by_agents[0]
    if passive is not None:
        victims = [m for m in mentions if m.end <= passive.start() and m is not agent]
        patient = victims[0] if victims else None
        if agent is None:
            agent = next((m for m in mentions if m.start >= passive.end()
                          and (patient is None or m.name != patient.name)), None)
    else:
        before = [m for m in mentions if m.start <= event.end and m is not agent]
        if agent is None and before:
            agent = before[0]
        if agent is None and event.event_type in (BATTLES, STRATEGIC):
            # "clashes between the army and YBS": the first side named acts.
            agent = next((m for m in mentions if m.start >= event.start), None)
        patient = next((m for m in mentions if m.start >= event.start and m is not agent
                        and (agent is None or m.name != agent.name)), None)
    if patient is None:
        patient = next((m for m in mentions if m is not agent
                        and (agent is None or m.name != agent.name)), None)
    if agent is not None and agent.key == CIVILIANS and event.event_type not in (PROTESTS, RIOTS):
        # "Two civilians died when a shell went off": they suffered it, nobody named did it.
        patient, agent = patient or agent, None
    actor1 = agent.name if agent else ""
    actor2 = patient.name if patient else ""
    if event.event_type == BATTLES and not actor2 and _BETWEEN_SAME.search(clause):
        actor2 = actor1  # "a clash between two clans"
    if not actor1:
        if event.event_type == EXPLOSIONS and event.sub_event_type == AIR_DRONE_STRIKE:
            actor1 = inherited or UNIDENTIFIED_MILITARY
        elif event.event_type in (EXPLOSIONS, CIVILIAN_VIOLENCE, BATTLES):
            actor1 = actor_name(UNIDENTIFIED, country)
    if event.event_type in (PROTESTS, RIOTS):
        # ACLED: the crowd is always actor1; whoever faces it (police, a force) actor2.
        crowd = PROTESTERS if event.event_type == PROTESTS else RIOTERS
        facing = next((m.name for m in mentions if m.key not in (CIVILIANS, UNIDENTIFIED)
                       and m.is_state_force), "")
        return actor_name(crowd, country), facing
    if event.event_type == CIVILIAN_VIOLENCE and not actor2:
        actor2 = actor_name(CIVILIANS, country)
    if actor2 == actor1 and event.event_type != BATTLES:
        actor2 = ""
    return actor1, actor2


def coding_by_actor(clause: str, event: EventMatch, actor1: str) -> tuple[str, str]:
    """The coding once the actor is known. Who took territory decides its sub-type
    (without a known actor the verb's default stands: "recaptured" for the government,
    "seized" for a non-state group). A non-state group detaining armed men (an IS cell, a
    rebel) in a fight with them: ACLED codes a battle, not an arrest."""
    known = bool(actor1) and not actor1.startswith("Unidentified")
    if event.sub_event_type in (GOVERNMENT_REGAINS, NON_STATE_OVERTAKES) and known:
        return BATTLES, GOVERNMENT_REGAINS if is_government(actor1) else NON_STATE_OVERTAKES
    if event.sub_event_type == ARRESTS and known and not is_government(actor1) and (
            falls_on(clause, event) == "armed") and _FIGHTING.search(clause):
        return BATTLES, ARMED_CLASH
    return event.event_type, event.sub_event_type
