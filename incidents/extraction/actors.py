"""Actor dictionary: surface aliases -> ACLED-style actor names.

The built-in dictionary is plain data (tuples); analysts extend it in the admin
(`ActorAlias` rows, passed in as `extra` entries by `incidents/selectors/actors.py`).
`actor_mentions` is the only matcher and is pure (no Django).
Aliases that are short upper-case acronyms (IS, PKK, YBS) match with exact case so
that the English word "is" never becomes the Islamic State; every other alias matches
case-insensitively on whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Country-specific names take a "{country}" placeholder filled from the event location.
ISIS = "ISIS"
IRAQ_ARMY = "Military Forces of Iraq"
IRAQ_POLICE = "Police Forces of Iraq"
PESHMERGA = "Military Forces of Iraq - Kurdistan Regional Government (Peshmerga)"
UNIDENTIFIED = "Unidentified Armed Group ({country})"
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"
CIVILIANS = "Civilians ({country})"
MILITARY = "Military Forces of {country}"
PROTESTERS = "Protesters ({country})"
RIOTERS = "Rioters ({country})"

ACTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (ISIS, ("ISIS", "IS", "ISIL", "Daesh", "Da'esh", "Islamic State", "ISIS gangs",
            "ISIS militants", "ISIS cells", "Amaq", "ISIS fighters", "ISIS gunmen",
            "Islamic State militants", "Islamic State fighters", "Islamic State gunmen",
            "IS militants", "IS fighters", "Daesh militants", "Daesh terrorists")),
    ("Al Qaeda", ("al-Qaeda", "al-Qaida", "Al Qaeda", "Hurras al-Din")),
    (IRAQ_POLICE, ("Police Directorate", "Police Command", "police", "Federal Police")),
    (IRAQ_ARMY, ("Iraqi army", "Iraqi soldiers", "Iraqi forces", "Joint Operations Command",
                 "Operations Command", "Air Force Command", "Iraqi Air Force", "Air Force",
                 "Counter-Terrorism Service", "CTS", "security forces", "Security Media Cell",
                 "Western Nineveh Operations Command", "Iraqi F-16 jets", "Iraqi F-16s",
                 "Iraqi aircraft", "Iraqi jets", "Iraqi warplanes", "Iraqi helicopters",
                 "intelligence unit", "Iraqi troops", "Iraqi military", "Iraqi security forces",
                 "counter-terrorism forces", "Iraqi special forces", "army aviation",
                 "Iraqi F-16", "Iraqi F-16 jet", "Iraqi jet", "Iraqi warplane",
                 "Iraqi helicopter")),
    (MILITARY, ("army", "soldiers", "troops", "army helicopters", "army engineering unit",
                "military security", "army units", "government forces", "government troops",
                "pro-government forces", "government helicopters", "government warplanes",
                "government artillery", "border guards", "border guard")),
    ("PMF: Popular Mobilization Forces", ("PMF", "Popular Mobilization Forces",
                                          "Popular Mobilisation Forces", "Hashd al-Shaabi",
                                          "al-Hashd al-Shaabi", "Tribal Mobilization",
                                          "paramilitary forces", "Iraqi paramilitary forces",
                                          "Hashd")),
    (PESHMERGA, ("Peshmerga", "Kurdistan Regional Guard", "Regional Guard")),
    ("Asayish: Internal Security Forces (Syria)", ("Asayish", "Asayesh",
                                                   "Internal Security Forces")),
    ("Military Forces of the United States", ("US forces", "U.S. forces", "American forces",
                                              "US troops", "U.S. troops", "US drone",
                                              "US drones", "U.S. drone", "US aircraft",
                                              "US warplanes", "US air strike", "US strike",
                                              "American drone", "Pentagon")),
    ("International coalition", ("international coalition", "US-led coalition",
                                 "coalition forces", "Global Coalition", "coalition aircraft",
                                 "coalition warplanes", "coalition jets", "coalition drones")),
    ("Military Forces of Turkey", ("Turkish army", "Turkish forces", "Turkish drone",
                                   "Turkish drones", "Turkish artillery", "Turkish warplanes",
                                   "Turkish jets", "Turkey", "Turkish warplane",
                                   "Turkish jet", "Turkish aircraft", "Turkish military")),
    ("Military Forces of Russia", ("Russian warplanes", "Russian jets", "Russian forces",
                                   "Russian aircraft", "Russian air force", "Russian helicopters",
                                   "Russian drones", "Russian air strikes", "Russian strikes",
                                   "Russian warplane", "Russian jet", "Russian drone",
                                   "Russian helicopter")),
    ("Military Forces of Israel", ("Israeli warplanes", "Israeli jets", "Israeli aircraft",
                                   "Israeli missiles", "Israeli air strikes", "Israeli strikes",
                                   "Israeli forces", "Israeli army", "Israeli military",
                                   "Israeli drones", "Israeli drone", "Israeli warplane",
                                   "Israeli jet", "Israel")),
    ("Military Forces of Iran", ("Iranian forces", "Iranian missiles", "Iranian artillery",
                                 "Iranian drones", "Iranian military", "IRGC",
                                 "Islamic Revolutionary Guard Corps", "Revolutionary Guards")),
    ("Hezbollah", ("Hezbollah", "Hizbollah", "Hizbullah")),
    ("YPG: People's Protection Units", ("YPG", "People's Protection Units", "Kurdish YPG")),
    ("PKK: Kurdistan Workers' Party", ("PKK", "Kurdistan Workers' Party",
                                       "Kurdistan Workers Party")),
    ("YBS: Sinjar Resistance Units", ("YBS", "Sinjar Resistance Units",
                                      "Shingal Resistance Units")),
    ("SDF: Syrian Democratic Forces", ("SDF", "Syrian Democratic Forces", "QSD", "QSD forces",
                                       "Syria Democratic Forces")),
    ("SNA: Syrian National Army", ("SNA", "Syrian National Army", "Turkish-backed factions",
                                   "Turkish-backed rebels", "Turkish-backed fighters",
                                   "Turkey-backed factions", "Turkish-backed groups", "JWS",
                                   "Turkey-backed opposition rebels", "Turkey backed opposition rebels",
                                   "pro-Turkey rebel factions", "pro-Turkish rebel factions",
                                   "Operation Peace Spring", "Operation Olive Branch",
                                   "Olive Branch factions", "Euphrates Shield", "OPS")),
    ("HTS: Hayat Tahrir al-Sham", ("HTS", "Hayat Tahrir al-Sham", "Hayaat Tahrir al-Sham",
                                   "Hayyat Tahrir al-Sham", "Jabhat Fatah al-Sham", "JFS",
                                   "Al Nusra Front", "Nusra Front")),
    ("Opposition Rebels (Syria)", ("opposition rebels", "rebel factions", "opposition factions",
                                   "opposition fighters", "rebel fighters", "rebels", "Free Syrian Army",
                                   "FSA", "Jaysh al Islam", "Jaysh al-Islam", "Rahman Corps",
                                   "Al-Rahman Corps", "Al Rahman Corps", "Faylaq al-Rahman",
                                   "Ahrar al-Sham", "Ahrar Al-Sham", "Sham Corps", "Al Sham Corps",
                                   "National Liberation Front", "NLF", "Jaish al-Izza", "Jaysh al Izza")),
    ("Islamist Militia (Syria)", ("Islamist factions", "Islamist militias", "Islamist militia",
                                  "Islamic factions", "Islamist fighters", "Islamist faction fighters",
                                  "Turkistan Islamic Party", "TIP", "Al Fath Al Mubeen Operation Room",
                                  "Al Fath al-Mubeen Operations Room")),
    ("Military Forces of Syria", ("Syrian regime forces", "Syrian government forces",
                                  "Syrian army", "Syrian soldiers", "regime forces",
                                  "Syrian troops", "Syrian warplanes", "Syrian jets",
                                  "Syrian helicopters", "Syrian government artillery",
                                  "regime warplanes", "regime helicopters", "regime jets",
                                  "regime artillery", "regime", "Syrian government",
                                  "Syrian Arab Army", "SAA", "regime soldiers", "regime members",
                                  "regime fighters", "Tiger Forces", "4th Armored Division",
                                  "Republican Guard", "Military Intelligence", "Air Force Intelligence",
                                  "State Security", "pro-regime militias", "loyalist militias",
                                  "National Defense Forces", "National Defence Forces", "NDF")),
    ("Iran-backed militias ({country})", ("Iran-backed militias", "Iranian-backed militias",
                              "Iran-backed groups", "Tehran-backed groups")),
    ("Manbij Military Council (SDF)", ("Manbij Military Council",)),
    ("Deir ez-Zor Military Council (SDF)", ("Deir ez-Zor Military Council",
                                            "Deir Ezzor Military Council")),
    ("Tribal Militia ({country})", ("tribal gunmen", "tribal fighters", "tribesmen")),
    ("Clan Militia ({country})", ("clans", "clan members", "clan gunmen")),
    ("Government of {country}", ("governor", "government officers", "provincial authorities",
                                 "provincial council", "the government", "ministry")),
    ("Tribal leaders ({country})", ("tribal leaders", "tribal elders", "tribes",
                                    "tribal sheikhs")),
    ("Local notables ({country})", ("notables", "local dignitaries")),
    (UNIDENTIFIED, ("unidentified gunmen", "unknown gunmen", "gunmen", "armed men",
                    "unidentified assailants", "masked gunmen", "assailants", "attackers",
                    "militants", "insurgents", "jihadists", "armed group", "terrorists")),
    (UNIDENTIFIED_MILITARY, ("unidentified aircraft", "unidentified drone",
                             "unidentified warplanes")),
    (CIVILIANS, ("civilian", "civilians", "shepherd", "shepherds", "farmer", "farmers",
                 "truffle hunters", "children", "child", "woman", "family", "driver",
                 "residents", "passer-by", "people", "villagers")),
)

# The country an actor belongs to, where it belongs to one of the two the atlas maps: the
# votes a document's actors give the geoparser's country context (actor_countries).
ACTOR_COUNTRIES: dict[str, str] = {
    IRAQ_ARMY: "IQ", IRAQ_POLICE: "IQ", PESHMERGA: "IQ", "PMF: Popular Mobilization Forces": "IQ",
    "YBS: Sinjar Resistance Units": "IQ",
    "Military Forces of Syria": "SY", "SDF: Syrian Democratic Forces": "SY",
    "SNA: Syrian National Army": "SY", "HTS: Hayat Tahrir al-Sham": "SY",
    "Opposition Rebels (Syria)": "SY", "Islamist Militia (Syria)": "SY",
    "Asayish: Internal Security Forces (Syria)": "SY", "YPG: People's Protection Units": "SY",
    "Manbij Military Council (SDF)": "SY", "Deir ez-Zor Military Council (SDF)": "SY",
}


# Aliases that name no country by themselves: police, security forces and intelligence
# services are everywhere, whatever entry of the dictionary they are filed under.
_NO_COUNTRY_ALIASES = frozenset(a.lower() for a in (
    "police", "Police Directorate", "Police Command", "Federal Police", "security forces",
    "Operations Command", "Air Force", "Air Force Command", "intelligence unit", "army aviation",
    "counter-terrorism forces", "Internal Security Forces", "Republican Guard",
    "Military Intelligence", "Air Force Intelligence", "State Security",
))


def actor_countries(text: str, *, extra: tuple[ActorEntry, ...] = ()) -> dict[str, int]:
    """How many actor mentions of the text belong to each country (ISO code): "regime
    forces" and the SDF to Syria, the PMF and the Peshmerga to Iraq."""
    votes: dict[str, int] = {}
    for mention in actor_mentions(text, extra=extra):
        code = ACTOR_COUNTRIES.get(mention.key)
        if code and mention.text.lower() not in _NO_COUNTRY_ALIASES:
            votes[code] = votes.get(code, 0) + 1
    return votes


