"""Name keys that let transliteration variants of one Arabic place name meet.

``name_key`` is a fixed contract: the gazetteer loader stores ``PlaceName.key =
name_key(name)`` and the recognizer looks text spans up by the same function, so both
sides must always use it (never a hand-rolled ``lower()``).

Latin names are folded towards a consonant skeleton that keeps the long vowels and
drops the short vowel of a closed syllable (Shirqat/Sharqat -> ``xrkat``), because
English transliterations of Arabic disagree mostly about short vowels, doubled
letters, articles and digraphs. Arabic-script names stay in Arabic script, so an
Arabic key only ever matches Arabic text.

Stored keys (``PlaceName.key``, ``Alias.key``) are derived data: when a change makes
``name_key`` give another key for some name, bump ``KEY_VERSION`` and add a migration that
calls ``gazetteer.services.name_keys_refresh(version=<the new number>)`` (as
``0007_name_keys_v2`` does), so ``migrate`` brings every existing database in line;
``manage.py gazetteer_rekey`` does the same by hand.
"""

import re
import unicodedata
from functools import lru_cache

from .vocab import ARABIC_GENERIC_WORDS, ARTICLES, GENERIC_WORDS, SUB_DISTRICT

__all__ = ["arabic_without_generic", "name_key", "script_of", "token_key", "is_generic", "is_article",
           "ARTICLES", "first_word_key", "word_count", "GENERIC_WORDS", "KEY_VERSION"]

# The version of the fold that stored keys must match (GazetteerStamp.key_version).
# 1: the fold up to 2026-12-03; 2: final-syllable "e" (Idleb = Idlib), fused "ad-Din"
# (Salahuddin = Salah al-Din); 3: Arabic generic words dropped (مركز ناحية حمام العليل =
# حمام العليل), as Latin ones are; 4: bidi controls, zero-width characters and soft
# hyphens removed first (an RLM before "الموصل" hid its article).
KEY_VERSION = 4

# Invisible format characters that copied web text carries (bidi marks and overrides,
# zero-width spaces and joiners, soft hyphen, BOM): they change no name, so they go
# before anything else reads the name (word splits, the article at the start).
_INVISIBLE = str.maketrans(dict.fromkeys(
    [0x00AD, 0x061C, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065),
     *range(0x2066, 0x206A), 0xFEFF]
))

# Marks that transliterate ayn/hamza or are plain apostrophes: removed, never a space,
# so "Tall'Afar" and "Tall Afar" differ only by the space (which is dropped anyway).
_MARKS = "'’‘ʿʾ`´ʼʻ"
_MARKS_TABLE = str.maketrans("", "", _MARKS)

_GENERIC = GENERIC_WORDS

_SUBDISTRICT = re.compile(r"\b{}[\s\-]*{}\b".format(*SUB_DISTRICT))
_LATIN_SPLIT = re.compile(r"[^a-z0-9]+")

# Token-level rules, applied in this order (order matters: see name_key's docstring).
_SUN_ARTICLE = re.compile(r"^[aeiu]([dnrstz])\1(?=[a-z]{2})")  # Ezzor -> zor
_LONG_VOWELS = (("ee", "i"), ("oo", "u"), ("ou", "u"))
_DOUBLE = re.compile(r"([a-z])\1+")
_ABU = re.compile(r"^(?:al|a)bu")  # Albu/Abu Kamal -> bu
_FINAL_H = re.compile(r"(?<=[aeiou])h$")  # ta marbuta: Hasakah/Hasakeh/Hasaka
_DIGRAPHS = (
    ("x", "ks"), ("ph", "f"), ("ch", "sh"), ("c", "k"),
    ("kh", "h"), ("gh", "g"), ("q", "k"), ("g", "k"),
    ("dh", "z"), ("th", "z"), ("sh", "x"), ("v", "w"),
)
_DIPHTHONG_AY = re.compile(r"(?:ai|ei|ey|ay)(?=[^aeiou]|$)")  # Deir/Dayr, Baiji/Beiji
_DIPHTHONG_AY_V = re.compile(r"(?:ai|ei|ey)(?=[aeiou])")
_DIPHTHONG_AW = re.compile(r"(?:aw|ow|uw)(?=[^aeiou]|$)")  # Zawr/Zor
_E_BEFORE_VOWEL = re.compile(r"e(?=[aiou])")  # Rabea -> Rabia
_INITIAL_E = re.compile(r"^e(?=[^aeiou])")  # Erbil -> Irbil
_VOWEL_RUN = re.compile(r"([aeiou])\1+")
# An "e" in a word's last syllable, closed by one consonant ("Idleb", "Saraqeb", "Khaled",
# "Jebel"): French and Levantine spellings write the Arabic kasra (i) so, as in the
# fa'il names (Khalid/Khaled, Nasir/Naser, Hafir/Hafer) and Idlib/Idleb, but also an a
# that vowel harmony turned into e (Jebel/Jabal, Beled/Balad, Nejef/Najaf, Ahmed/Ahmad,
# Muharrem). It is an i after a single consonant unless the vowel before that is an e
# too, and after a cluster only when that vowel is an i. Not before t: "-et" is the
# construct form of the feminine -a ("Maaret"/"Maarat", "Khirbet"/"Khirbat").
_FINAL_E = re.compile(r"([aeiou])([b-df-hj-np-tv-z]+)e[b-df-hj-np-suvwxz]$")
# "X al-Din" fused into one word: "Salahuddin", "Salaheddine", "Nooruddin", "Izzeddin",
# "Alaaddin" are "Salah ad-Din"... (the assimilated article, then Din): the word splits
# before its article so both halves fold as the spaced spelling's words do. Only a
# doubled d or "ud" marks it: "Mayadin", "Meyedine" and "Mutaqedin" are single words.
_FUSED_DIN = re.compile(r"(?<=[a-z]{3})(?:[aeiu]dd|ud)(?:in|ine|een)$")
# "Eddine", "Uddin", "Ad-Din" written apart: the word Din with its article.
_DETACHED_DIN = re.compile(r"(?:[aeiu]d)?d(?:in|ine|een)$")
# The short vowel of a closed syllable (consonant-vowel-consonant-consonant) is the one
# transliterations disagree on most (Shirqat/Sharqat, Sinjar/Senjar): drop it.
_CLOSED_SYLLABLE = re.compile(r"(?<=[b-df-hj-np-tv-z])[aeiou](?=[b-df-hj-np-tv-z]{2})")

