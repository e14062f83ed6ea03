"""The event vocabulary of report text, as data: the words that say something happened,
what it was done with, whom it fell on, and the words that make one act attendant to
another.

Each predicate family names one kind of act; its forms are regular-expression fragments
matched case-insensitively on whole words (`clauses.py` compiles them once and codes a
clause's head predicate with the ACLED taxonomy). The lists were drawn from the verbs and
nouns of real coded events (ACLED notes, GTD summaries: counted, not copied), not from
single sentences.
"""

from __future__ import annotations

from enum import StrEnum


class Family(StrEnum):
    """A kind of act a predicate states."""

    CLASH = "clash"            # two armed sides fight
    ATTACK = "attack"          # one side attacks a target (coded by its target and weapon)
    KILL = "kill"              # kills, shoots, wounds (coded by its target and weapon)
    SHELL = "shell"            # shelling, bombardment
    AIR = "air"                # air and drone strikes
    EXPLODE = "explode"        # something blows up
    SUICIDE = "suicide"        # a suicide bomber, vest or car bomb
    GRENADE = "grenade"
    CAPTURE = "capture"        # territory taken (regained or overtaken: by the taker)
    ADVANCE = "advance"        # ground gained in a fight, no place said to change hands
    WITHDRAW = "withdraw"      # territory handed over without a fight
    ARREST = "arrest"
    ABDUCT = "abduct"
    BODY = "body"              # a body found
    DEFUSE = "defuse"          # a bomb made safe
    PROTEST = "protest"
    RIOT = "riot"
    AGREE = "agree"
    BASE = "base"              # a base or a headquarters set up
    CENTRE = "centre"          # an office or a centre opened
    LOOT = "loot"
    CROWD = "crowd"            # protesters named, their act untold


# A bare verb is an act after a verb of aspect or attempt ("continued to fight", "attempted
# to advance", "failed to advance": the attempt happened; 33 older ACLED notes without an
# incident), not after a purpose ("training recruits to fight").
ASPECT_VERBS = ("continued", "continues", "continue", "began", "started", "resumed", "attempted",
                "attempts", "attempt", "tried", "trying", "managed", "able", "failed")
_AFTER_ASPECT = "(?:" + "|".join(f"(?<={verb} to )" for verb in ASPECT_VERBS) + ")"