# State forces, in the order they are preferred as the acting side of an arrest.
STATE_FORCES = frozenset({
    IRAQ_ARMY, IRAQ_POLICE, MILITARY, PESHMERGA, "PMF: Popular Mobilization Forces",
    "Asayish: Internal Security Forces (Syria)", "SDF: Syrian Democratic Forces",
    "Military Forces of Syria", "Military Forces of Turkey", "Military Forces of Russia",
    "Military Forces of the United States", "International coalition",
    "Military Forces of Israel", "Military Forces of Iran",
})


# ACLED's "government or its affiliates" (who regains territory); the SDF and the
# Asayish arrest people like a state force but are non-state actors for ACLED.
_GOVERNMENT_PREFIXES = ("Military Forces", "Police Forces", "Government")  # "of X" when known
_GOVERNMENT_AFFILIATES = frozenset({"PMF: Popular Mobilization Forces", "International coalition"})


def is_government(name: str) -> bool:
    """True for a state's forces or an affiliate fighting beside them (ACLED actor name)."""
    return name.startswith(_GOVERNMENT_PREFIXES) or name in _GOVERNMENT_AFFILIATES


# An added dictionary entry: (ACLED-style name, aliases, is a state force).
ActorEntry = tuple[str, tuple[str, ...], bool]


