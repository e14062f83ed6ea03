"""Event clauses: the head predicate of a clause decides its coding, whatever opens it.

Pure (no Django). Sentences are invented for these tests; the mechanisms they pin (the
head is the first act that is neither attendant nor an outcome, a weapon codes an
attack, the target decides between battle and violence against civilians) were measured
on the real dev notes (`manage.py events_eval`).
"""

import pytest

from incidents.extraction.clauses import classify, head, predicates
from incidents.extraction.events import is_intention


@pytest.mark.parametrize(
    ("clause", "sub_event_type"),
    [
        # the head is the first act, whatever is attendant to it
        ("Clashes broke out in Exampleville amid heavy shelling and airstrikes", "Armed clash"),
        ("Amid regime shelling of the area, rebels fought government troops near the bridge",
         "Armed clash"),
        ("Warplanes carried out airstrikes on the valley", "Air/drone strike"),
        # shelling or strikes told with fighting are part of the battle (ACLED)
        ("Warplanes carried out airstrikes on the valley while clashes went on", "Armed clash"),
        ("Regime forces shelled the town and clashed with the rebels", "Armed clash"),
        ("Artillery shelling hit the village amid clashes, and the army recaptured it",
         "Government regains territory"),
        ("Forces backed by artillery captured the hill town from the rebels",
         "Non-state actor overtakes territory"),
        ("Following clashes with the rebels, the army recaptured the village",
         "Government regains territory"),
        # ground gained in a fight is a battle; taken ground, as the territory verb says
        ("Government troops advanced towards the river town following clashes with the militants",
         "Armed clash"),
        ("The rebels made major advances in the hills", "Armed clash"),
        # control achieved or imposed is taken ground; held in part, it is still the fight
        ("The rebels achieved full control of the river town after clashes",
         "Non-state actor overtakes territory"),
        ("The rebels imposed their control over the hill town", "Non-state actor overtakes territory"),
        ("The army achieved partial control of the river town after clashes", "Armed clash"),
        ("The rebels partially captured the hill town", "Armed clash"),
        # fighting told as an infinitive after an aspect verb is fighting
        ("The rebels continued to fight government troops near the bridge", "Armed clash"),
        ("Government troops attempted to advance on the river town front", "Armed clash"),
        ("The rebels announced the takeover of the hill town", "Non-state actor overtakes territory"),
        # retaken ground, however written ("the taker decides" refines it in the pipeline)
        ("The army re-captured the hill town after clashes", "Government regains territory"),
        ("The army re-controlled the hill town", "Government regains territory"),
        # fire exchanged or opened, however many words name the weapons
        ("The two sides exchanged rifle and heavy and light machine gun fire near the dam", "Armed clash"),
        ("An exchange of artillery between the two sides was reported near the dam", "Armed clash"),
        ("The rebels attacked, gaining control of the hill town", "Non-state actor overtakes territory"),
        ("The rebels asserted control over the hill town", "Non-state actor overtakes territory"),
        ("The rebels took the towns of Alpha and Beta from the militants",
         "Non-state actor overtakes territory"),
        ("The rebels advanced and took control of the hill town", "Non-state actor overtakes territory"),
        ("A rebel coalition expelled the militants from the village", "Non-state actor overtakes territory"),
        # a participle after "regime"/"rebel" is still the verb
        ("Militias allied to the regime clashed with the militants near the dam", "Armed clash"),
        # an outcome heads only when no act is told
        ("Three soldiers were killed in clashes near the dam", "Armed clash"),
        ("An officer was killed when a suicide bomber detonated his vest", "Suicide bomb"),
        ("Two farmers died when an old landmine went off", "Remote explosive/landmine/IED"),
        ("Gunmen shot and killed a shepherd outside the village", "Attack"),
        ("Gunmen shot and killed two soldiers outside the village", "Armed clash"),
        ("Unknown gunmen shot dead a member of the local council", "Attack"),
        ("Unknown gunmen shot dead an Example Front member", "Armed clash"),
        # the weapon codes an attack
        ("Militants targeted the checkpoint with mortars", "Shelling/artillery/missile attack"),
        ("A drone targeted a car on the highway", "Air/drone strike"),
        ("A roadside bomb hit a patrol", "Remote explosive/landmine/IED"),
        ("A mortar shell exploded in the market", "Shelling/artillery/missile attack"),
        ("Gunmen fired a mortar round, striking a water plant", "Shelling/artillery/missile attack"),
        ("Militants fired rocket-propelled grenades at a refinery", "Shelling/artillery/missile attack"),
        # people of a tribe or a family are no armed party, however the tribe is named;
        # members of a named group are (ACLED codes their kidnapping as a battle)
        ("Gunmen kidnapped ten members of the Albu Example tribe", "Abduction/forced disappearance"),
        ("Gunmen kidnapped five members of Example Corps", "Armed clash"),
        ("Militants stoned a woman in the square", "Attack"),
        # an agreement or a protest told beside a killing is background; an attack is its cause
        ("Gunmen shot dead a man who signed a reconciliation agreement with the government",
         "Attack"),
        # the Air Force Intelligence is a security branch, no aircraft
        ("Gunmen attacked an Air Force Intelligence checkpoint near the town", "Armed clash"),
        # a former fighter is a fighter to ACLED (143 dev notes of such killings are battles)
        ("Gunmen shot dead a former opposition commander in the town", "Armed clash"),
        # an object of people makes a capture an arrest; an adjective is no verb
        ("Police captured three men wanted for murder", "Arrests"),
        ("The militants executed five captured shepherds", "Attack"),
        # a name ending in an ayn mark and "a" is no determiner before the verb
        ("Residents of Qal'a protested against the arrests", "Peaceful protest"),
        ("Gunmen in Dar'a attacked a checkpoint", "Armed clash"),
        # a light verb's object is the act, whatever preposition came before the verb
        ("Militants in the town carried out an attack on a checkpoint", "Armed clash"),
        ("Residents in the village staged a protest outside the council", "Peaceful protest"),
        # protests
        ("Gunmen killed 20 protesters in the square", "Attack"),
        ("Hundreds of demonstrators gathered outside the governor's office", "Peaceful protest"),
        ("Police fired tear gas to disperse the protesters", "Protest with intervention"),
    ],
)
def test_the_head_predicate_codes_the_clause(clause, sub_event_type):
    assert classify(clause).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "clause",
    [
        "The group later claimed responsibility for the attack",  # an act named, not told
        "Officials in the town held talks after the attack",  # the verb before the preposition
        "This was one of five coordinated attacks in the province that day",
        "Thousands have fled the area since the offensive began",
        "Unexploded mines still lie in the fields",  # instruments, no act
        "Shell company accounts were frozen",
        "The authorities executed four men convicted of murder",  # a court's sentence
        "The fight against the militants has cost billions",  # a noun, no act told
        "Instructors trained recruits to fight the militants",  # a purpose, no act told
    ],
)
def test_a_clause_without_an_act_of_its_own_is_no_event(clause):
    assert classify(clause) is None