# Regex fragments, lower case, matched as whole words.
PREDICATES: dict[Family, tuple[str, ...]] = {
    Family.CLASH: (
        r"clash(?:es|ed|ing)?", r"fighting", r"fought", rf"{_AFTER_ASPECT}fight", r"battl(?:e|es|ed|ing)",
        r"fire ?fights?", r"gun ?fights?", r"gun ?battles?", r"skirmish(?:es|ed)?", r"combat",
        r"engag(?:ed|es|ing) (?:in|with)", r"confrontations?", r"infighting",
        r"exchang(?:e|es|ed|ing) (?:of )?(?:\w+ ){0,7}?(?:fire|gunfire|shelling|shells|targeting"
        r"|bullets|shots|attacks|rounds|barrages|artillery|missiles|rockets|mortars)",
        r"traded (?:\w+ )?fire",
        r"(?:shelling|fire|gunfire|artillery|rocket|mortar|missile) exchanges?",
    ),
    Family.ATTACK: (
        r"attack(?:s|ed|ing)?", r"counter-?attacks?", r"assault(?:s|ed|ing)?", r"raid(?:s|ed|ing)?",
        r"storm(?:ed|ing)", r"ambush(?:es|ed|ing)?", r"target(?:s|ed|ing)", r"repel(?:led|s)?",
        r"repulsed", r"infiltrat(?:ed|ion|ions|e)", r"offensive", r"open(?:ed|s)? (?:\w+ ){0,3}?fire",
        r"(?:fired|launched) (?:[\w-]+ ){0,3}?(?:on|at|upon|towards?|into)",
        r"fired (?:\w+ )?(?:shots|bullets|rounds)",
        # "fired a mortar round, striking", "launched mortars with chlorine": the weapon
        # fired is the act's instrument (INSTRUMENTS codes it).
        r"(?:fired|launched|lobbed) (?:an? |\w+ )?(?:[\w-]+ )?(?:mortars?|rockets?|missiles?|shells?"
        r"|grenades?|projectiles?|rounds?)",
        r"striking",
        r"discharged",
        r"surrounded", r"besieg(?:ed|ing)", r"encircled", r"bomb(?:ed|ing|ings)",
        r"came under (?:\w+ )?(?:fire|attack)", r"(?:operations?|campaign) against",
        r"dropped", r"hit", r"struck", r"(?:fell|landed|crashed|impacted) (?:on|in|into|inside|near|at)",
        r"thr(?:ew|own)", r"hurled", r"lobbed", r"tossed", r"planted", r"damaged", r"destroyed",
    ),
    Family.KILL: (
        r"kill(?:s|ed|ing)?", r"shot", r"shoot(?:s|ing)?", r"snip(?:ed|ing)", r"sniper fire",
        r"assassinat(?:ed|ion|ions|e)", r"executed", r"executions?", r"murder(?:ed|s)?",
        r"beheaded", r"stabb(?:ed|ing)", r"slaughtered", r"massacr(?:ed|e)", r"gunned down",
        r"martyred", r"injur(?:ed|ing)", r"wound(?:ed|ing)", r"beat(?:en)?", r"tortured",
        r"died", r"dies", r"ston(?:ed|ing)", r"hanged", r"crucified",
    ),
    Family.SHELL: (
        r"shell(?:ed|ing|ings)", r"bombard(?:ed|ing|ment|ments)?", r"artillery fire",
        r"rocket fire", r"mortar fire", r"(?:rocket|mortar|missile) attacks?",
    ),
    Family.AIR: (
        r"air ?strikes?", r"air-strikes?", r"air raids?", r"airraids?", r"drone (?:strikes?|attacks?)",
        r"barrel bombs?", r"aerial (?:bombardment|attacks?|bombing|strikes?)",
    ),
    Family.EXPLODE: (
        r"explosions?", r"explod(?:ed|es|e|ing)", r"blasts?", r"detonat(?:ed|es|e|ion|ing)",
        r"went off", r"blew up", r"blow up", r"booby-?trapped", r"car bombings?",
        r"(?:ripped|tore) through",
        r"rigged with explosives",
    ),
    Family.SUICIDE: (
        r"suicide (?:\w+ )?(?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|vests?|belts?)",
        r"blew (?:him|her|them)sel(?:f|ves) up", r"explosive[- ](?:belts?|vests?)",
        r"car bomb driven",
    ),
    Family.GRENADE: (r"grenade attacks?",),
    Family.CAPTURE: (
        r"captur(?:ed|e|es|ing)", r"seiz(?:ed|e|es|ing)",
        r"(?:took|take|takes|taken|taking|gain(?:ed|s|ing)?|regain(?:ed|s|ing)?|restor(?:ed|e|ing)|recover(?:ed)?"
        r"|establish(?:ed)?|assum(?:ed|e)|wrest(?:ed)?|retain(?:ed)?|achiev(?:ed|es|e|ing)|impos(?:ed|es|e|ing)"
        r"|assert(?:ed|s|ing)?"
        r"|expand(?:ed|s|ing)?|extend(?:ed|s|ing)?) (?:\w+ ){0,2}?control",
        r"(?:managed|able|and|to) (?:\w+ )?control", r"took over", r"taken over", r"takeovers?",
        r"regain(?:ed|s|ing)?",
        r"re-?captur(?:ed|e|ing)", r"re-(?:controll?ed|took|seized|secured)",
        r"retook", r"retak(?:e|en|ing)", r"took back", r"won back",
        r"liberat(?:ed|e|ing)", r"overr(?:an|un)", r"controll(?:ed|ing)", r"controls", r"fell to",
        r"took (?=(?:the )?(?-i:[A-Z]))", r"took (?:parts? of|positions)",
        r"overt(?:ook|ake|akes|aken|aking)", r"expell(?:ed|ing)", r"cleared",
        r"(?:took|tak(?:e|es|ing|en)) (?:over )?(?:the |a |several |two |three )?"
        r"(?:town|city|village|area|hill|neighbou?rhood|district|villages|towns|positions?|points?)",
    ),
    Family.ADVANCE: (
        r"advanc(?:ed|ing)", rf"{_AFTER_ASPECT}advance",
        r"made (?:\w+ ){0,2}?(?:advances?|advancements?|gains|progress)",
        r"achiev(?:ed|ing) (?:\w+ ){0,2}?(?:advances?|advancements?|gains|progress)",
    ),
    Family.WITHDRAW: (
        r"withdr(?:ew|awn|awal)", r"pulled out", r"retreated",
        r"handed over (?:control|the (?:town|city|village|area|district|positions?|checkpoints?))",
    ),
    Family.ARREST: (
        r"arrest(?:ed|s|ing)?", r"detain(?:ed|s|ing)?", r"detentions?", r"apprehend(?:ed)?",
        r"rounded up",
    ),
    Family.ABDUCT: (
        r"kidnap(?:ped|ping|pings|s)?", r"abduct(?:ed|ion|ions|s|ing)?", r"forcibly disappeared",
        r"snatched", r"took (?:him|her|them) hostage",
        r"took (?:him|her|them) to an unknown (?:destination|location|place)",
    ),
    Family.BODY: (
        r"bod(?:y|ies) of", r"found (?:dead|killed|shot|executed|slain)", r"corpses?",
    ),
    Family.DEFUSE: (
        r"defus(?:ed|e|ing)", r"dismantl(?:ed|e|ing)", r"disarmed", r"detonated in a controlled",
        r"wearing an explosive (?:belt|vest)",
    ),
    Family.PROTEST: (
        r"protest(?:s|ed|ing)?", r"demonstrat(?:ed|ion|ions|ing)", r"rall(?:ied|y|ies)",
        r"marched", r"sit-ins?", r"took to the streets",
    ),
    Family.CROWD: (r"protesters", r"protestors", r"demonstrators"),
    Family.RIOT: (r"riot(?:s|ed|ing|ers)?", r"mobs?", r"lynch(?:ed|ing)?"),
    Family.AGREE: (
        r"(?:signed|reached|concluded) (?:an? |the )?(?:\w+ )?(?:agreement|deal|accord|memorandum|truce"
        r"|ceasefire)", r"agreed (?:on|to)",
    ),
    Family.BASE: (
        r"(?:established|set up|built) (?:an? |the |new |joint )*(?:\w+ )?(?:bases?|headquarters"
        r"|outposts?|military points?)",
    ),
    Family.CENTRE: (
        r"open(?:ed|ing)? (?:of )?(?:\w+ ){0,3}?(?:cent(?:er|re)s?|offices?|headquarters|bases?)",
        r"cent(?:er|re)s (?:\w+ ){0,2}(?:been )?opened",
    ),
    Family.LOOT: (
        r"loot(?:ed|ing)", r"torch(?:ed|ing)", r"demolish(?:ed|ing)", r"raz(?:ed|ing)",
        r"burn(?:ed|t) (?:down )?(?:\w+ )?(?:houses|homes|shops)", r"set (?:\w+ )?(?:on fire|ablaze|alight)",
    ),
}