def actor_entries(rows: Iterable[tuple[str, str, bool]]) -> tuple[ActorEntry, ...]:
    """Dictionary entries from (name, alias, state_force) rows, one per (name, state_force),
    in the rows' order (the analysts' additions, read by `incidents.selectors.actors`)."""
    grouped: dict[tuple[str, bool], list[str]] = {}
    for name, alias, state in rows:
        grouped.setdefault((name, state), []).append(alias)
    return tuple((name, tuple(aliases), state) for (name, state), aliases in grouped.items())


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One alias found in a text, with the ACLED-style name it stands for."""

    start: int
    end: int
    text: str
    name: str
    key: str  # the dictionary name before the country was filled in
    state_force: bool = False

    @property
    def is_state_force(self) -> bool:
        return self.state_force or self.key in STATE_FORCES


def _is_acronym(alias: str) -> bool:
    return alias.isupper() and len(alias) <= 4


@lru_cache(maxsize=8)
def _patterns(extra: tuple[ActorEntry, ...] = ()) -> tuple[tuple[re.Pattern[str], str, bool, str, bool], ...]:
    """Longest aliases first, so "Western Nineveh Operations Command" beats "army"; each
    with the plain text it must contain (a cheap test before the regex)."""
    triples = [(alias, name, False) for name, aliases in ACTORS for alias in aliases]
    triples += [(alias, name, state) for name, aliases, state in extra for alias in aliases]
    triples.sort(key=lambda triple: -len(triple[0]))
    compiled = []
    for alias, name, state in triples:
        body = re.escape(alias)
        exact = _is_acronym(alias)
        flags = 0 if exact else re.IGNORECASE
        compiled.append((re.compile(rf"(?<![\w-]){body}(?![\w-])", flags), name, state,
                         alias if exact else alias.lower(), exact))
    return tuple(compiled)


def actor_mentions(text: str, *, country: str = "", extra: tuple[ActorEntry, ...] = ()) -> list[ActorMention]:
    """Non-overlapping actor aliases in `text`, in text order.

    `country` ("Iraq", "Syria" or "") fills the placeholder of country-specific names;
    `extra` adds dictionary entries (an analyst's) to the built-in ones.
    """
    lowered = text.lower()
    taken: list[tuple[int, int]] = []
    found: list[ActorMention] = []
    for pattern, name, state, needle, exact in _patterns(extra):
        # A substring test is ~50x cheaper than the regex and rules out nearly every alias.
        if needle not in (text if exact else lowered):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(
                ActorMention(start, end, match.group(0), actor_name(name, country), name, state)
            )
    found.sort(key=lambda mention: mention.start)
    return found


def actor_name(name: str, country: str) -> str:
    """Fill the country placeholder ("Civilians ({country})" -> "Civilians (Iraq)")."""
    if country:
        return name.replace("{country}", country)
    return name.replace(" ({country})", "").replace(" of {country}", "")