# Arabic script.
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_TABLE = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك",
    "ە": "ه", "ۆ": "و", "ێ": "ي",
    # Arabic-Indic and Persian digits fold to ASCII: "حي العسكري ١" is "حي العسكري 1".
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
})
_AR_ARTICLE = re.compile(r"(?:(?<=\s)|^)ال(?=\S{2})")
# Digits stay in the key: numbered quarters and villages ("Hay al-Askari 1", "... 2") differ.
_AR_NON_LETTER = re.compile(r"[^0-9\u0621-\u064a\u0671-\u06d3\u06d5]+")
_OTHER_NON_LETTER = re.compile(r"[\W_]+")


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _is_arabic(ch: str) -> bool:
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or (
        0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF
    )


def _is_latin(ch: str) -> bool:
    o = ord(ch)
    return ch.isalpha() and (o < 0x0250 or 0x1E00 <= o <= 0x1EFF)


def script_of(name: str) -> str:
    """The writing system of a name: "latn", "arab" or "other" (majority of letters)."""
    if name.isascii():  # most names: no Arabic letter, and any ASCII letter is Latin
        return "latn" if _ASCII_LETTER.search(name) else "other"
    arabic = latin = 0
    for ch in name:
        if _is_arabic(ch):
            arabic += 1
        elif _is_latin(ch):
            latin += 1
    if arabic > latin:
        return "arab"
    if latin:
        return "latn"
    return "other"


def is_generic(word: str) -> bool:
    """True for generic words such as "district" or "markaz" that name_key drops."""
    return word.lower() in _GENERIC


def is_article(word: str) -> bool:
    """True for a detached Arabic article written in Latin ("al", "ez", "ash"...)."""
    low = word.lower()
    if low.isascii() and low.isalnum():  # no mark to remove: skip the translate call
        return low in ARTICLES
    return low.translate(_MARKS_TABLE) in ARTICLES