# Predicates that report what an act caused, not the act: they head a clause only when it
# states no other ("were killed in clashes" is a clash; "shot and killed a fighter" a killing).
OUTCOMES = frozenset({Family.KILL})
# The acts an outcome of the clause can be the result of ("killed when a suicide bomber
# detonated his vest"); an agreement, a protest or an arrest told beside a killing is
# background ("shot dead a former rebel who signed a reconciliation agreement").
VIOLENT = frozenset({Family.CLASH, Family.ATTACK, Family.SHELL, Family.AIR, Family.EXPLODE,
                     Family.SUICIDE, Family.GRENADE, Family.CAPTURE, Family.ADVANCE, Family.ABDUCT})
# Participants named without their act: a protest only when nothing else happened
# ("gunmen killed 20 protesters" is a killing).
WEAK = frozenset({Family.CROWD})

# Words that make a predicate after them attendant: the act happened alongside, before or
# because of the clause's own. Prepositions govern a noun phrase ("clashes ... amid
# shelling", "following an attack", "backed by airstrikes"): a verb after that phrase is
# the clause's own ("forces backed by militias fought"). Conjunctions open a clause of
# their own ("... while warplanes bombed the area", "attempted to advance").
ATTENDANT_PREPOSITIONS = (
    r"amid(?:st)?", r"admist", r"accompanied by", r"(?:supported|backed|covered|assisted|preceded"
    r"|followed) by", r"with the (?:support|help|backing|cover) of",
    r"with (?:\w+ )?(?:air |artillery )?support",
    r"under (?:the )?cover of", r"following", r"after", r"in response to", r"in retaliation"
    r" (?:for|to|against)", r"as a result of", r"due to", r"in the wake of", r"result(?:ed|ing) in",
    r"lead(?:ing)? to", r"led to", r"caus(?:ed|ing)", r"during", r"in which", r"before",
    r"coinciding with", r"ahead of", r"prior to", r"despite", r"in spite of", r"in light of",
    r"in conjunction with", r"along with", r"as well as", r"including", r"over", r"against",
    r"about", r"for", r"since", r"in", r"across", r"among", r"into", r"part of", r"one of",
)
# Verbs whose object is the act itself ("militants in Mosul carried out an attack",
# "residents in X staged a protest"): a noun after one is the clause's act, whatever
# preposition came before the verb.
LIGHT_VERBS = (
    r"carried out", r"carry out", r"carrying out", r"held", r"hold", r"holding", r"staged",
    r"stage", r"launched", r"launch", r"launching", r"conducted", r"conduct", r"organi[sz]ed",
    r"mounted", r"waged", r"made", r"committed", r"perpetrated",
)
ATTENDANT_CONJUNCTIONS = (
    r"while", r"whilst", r"when", r"whereas", r"whereby", r"after which", r"after", r"before",
    r"which", r"who", r"trying to", r"attempt(?:s|ed|ing)? to", r"tried to", r"tries to",
    r"in an attempt to", r"attempts? to", r"retaliat(?:ed|ing) (?:for|against)", r"failed to",
    r"aiming to", r"in order to", r"so as to",
)

