"""Countries, peoples and regions: one record per country, as data.

Every name, code, adjective and point of a country is written here once; the tables the
geoparser, the loaders and the exports read (surface -> code, code -> name, code ->
point...) are derived from these records, in record order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """How the atlas treats a country: the two it maps, their neighbours, the others."""

    FOCUS = "focus"  # Iraq and Syria: the map, the filters, the strongest prior
    NEIGHBOUR = "neighbour"  # towns near the border are in the default gazetteer
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Country:
    """One country as texts name it and as exports code it."""

    iso: str  # ISO 3166-1 alpha-2, the code every table uses
    name: str  # the English name a report or an export gives it
    other_names: tuple[str, ...] = ()  # Latin spellings besides ``name``
    arabic_names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # "Iraqi", "Iraqis": people or things of the country
    # Words that form border phrases ("the Iraqi-Syrian borders"), lowercase.
    border_words: tuple[str, ...] = ()
    point: tuple[float, float] | None = None  # GeoNames' PCLI point (lat, lon)
    iso3: str = ""
    numeric: int = 0  # ISO 3166-1 numeric, the id world-atlas outlines use
    role: Role = Role.OTHER
    # Arabic names the default loader gives the country Place besides ``arabic_names``.
    official_arabic: tuple[str, ...] = ()


F, N = Role.FOCUS, Role.NEIGHBOUR
COUNTRY_RECORDS: tuple[Country, ...] = (
    Country("IQ", "Iraq", ("Republic of Iraq",), ("العراق",), ("Iraqi", "Iraqis"), ("iraqi", "iraq"),
            (33.0, 44.0), "IRQ", 368, F, ("جمهورية العراق",)),
    Country("SY", "Syria", ("Syrian Arab Republic",), ("سوريا", "سورية"), ("Syrian", "Syrians"),
            ("syrian", "syria"), (35.0, 38.0), "SYR", 760, F, ("الجمهورية العربية السورية",)),
    Country("TR", "Turkey", ("Türkiye", "Turkiye"), ("تركيا",), ("Turkish", "Turk", "Turks"),
            ("turkish", "turkey"), (39.0, 35.0), "TUR", 792, N),
    Country("IR", "Iran", (), ("إيران",), ("Iranian", "Iranians", "Persian"), ("iranian", "iran"),
            (32.0, 53.0), "IRN", 364, N),
    Country("JO", "Jordan", (), ("الأردن",), ("Jordanian", "Jordanians"), ("jordanian", "jordan"),
            (31.0, 36.0), "JOR", 400, N),
    Country("KW", "Kuwait", (), ("الكويت",), ("Kuwaiti", "Kuwaitis"), ("kuwaiti", "kuwait"),
            (29.5, 47.75), "KWT", 414, N),
    Country("SA", "Saudi Arabia", (), ("السعودية",), ("Saudi", "Saudis"), ("saudi",),
            (25.0, 45.0), "SAU", 682, N),
    Country("LB", "Lebanon", (), ("لبنان",), ("Lebanese",), ("lebanese", "lebanon"),
            (33.83333, 35.83333), "LBN", 422, N),
    Country("IL", "Israel", (), (), ("Israeli", "Israelis"), (), (31.5, 34.75)),
    Country("EG", "Egypt", (), (), ("Egyptian", "Egyptians"), (), (27.0, 30.0)),
    Country("QA", "Qatar", (), (), ("Qatari",)),
    Country("AE", "United Arab Emirates", (), (), ("Emirati",)),
    Country("BH", "Bahrain"),
    Country("OM", "Oman"),
    Country("YE", "Yemen"),
    Country("RU", "Russia", (), (), ("Russian", "Russians")),
    Country("US", "United States", (), (), ("American", "Americans")),
    Country("GB", "United Kingdom", (), (), ("British",)),
    Country("FR", "France", (), (), ("French",)),
    Country("DE", "Germany", (), (), ("German",)),
    Country("AF", "Afghanistan", (), (), ("Afghan",)),
    Country("CN", "China", (), (), ("Chinese",)),
    Country("IN", "India", (), (), ("Indian",)),
    Country("PS", "Palestine", (), (), ("Palestinian", "Palestinians")),
)
# Countries that are no surface of the lexicon (only their demonyms are): "China" in a
# report stays a plain gazetteer lookup, as it always was.
_DEMONYM_ONLY = frozenset({"CN", "IN", "PS"})

# Peoples and groups that are no country's demonym ("" when no country is implied).
# Order matters only for display; every table below is a mapping or a set.
PEOPLES: dict[str, str] = {
    "Kurdish": "", "Kurd": "", "Kurds": "", "Yazidi": "IQ", "Turkmen": "", "Assyrian": "",
    "European": "", "Europeans": "", "Arab": "", "Arabs": "",
}

# Regions of the area and beyond ("" when no country is implied) and, for those that have
# one, a rough centre (GeoNames points where it has them).
REGION_RECORDS: tuple[tuple[str, str, tuple[float, float] | None], ...] = (
    ("Kurdistan", "IQ", None), ("Kurdistan Region", "IQ", (36.19, 44.01)),
    ("Iraqi Kurdistan", "IQ", (36.19, 44.01)), ("Kurdistan Region of Iraq", "IQ", (36.19, 44.01)),
    ("Middle East", "", None), ("Levant", "", None), ("Golan Heights", "SY", (33.0, 35.75)),
    ("Jazira", "SY", None), ("Jazeera", "SY", None), ("Rojava", "SY", None),
    ("Sinjar Mountain", "IQ", (36.37, 41.87)), ("Nineveh Plains", "IQ", (36.45, 43.35)),
    ("Nineveh Plain", "IQ", (36.45, 43.35)), ("Gulf", "", None), ("Persian Gulf", "", None),
    ("Arabian Gulf", "", None), ("Near East", "", None), ("Mesopotamia", "IQ", None),
    ("Ghouta", "SY", (33.55, 36.45)), ("Eastern Ghouta", "SY", (33.55, 36.45)),
    ("Western Ghouta", "SY", (33.45, 36.2)), ("Qalamoun", "SY", (33.9, 36.6)),
    ("Anbar Desert", "IQ", None),
)


def _country_surfaces() -> dict[str, str]:
    lexicon = [c for c in COUNTRY_RECORDS if c.iso not in _DEMONYM_ONLY]
    latin = {s: c.iso for c in lexicon for s in (c.name, *c.other_names)}
    return latin | {s: c.iso for c in lexicon for s in c.arabic_names}


def _demonyms() -> dict[str, str]:
    return {s: c.iso for c in COUNTRY_RECORDS for s in c.demonyms} | PEOPLES


BY_ISO: dict[str, Country] = {c.iso: c for c in COUNTRY_RECORDS}
# surface -> ISO code of every country name the lexicon knows (Latin, then Arabic).
COUNTRIES: dict[str, str] = _country_surfaces()
# ISO code -> the English name a report or an export gives the country.
COUNTRY_NAMES: dict[str, str] = {c.iso: c.name for c in COUNTRY_RECORDS if c.iso not in _DEMONYM_ONLY}
# GeoNames' point of each country (the PCLI records): where a country name is coded
# when no country Place is loaded. Corpora and ACLED code "Syria" to these points.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    c.iso: c.point for c in COUNTRY_RECORDS if c.point is not None}
DEMONYMS: dict[str, str] = _demonyms()
# Words that form border phrases ("the Iraqi-Syrian borders") -> country code, adjectives
# first (the phrase regex sorts them by length anyway).
BORDER_ADJECTIVES: dict[str, str] = (
    {c.border_words[0]: c.iso for c in COUNTRY_RECORDS if c.border_words}
    | {w: c.iso for c in COUNTRY_RECORDS for w in c.border_words[1:]})
REGIONS: dict[str, str] = {name: code for name, code, _ in REGION_RECORDS}
REGION_POINTS_BY_NAME: dict[str, tuple[float, float]] = {
    name: point for name, _, point in REGION_RECORDS if point is not None}
FOCUS_COUNTRIES: tuple[str, ...] = tuple(c.iso for c in COUNTRY_RECORDS if c.role is Role.FOCUS)
