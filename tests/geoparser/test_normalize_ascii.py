"""The ASCII fast paths of script_of and the diacritics strip give what the general code gives."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gazetteer.geoparser import normalize


def script_reference(name: str) -> str:
    """script_of as it was before its ASCII fast path (majority of letters)."""
    arabic = latin = 0
    for ch in name:
        if normalize._is_arabic(ch):
            arabic += 1
        elif normalize._is_latin(ch):
            latin += 1
    return "arab" if arabic > latin else "latn" if latin else "other"


def strip_reference(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_names_take_the_fast_path_to_the_same_answer(name):
    assert normalize.script_of(name) == script_reference(name)
    assert normalize._strip_latin_diacritics(name) == strip_reference(name)


@given(st.text())
def test_any_name_gets_the_same_answer(name):
    assert normalize.script_of(name) == script_reference(name)
    assert normalize._strip_latin_diacritics(name) == strip_reference(name)


def test_the_cases_that_matter():
    for name, script in (("Mosul", "latn"), ("123", "other"), ("", "other"), ("الموصل", "arab"),
                         ("Tall ‘Afar", "latn"), ("-- ?", "other"), ("Qa'im 2", "latn")):
        assert normalize.script_of(name) == script == script_reference(name)