# What an attack or a killing was done with: it codes the act as that kind of explosion.
INSTRUMENTS: dict[Family, tuple[str, ...]] = {
    Family.AIR: (r"air ?strikes?", r"air raids?", r"warplanes?", r"war planes?", r"aircraft", r"jets?",
                 r"helicopters?", r"drones?", r"uavs?", r"planes?", r"gunships?",
                 r"air force(?! intelligence)",  # the Air Force Intelligence: a security branch
                 r"barrel bombs?", r"f-?16s?",
                 r"su-?2[24]s?", r"mig-?2[13]s?", r"tornados?", r"rafales?", r"b-?52s?", r"f-?15s?"),
    Family.SHELL: (r"shelling", r"bombardment", r"artillery", r"mortars?", r"rockets?", r"missiles?",
                   r"shells?", r"katyushas?",
                   r"tank (?:fire|shells?)", r"rpgs?", r"rocket-propelled", r"projectiles?",
                   r"howitzers?"),
    Family.EXPLODE: (r"i\.?e\.?d\.?s?", r"vbieds?", r"improvised explosive", r"roadside bombs?",
                     r"car bombs?", r"explosive devices?", r"bombs?", r"land ?mines?", r"mines?",
                     r"explosives?(?:-laden)?", r"sticky bombs?", r"motor(?:bike|cycle) bombs?",
                     r"booby-?traps?", r"devices?"),
    Family.GRENADE: (r"(?:hand )?grenades?",),
}
# Ordnance left behind goes off like a mine, whatever it was fired as.
LEFTOVER = (r"unexploded", r"uxos?", r"leftover", r"remnants? of war", r"left behind",
            r"explosive remnants")

