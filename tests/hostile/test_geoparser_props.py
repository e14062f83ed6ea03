"""Hostile text through the pure geoparser: normaliser, recogniser, resolver, geoparse.

Random Unicode, mixed scripts, combining marks, bidi controls, huge tokens and lone
surrogates never crash a stage; every toponym's offsets lie inside the text and
``text[start:end]`` is its surface; name keys are whitespace-free, the same for
canonically equivalent spellings (NFC/NFD) and for a name wrapped in bidi/zero-width
marks; the generic-word drop is idempotent. Runs without Django (``-p no:django``).
"""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer.geoparser import Document, geoparse, name_key, recognize, resolve, token_key
from gazetteer.geoparser.normalize import arabic_without_generic, first_word_key, script_of, word_count
from tests.geoparser.test_recognize import DECOYS, HAMMAM, HIT, MOSUL, NINAWA, TAL_AFAR, build_index
from tests.hostile.strategies import (
    BIDI,
    BOUNDED,
    HOSTILE_NAME,
    HOSTILE_TEXT,
    HOSTILE_TEXT_EXTREME,
    ZERO_WIDTH,
)

INDEX = build_index(with_hammam=True)
INDEX_ENTRIES = [("Mosul", MOSUL), ("Tal Afar", TAL_AFAR), ("Ninawa", NINAWA), ("Hit", HIT),
                 ("Hammam", HAMMAM), *[(c.name, c) for c in DECOYS]]


def assert_offsets(text, toponyms):
    for t in toponyms:
        assert 0 <= t.start < t.end <= len(text), (t.start, t.end, len(text))
        assert text[t.start:t.end] == t.text
    assert [t.start for t in toponyms] == sorted(t.start for t in toponyms)


@BOUNDED
@given(HOSTILE_TEXT_EXTREME)
def test_name_key_never_crashes_and_has_no_whitespace(name):
    key = name_key(name)
    assert isinstance(key, str)
    assert key == "".join(key.split())
    assert script_of(name) in {"latn", "arab", "other"}
    first_word_key(name)
    assert word_count(name) >= 0


@BOUNDED
@given(HOSTILE_NAME)
def test_name_key_is_the_same_for_canonically_equivalent_spellings(name):
    assert name_key(unicodedata.normalize("NFC", name)) == name_key(unicodedata.normalize("NFD", name))


@BOUNDED
@given(HOSTILE_NAME, st.sampled_from(BIDI + ZERO_WIDTH), st.sampled_from(BIDI + ZERO_WIDTH))
def test_bidi_and_zero_width_marks_around_a_name_leave_its_key(name, before, after):
    assert name_key(before + name + after) == name_key(name)


@BOUNDED
@given(st.text(alphabet=st.characters(min_codepoint=0x61, max_codepoint=0x7A), max_size=30))
def test_token_key_is_lower_ascii(word):
    key = token_key(word)
    assert key.isascii() and key == key.lower()


@BOUNDED
@given(HOSTILE_NAME)
def test_generic_word_drop_is_idempotent(name):
    once = arabic_without_generic(name)
    assert arabic_without_generic(once) == once


@BOUNDED
@given(HOSTILE_TEXT_EXTREME)
def test_recognize_offsets_stay_inside_the_text(text):
    assert_offsets(text, recognize(text, INDEX))


@BOUNDED
@given(HOSTILE_TEXT_EXTREME)
def test_resolve_keeps_offsets_and_picks_only_offered_candidates(text):
    doc = Document(text)
    found = recognize(doc, INDEX)
    resolved = resolve(doc, found, INDEX)
    assert_offsets(text, resolved)
    known = {c for _, c in INDEX_ENTRIES}
    for t in resolved:
        assert t.place is None or t.place in known
        assert 0.0 <= t.confidence <= 1.0


@BOUNDED
@given(HOSTILE_TEXT_EXTREME)
def test_geoparse_offsets_stay_inside_the_text(text):
    toponyms = geoparse(text, INDEX)
    assert_offsets(text, toponyms)
    for t in toponyms:
        for value in (t.lat, t.lon, t.event_lat, t.event_lon):
            assert value is None or -180 <= value <= 180


@BOUNDED
@given(HOSTILE_TEXT)
def test_a_name_in_hostile_context_is_still_found_at_its_offsets(noise):
    text = f"{noise} Clashes in Mosul. {noise}"
    toponyms = geoparse(text, INDEX)
    assert_offsets(text, toponyms)
    at = len(noise) + len(" Clashes in ")
    assert any(t.start == at and t.text == "Mosul" for t in toponyms) or "Mosul" in noise


@pytest.mark.parametrize(("marked", "plain"), [
    ("\u200fالموصل", "الموصل"),  # RLM before the article hid it (key "الموصل", not "موصل")
    ("\u200eمحافظة نينوى\u200e", "محافظة نينوى"),  # LRM glued to a generic word kept it
    ("\u202bTal Afar\u202c", "Tal Afar"),
    ("Mo\u00adsul", "Mosul"),
    ("\ufeffHit", "Hit"),
])
def test_invisible_marks_change_no_key(marked, plain):
    assert name_key(marked) == name_key(plain)
