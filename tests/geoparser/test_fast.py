"""The recogniser's speed paths give what the general rules give (recognize/fast.py).

- run_matches (one-word runs, single-spaced runs, a possessive's "s" dropped, then the
  general path with accepted_ends) equals runs.general_matches with accept's definition
  (accept.accepted_ends_slow) on every run of every dev text, and on generated runs;
- accepted_ends equals accepted_ends_slow on the words of every such run.
"""

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gazetteer.geoparser import GazetteerIndex, geoparse
from gazetteer.geoparser.recognize import fast, runs
from gazetteer.geoparser.recognize.accept import accepted_ends_slow
from gazetteer.geoparser.text import TOKEN, Document
from tests.geoparser.shared_dev import dev_texts, shared_index
from tests.geoparser.test_recognize import build_index


def slow_matches(run: str, index: GazetteerIndex) -> tuple:
    """What run_matches must give: the general path, accept applied span by span."""
    return runs.general_matches(run, index, accepted_ends_slow)


def dev_runs() -> list[str]:
    seen: dict[str, None] = {}
    for text in dev_texts():
        for m in Document(text).runs:
            seen.setdefault(m[0])
    return list(seen)


@pytest.mark.shared_data
def test_run_matches_equal_the_general_path_on_every_run_of_the_dev_texts():
    index, all_runs = shared_index(), dev_runs()
    differ = [run for run in all_runs if fast.run_matches(run, index) != slow_matches(run, index)]
    assert not differ, differ[:20]
    assert sum(1 for run in all_runs if index.run_cache.get(run) or fast.run_matches(run, index)) > 1000


@pytest.mark.shared_data
def test_accepted_ends_equal_accept_on_the_words_of_every_dev_run():
    for run in dev_runs():
        words = [run[s:e] for s, e in (m.span() for m in TOKEN.finditer(run))]
        for i in range(len(words)):
            last = min(len(words) - 1, i + runs.MAX_TOKENS)
            assert fast.accepted_ends(words, i, last) == accepted_ends_slow(words, i, last), (run, i)


# Words a run is made of: names the test index knows, capitalised and upper-case words,
# articles and particles, stop words, Arabic words (with a one-letter prefix).
WORDS = st.sampled_from([
    "Mosul", "Tal", "Afar", "Tall", "Hit", "Ninawa", "Al", "al", "el", "ash", "Abu", "bin", "Umm",
    "The", "Western", "Nineveh", "Operations", "Iraq", "Syria", "Kurdistan", "Region", "ISIS",
    "Qa", "im", "Samarr", "a", "s", "Reply", "District", "Hamaam", "Alalil", "Centre", "Old",
    "الموصل", "والموصل", "بغداد", "Ab", "X", "Sheikh", "Maqsoud",
])
GAPS = st.sampled_from([" ", " ", " ", "  ", "-", "'", "’", "ʿ", " '", "-’", "\u00a0", "–"])


@st.composite
def name_runs(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=7))
    gaps = draw(st.lists(GAPS, min_size=len(words) - 1, max_size=len(words) - 1))
    run = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    if draw(st.booleans()):
        run += draw(st.sampled_from(["'s", "’s", "'S"]))  # a possessive
    return run


# "ʿ" and "ʾ" are letters (Lm) to str and re: "Mosulʿs" is one word, yet the possessive
# shortcut drops its "ʿs" when the run has more than one word and is not single-spaced
# (see test_a_letter_mark_before_s_is_no_possessive_to_the_general_path).
# (a possessive after it too: "Mosulʿs's").
LETTER_MARK_S = re.compile(r"[ʿʾ][sS](?:['’][sS])?$")


@settings(max_examples=400, deadline=None)
@given(name_runs())
def test_run_matches_equal_the_general_path_on_generated_runs(run):
    assume(not LETTER_MARK_S.search(run))
    index = build_index(with_hammam=True)
    assert fast.run_matches(run, index) == slow_matches(run, index)


@pytest.mark.xfail(strict=True, reason="a known divergence of the possessive shortcut, kept by "
                   "issue 12 (behaviour-preserving): 'ʿ' is a letter, not a possessive mark")
def test_a_letter_mark_before_s_is_no_possessive_to_the_general_path():
    index = build_index()
    run = "Mosul  Mosulʿs"
    assert fast.run_matches(run, index) == slow_matches(run, index)


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=8), st.integers(0, 7))
def test_accepted_ends_equal_accept(words, i):
    i = min(i, len(words) - 1)
    last = min(len(words) - 1, i + runs.MAX_TOKENS)
    assert fast.accepted_ends(words, i, last) == accepted_ends_slow(words, i, last)


def test_a_possessive_run_matches_as_the_run_without_it():
    index = build_index()
    assert fast.run_matches("Tal Afar's", index) == fast.run_matches("Tal Afar", index)
    assert [t.text for t in geoparse("Clashes in Tal Afar's centre.", index)] == ["Tal Afar"]