# Whom an act falls on: armed parties make it a battle, anyone else violence against
# civilians (ACLED). Actor names of armed groups count as armed too (see clauses.py).
ARMED_TARGETS = (
    r"soldiers?", r"fighters?", r"militants?", r"militiam[ae]n", r"militias?", r"officers?",
    r"commanders?", r"troops?", r"personnel", r"recruits?", r"guards?", r"policem[ae]n",
    r"police", r"checkpoints?", r"positions?", r"posts?", r"outposts?", r"patrols?", r"bases?",
    r"headquarters", r"convoys?", r"barracks", r"military", r"army", r"tanks?", r"cells?",
    r"gunmen", r"jihadists?", r"insurgents?", r"rebels?", r"forces", r"sahwa", r"volunteers?",
    r"peshmerga", r"captain", r"lieutenant", r"colonel", r"general", r"sergeant", r"brigadier",
    r"conscripts?", r"elements?", r"operatives?", r"assailants?", r"attackers?",
    r"(?-i:[A-Z][\w'-]*) members?", r"members? of (?:the )?(?:(?-i:[A-Z])[\w'-]*[ -]?){1,4}",
    r"members? of (?:the )?(?:\w+ ){0,3}?(?:forces|army|group|militias?|factions?|brigades?|division"
    r"|police|cells?)",
    r"leaders?", r"emirs?", r"snipers?", r"vehicles?", r"terrorists?", r"suspects?",
    r"(?:government|police|military|army|security) (?:\w+ )?(?:buildings?|offices?|compounds?|stations?)",
)
CIVILIAN_TARGETS = (
    r"civilians?", r"m[ae]n", r"wom[ae]n", r"child(?:ren)?", r"boys?", r"girls?", r"famil(?:y|ies)",
    r"residents?", r"villagers?", r"shepherds?", r"farmers?", r"drivers?", r"workers?",
    r"labou?rers?", r"students?", r"teachers?", r"doctors?", r"journalists?", r"activists?",
    r"candidates?", r"officials?", r"employees?", r"pilgrims?", r"worshippers?", r"mukhtars?",
    r"engineers?", r"merchants?", r"traders?", r"shops?", r"markets?", r"mosques?", r"churches",
    r"church", r"schools?", r"hospitals?", r"homes?", r"houses?", r"cafes?", r"restaurants?",
    r"bus(?:es)?", r"minibus(?:es)?", r"people", r"passers?-by", r"persons?", r"individuals?",
    r"citizens?", r"displaced", r"idps?", r"refugees?", r"truffle", r"sheikhs?", r"clerics?",
    r"imams?", r"judges?", r"lawyers?", r"nurses?", r"paramedics?", r"brothers?", r"sons?",
    r"daughters?", r"wife", r"husband", r"relatives?", r"elders?", r"notables?", r"youths?",
    r"crowds?", r"protesters", r"demonstrators", r"mayor", r"councillors?", r"politicians?",
    r"councils?", r"parliament", r"campus(?:es)?", r"universit(?:y|ies)", r"colleges?",
    r"offices?", r"buildings?", r"stores?", r"tribes?", r"clans?",
    # People of a tribe or a family, however it is named ("members of the Albu Nimr tribe"):
    # a longer match than the armed "members of <Name>" at the same word, so it wins.
    r"members? of (?:the )?(?:[\w'-]+[ -]){0,4}?(?:tribes?|clans?|famil(?:y|ies)|family clan)",
    r"hotels?", r"factor(?:y|ies)", r"farms?", r"owners?", r"cars?", r"vans?", r"trucks?",
)
# What a territory verb takes when it takes territory ("captured the village", "took control
# of", "seized Alloush hill"); people after it make an arrest ("captured three men").
TERRITORY_OBJECTS = (
    r"control", r"over", r"towns?", r"cit(?:y|ies)", r"villages?", r"areas?", r"hills?", r"districts?",
    r"neighbou?rhoods?", r"quarters?", r"positions?", r"posts?", r"checkpoints?", r"bases?",
    r"headquarters", r"airports?", r"air ?bases?", r"dams?", r"crossings?", r"bridges?",
    r"territor(?:y|ies)", r"strongholds?", r"points?", r"farms?", r"fronts?", r"axis", r"parts?",
    r"(?-i:[A-Z])\w+",
)
# Words before a past participle that make it an adjective, not the clause's verb
# ("five captured shepherds", "the wounded soldier").
DETERMINERS = (
    r"a", r"an", r"the", r"its", r"his", r"her", r"their", r"\d+", r"one", r"two", r"three",
    r"four", r"five", r"six", r"seven", r"eight", r"nine", r"ten", r"several", r"some", r"many",
    r"of", r"newly", r"recently", r"previously", r"already",
)

# Refinements: a head family, words of the clause, and the coding they give, first match
# wins ("security forces opened fire on the protesters" is force against protesters).
STATE_WORDS = (r"(?:government|regime|army|armed forces|troops|soldiers|security forces|police"
               r"|(?:iraqi|syrian|federal|special|counter-terrorism) (?:\w+ )?forces)")
