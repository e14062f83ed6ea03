"""Transliteration-loose lookup: a name the gazetteer spells otherwise, found inside its container.

English spellings of one Arabic name differ beyond what ``name_key`` folds: "Dhuluiya"
and "Al-Duloeyah" (ض as dh or d), "Mushahidah" and "Almshahda" (vowels written or not),
"Yusufiyah" and "Al-Yousifya". A loose key keeps only the consonant skeleton with the
consonants reports confuse merged into one class. Alone it is far too loose (thousands of
names share a short skeleton), so it is used only where the text states a container
(containment.py): the names of the container's places whose skeleton matches, the most
alike by their keys, when alike enough; or, for a name in no container, the villages of
the governorates the document names, when very alike (_framed).
"""

from __future__ import annotations

import difflib
import re

from .gazindex import GazetteerIndex
from .types import Candidate

__all__ = ["loose_key", "loose_candidates"]

# name_key letters (a-z and x for sh) merged into the classes transliterations confuse.
_CLASSES = str.maketrans({"z": "d", "t": "d", "x": "s", "q": "k", "g": "k", "o": "u", "e": "i"})
_VOWELS = re.compile(r"[aeiouyw]")
_ARTICLE = re.compile(r"^(?:al|el)(?=[a-z]{3})")
# How alike two keys must be (difflib's ratio) for a skeleton match to count: a short
# skeleton ("dl") is shared by many names, so the keys themselves must be closer then.
MIN_SIMILARITY = 0.6
MIN_SIMILARITY_SHORT = 0.7  # a skeleton of two consonants
MIN_SKELETON = 2


def loose_key(key: str) -> str:
    """The consonant skeleton of a name key, confusable consonants merged ("zuluiya" and
    "duluaya" are both "dl")."""
    if not key.isascii():
        return ""  # Arabic-script keys already meet exactly
    return _VOWELS.sub("", _ARTICLE.sub("", key).translate(_CLASSES))


def _loose_map(index: GazetteerIndex) -> dict[str, list[tuple[str, Candidate]]]:
    cached = getattr(index, "_loose", None)
    if cached is None:
        cached = {}
        for key, candidates in index.entries():
            loose = loose_key(key)
            if len(loose) >= MIN_SKELETON:
                cached.setdefault(loose, []).extend((key, c) for c in candidates)
        index._loose = cached
    return cached


def loose_candidates(index: GazetteerIndex, key: str) -> list[tuple[Candidate, float]]:
    """(candidate, similarity of keys) of the names sharing the loose key of ``key``, most
    alike first; only those alike enough."""
    cache = getattr(index, "_loose_found", None)
    if cache is None:
        cache = index._loose_found = {}
    found = cache.get(key)
    if found is None:
        if len(cache) > 50_000:
            cache.clear()
        found = cache[key] = _alike(index, key)
    return found


def _alike(index: GazetteerIndex, key: str) -> list[tuple[Candidate, float]]:
    loose = loose_key(key)
    if len(loose) < MIN_SKELETON:
        return []
    out: dict[int, tuple[Candidate, float]] = {}
    floor = MIN_SIMILARITY_SHORT if len(loose) == MIN_SKELETON else MIN_SIMILARITY
    matcher = difflib.SequenceMatcher(None, b=key)
    for other, candidate in _loose_map(index).get(loose, ()):
        matcher.set_seq1(other)
        similarity = matcher.ratio()
        if similarity >= floor and similarity > out.get(candidate.place_id, (None, 0.0))[1]:
            out[candidate.place_id] = (candidate, round(similarity, 3))
    return sorted(out.values(), key=lambda cs: (-cs[1], -cs[0].population, cs[0].place_id))