@pytest.mark.parametrize(
    "clause",
    [
        "Fatalities were reported after clashes between the army and militants in Exampleville",
        "Militants are now close to the bridge following clashes with the army",
        "A guard succumbed to his wounds after clashes near the bridge",
    ],
)
def test_clashes_a_clause_names_are_its_act_when_nothing_else_happened(clause):
    assert classify(clause).sub_event_type == "Armed clash"


def test_a_relative_clause_tells_the_act_when_the_main_clause_has_none():
    clause = "The coordinates went to the air force, which then targeted the tunnels"
    assert classify(clause).sub_event_type == "Air/drone strike"


@pytest.mark.parametrize(
    ("clause", "intended"),
    [
        ("On 9 May 2020, government forces shelled the outskirts of Exampleville", False),
        ("Forces may attack the town in the coming days", True),
        ("The militants will attack the town", True),
        ("The government vowed to continue to fight the militants", True),
        ("The militants attempted to advance on the river town again", False),
        ("The rebels continued to fight government troops near the bridge", False),
    ],
)
def test_a_month_is_no_modal_verb(clause, intended):
    assert is_intention(clause, classify(clause)) is intended


@pytest.mark.parametrize(
    ("clause", "intended"),
    [
        ("Two gunmen, believed to be members of a sleeper cell, shot dead a guard", False),
        ("Gunmen, who may belong to a local clan, shot dead a guard", False),
        ("Gunmen are expected to be shooting at the guards, officials said", True),
        ("Officials said, on Monday, that gunmen will attack the guards", True),
        ("Two gunmen, believed to be members of a sleeper cell, driving a white pickup shot dead a guard",
         False),
        # "to be" after a verb of belief says who they were, not what they meant to do
        ("Gunmen believed to be members of a sleeper cell shot dead a guard", False),
        ("Gunmen thought likely to be militants seized two guards", False),
        ("The bridge is to be attacked by the militants", True),
        # "due to" a noun is a cause, not a plan; "due to be" still is one
        ("A guard died due to wounds from the clashes near the bridge", False),
        ("Troops are due to be sent to attack the town", True),
    ],
)
def test_an_aside_or_a_cause_before_the_act_is_no_intention_of_it(clause, intended):
    assert is_intention(clause, classify(clause)) is intended


def test_predicates_mark_what_is_attendant():
    clause = "Rebels clashed with troops, supported by airstrikes"
    found = predicates(clause)
    assert [(clause[p.start:p.end], p.attendant) for p in found] == [
        ("clashed", ""), ("airstrikes", "noun")]
    assert clause[head(found).start:head(found).end] == "clashed"