PROTESTERS = r"(?:protesters|protestors|demonstrators|rioters)"
REFINEMENTS: tuple[tuple[str, frozenset[Family], str, tuple[str, str]], ...] = (
    ("bomber stopped", frozenset({Family.ARREST, Family.KILL, Family.DEFUSE, Family.ATTACK}),
     r"\b(?:wearing|wore|carrying) (?:an? )?(?:explosive|suicide) (?:belt|vest)",
     ("Strategic developments", "Disrupted weapons use")),
    ("force on protesters", frozenset({Family.ATTACK, Family.KILL, Family.PROTEST, Family.CLASH,
                                       Family.CROWD}),
     rf"\b{STATE_WORDS}\b[^.;]{{0,60}}?\b(?:opened fire|fired (?:live|on|at)|shot|killed|killing)\b"
     rf"[^.;]{{0,30}}?"
     rf"\b{PROTESTERS}|\b{PROTESTERS}\s+(?:\w+\s+){{0,3}}?(?:shot|killed)\s+by\s+(?:\w+\s+)?{STATE_WORDS}",
     ("Protests", "Excessive force against protesters")),
    ("violent crowd", frozenset({Family.PROTEST, Family.CROWD, Family.CLASH, Family.ATTACK, Family.LOOT,
                                 Family.RIOT, Family.CAPTURE}),
     rf"\b(?:{PROTESTERS}|crowds?)\b[^.;]{{0,60}}?\b(?:torched|set\s+(?:fire|ablaze|alight)|burn(?:ed|t)"
     rf"|stormed|ransacked|threw|hurled|pelted|clashed|smashed|looted|attacked)\b"
     rf"|\bclash(?:es|ed)?\s+(?:between|with)\s+(?:\w+\s+){{0,3}}?{PROTESTERS}",
     ("Riots", "Violent demonstration")),
    ("mob", frozenset({Family.RIOT, Family.KILL, Family.ATTACK}), r"\b(?:mobs?|lynch(?:ed|ing)?)\b",
     ("Riots", "Mob violence")),
    ("protest met", frozenset({Family.PROTEST, Family.CROWD}),
     rf"\b(?:tear\s*gas|water\s+cannons?|dispers(?:ed|e|ing)|arrest(?:ed|ing)\s+(?:\w+\s+){{0,3}}?"
     rf"{PROTESTERS})", ("Protests", "Protest with intervention")),
    ("riot", frozenset({Family.RIOT}), r"\briot", ("Riots", "Violent demonstration")),
    # Territory held only in part has not changed hands: the fighting is the event (ACLED
    # codes all 85 older dev notes of "partial control" as armed clashes).
    ("partial control", frozenset({Family.CAPTURE, Family.CLASH, Family.ADVANCE}),
     r"\bpartial(?:ly)?\s+(?:\w+\s+)?(?:control|captur|took|seiz)", ("Battles", "Armed clash")),
)
# A court's sentence carried out is no attack (ACLED does not code it).
JUDICIAL = r"\b(?:convicted|sentenced|court|death\s+row|verdict)\b"

# People said to come from a place ("a regime soldier from Homs", "displaced people from
# eastern Ghouta", "gunmen from Busra Esh-Sham"): the place is where they are from, not
# where the event is.
ORIGIN_PEOPLE = (
    r"soldiers?", r"fighters?", r"members?", r"militiam[ae]n", r"gunm[ae]n", r"people", r"residents?",
    r"civilians?", r"m[ae]n", r"wom[ae]n", r"youths?", r"displaced", r"idps?", r"refugees?",
    r"famil(?:y|ies)", r"tribesm[ae]n", r"smugglers?", r"workers?", r"others", r"officers?",
    r"volunteers?", r"recruits?", r"conscripts?", r"natives?", r"locals?",
)
# Members of a group named after a place ("members of the Northa Popular Resistance",
# "fighters of Westa Shield", "a commander of the Burja bloc"): the name is whose they
# are, not where the event is. Residents of a place are often there: not these.
AFFILIATION_PEOPLE = (
    r"members?", r"fighters?", r"militiam[ae]n", r"elements?", r"commanders?", r"leaders?",
)