def _strip_latin_diacritics(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """Fold one lowercase ASCII word (no articles/generic words handling)."""
    t = _SUN_ARTICLE.sub(r"\1", token)
    for old, new in _LONG_VOWELS:
        t = t.replace(old, new)
    # A fused article ("Alaleel", "Alqayyarah"), only when a real word remains.
    if t.startswith("al") and len(t) >= 6:
        t = t[2:]
    t = _ABU.sub("bu", t)
    t = _DOUBLE.sub(r"\1", t)
    t = _FINAL_H.sub("", t)
    for old, new in _DIGRAPHS:
        t = t.replace(old, new)
    t = _DIPHTHONG_AY.sub("i", t)
    t = _DIPHTHONG_AY_V.sub("ay", t)
    t = _DIPHTHONG_AW.sub("u", t)
    t = _E_BEFORE_VOWEL.sub("i", t)
    t = _INITIAL_E.sub("i", t)
    if "e" in t:
        m = _FINAL_E.search(t)
        if m is not None and ((len(m[2]) == 1 and m[1] != "e") or m[1] == "i"):
            t = t[:m.end() - 2] + "i" + t[m.end() - 1:]
    t = t.replace("e", "a").replace("o", "u")
    return _VOWEL_RUN.sub(r"\1", t)


def _latin_key(name: str) -> str:
    text = _strip_latin_diacritics(name).lower().translate(_MARKS_TABLE)
    text = _SUBDISTRICT.sub(" ", text)
    words = [w for w in _LATIN_SPLIT.split(text) if w]
    if not words:
        return ""
    if "din" in text or "deen" in text:
        words = _split_din(words)
    kept = [w for w in words if w not in _GENERIC] or words
    kept = [w for w in kept if w not in ARTICLES] or kept
    joined = "".join(token_key(w) for w in kept)
    joined = _DOUBLE.sub(r"\1", joined)
    return _CLOSED_SYLLABLE.sub("", joined) or joined


def _split_din(words: list[str]) -> list[str]:
    """Words with a fused "X ad-Din" split before its article ("salahuddin" -> "salah",
    "din"), and a detached "eddine" written "din", so that every spelling of Salah
    al-Din folds alike."""
    out = []
    for word in words:
        m = _FUSED_DIN.search(word)
        if m is not None:
            out += [word[:m.start()], "din"]
        elif _DETACHED_DIN.fullmatch(word):
            out.append("din")
        else:
            out.append(word)
    return out


def _arabic_fold(text: str) -> str:
    return _AR_DIACRITICS.sub("", unicodedata.normalize("NFKC", text)).translate(_AR_TABLE)


_AR_GENERIC = frozenset(_arabic_fold(w) for w in ARABIC_GENERIC_WORDS)


def arabic_without_generic(name: str) -> str:
    """An Arabic-script name as written without its generic words ("مركز ناحية حمام العليل":
    "حمام العليل"); any other name unchanged."""
    bare = name.translate(_INVISIBLE)  # an RLM before the first word hid it
    if not bare or not ("\u0600" <= bare[0] <= "\u06ff") or " " not in bare:
        return name
    words = bare.split()
    kept = [w for w in words if _AR_ARTICLE.sub("", _arabic_fold(w)) not in _AR_GENERIC]
    return " ".join(kept) if kept and len(kept) < len(words) else name


def _arabic_key(name: str) -> str:
    text = _arabic_fold(name)
    words = text.split()
    if len(words) > 1:
        kept = [w for w in words if _AR_ARTICLE.sub("", w) not in _AR_GENERIC]
        if kept and len(kept) < len(words):
            text = " ".join(kept)
    text = _AR_ARTICLE.sub("", text)
    return _AR_NON_LETTER.sub("", text)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The transliteration-folded lookup key of a place name (never empty for a real name).

    Latin: lowercase, strip diacritics and ayn/hamza marks, split a fused "ad-Din"
    ("Salahuddin"), drop generic words (district, markaz...) and detached articles
    (al-, ez-...) unless nothing would be left, then fold each word (fused articles,
    long-vowel spellings, doubled letters, q/k/g, kh/h, dh/th/z, sh/ch, diphthongs, a
    last-syllable e as i, other e as a) and drop the short vowel of closed syllables.
    Arabic: strip harakat and tatweel, unify alef/ta marbuta/alef maqsura forms, drop
    generic words (مركز, ناحية, قضاء...) unless nothing would be left, the article at word
    start and all spaces.
    """
    name = name.translate(_INVISIBLE)
    if not name:
        return ""
    script = script_of(name)
    if script == "arab":
        return _arabic_key(name)
    if script == "latn":
        return _latin_key(name)
    return _OTHER_NON_LETTER.sub("", unicodedata.normalize("NFKC", name).casefold())


_ANY_SPLIT = re.compile(r"[^a-z0-9]+")


def fold_keys(table: dict) -> dict:
    """A table keyed by names, keyed by their name_key instead (the last name wins)."""
    return {name_key(name): value for name, value in table.items()}


# A mark between two letters is inside a word ("Samarr'a", "Qa’im"): it joins, as in
# name_key and as the recognizer joins such tokens before it looks up a start word.
_INNER_MARKS = re.compile(rf"(?<=[^\W_])[{_MARKS}]+(?=[^\W_])")


@lru_cache(maxsize=200_000)
def first_word_key(name: str) -> str:
    """The key of the first word of a Latin name that name_key keeps (no article, no
    generic word), splitting at hyphens and spaces as the recognizer's tokens do (a mark
    inside a word joins it). The recognizer only tries spans whose first word has the
    first-word key of some name."""
    text = _INNER_MARKS.sub("", _strip_latin_diacritics(name).lower())
    words = [w for w in _ANY_SPLIT.split(text) if w]
    if "din" in text or "deen" in text:
        words = _split_din(words)  # "Salahuddin" starts the names "Salah al-Din" starts
    for word in words:
        if word not in _GENERIC and word not in ARTICLES:
            return _word_key(word)
    return _word_key(words[0]) if words else ""


def _word_key(word: str) -> str:
    """token_key with the closed-syllable vowels inside the word dropped, as name_key
    drops them, so "Shirqat" and "Sharqat" start the same names."""
    key = token_key(word)
    return _CLOSED_SYLLABLE.sub("", key) or key


def word_count(name: str) -> int:
    """Words of a Latin name as the recognizer tokenises text (marks and hyphens split)."""
    return len([w for w in _ANY_SPLIT.split(_strip_latin_diacritics(name).lower()) if w])
