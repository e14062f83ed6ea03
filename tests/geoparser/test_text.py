"""The Document: one tokenisation every stage reads (gazetteer/geoparser/text.py).

The lookups the stages make around a name (prev_tokens, next_tokens, tokens_in) give the
token array's tokens in that window, cut at its ends; so do the regular expressions the
stages used before the Document (kept here as the reference); the keyword hits are the
vocabulary's words at word starts. On every dev text and on generated ones.
"""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.geoparser.text import (
    KEYWORD_KINDS,
    TOKEN,
    Document,
    has_arabic,
    is_arabic,
    script_of_char,
)
from tests.geoparser.shared_dev import dev_texts

_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0640"
# The recogniser's token, as written before the Document, and read backwards.
OLD_TOKEN = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")
OLD_REVERSED = re.compile(rf"(?:[^\W_]|[{_MARKS}])*[^\W_]")


def old_prev_tokens(text, pos, n=2):
    back = text[max(0, pos - 48):pos][::-1]
    spans, at = [], 0
    for _ in range(n):
        m = OLD_REVERSED.search(back, at)
        if m is None:
            break
        at = m.end()
        spans.append((pos - at, pos - m.start()))
    spans.reverse()
    return spans


def old_next_tokens(text, pos, n=2):
    return [m.span() for m in OLD_TOKEN.finditer(text, pos, pos + 64)][:n]


def array_window(doc, a, b):
    """The token array's tokens that overlap text[a:b], cut to it (from a letter on)."""
    out = []
    for s, e in doc.tokens:
        if e <= a or s >= b:
            continue
        s, e = max(s, a), min(e, b)
        while s < e and not doc.text[s].isalnum():
            s += 1  # a token starts at a letter or digit
        if s < e:
            out.append((s, e))
    return out


def check_lookups(text, positions):
    doc = Document(text)
    assert doc.tokens == [m.span() for m in OLD_TOKEN.finditer(text)]
    for pos in positions:
        for n in (1, 2, 3):
            prev = doc.prev_tokens(pos, n)
            assert prev == old_prev_tokens(text, pos, n) == array_window(doc, max(0, pos - 48), pos)[-n:]
            nxt = doc.next_tokens(pos, n)
            assert nxt == old_next_tokens(text, pos, n) == array_window(doc, pos, pos + 64)[:n]
        end = min(len(text), pos + 30)
        assert doc.tokens_in(pos, end) == [m.span() for m in OLD_TOKEN.finditer(text, pos, end)]


@pytest.mark.shared_data
def test_token_lookups_are_the_arrays_on_the_dev_texts():
    for k, text in enumerate(dev_texts()[::25]):
        step = max(1, len(text) // 40)
        check_lookups(text, range(k % step, len(text) + 1, step))


TEXTS = st.text(alphabet=st.sampled_from(list("ab Z_-.’'\t\n5") + ["\u0301", "\u064b", "\u0640", "ش", "م",
                                                                     "İ", "ſ", "é"]), max_size=80)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_token_lookups_are_the_arrays_on_generated_texts(text):
    check_lookups(text, range(len(text) + 1))


def keyword_definition(text):
    """Each vocabulary keyword where a word starts (after no letter or digit) in the
    lower-cased text, by kind."""
    low = text.lower()
    out = {kind: [] for kind in KEYWORD_KINDS}
    for kind, words in KEYWORD_KINDS.items():
        for word in words:
            for m in re.finditer(re.escape(word), low):
                if m.start() == 0 or not low[m.start() - 1].isalnum():
                    out[kind].append(m.span())
    return {kind: sorted(spans) for kind, spans in out.items()}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["near ", "Near", "south-west of ", "district", "sub-district", " area",
                                 "x", "the ", "camp", "Camp ", "border", "borders", "é", "\n", "_", "1",
                                 "villages of ", "mountains"]), max_size=12).map("".join))
def test_keyword_hits_are_the_vocabulary_words_at_word_starts(text):
    hits = {kind: sorted(spans) for kind, spans in Document(text).keywords.items()}
    assert hits == keyword_definition(text)


def test_runs_scripts_and_sentences():
    doc = Document("Clashes hit Tal Afar and الموصل. Then Mosul's west! Calm?")
    assert [m[0] for m in doc.runs] == ["Clashes", "Tal Afar", "Then Mosul's", "Calm", "الموصل"]
    assert [doc.sentence_id(p) for p in (0, 35, 52)] == [0, 1, 2]
    assert has_arabic(doc.text) and not has_arabic("Mosul")
    assert script_of_char("م") == "arab" and script_of_char("M") == "latn" and script_of_char("5") == ""
    # The name keys' wider notion of Arabic (presentation forms) against recognition's block.
    assert is_arabic("\ufeb3") and script_of_char("\ufeb3") == "latn"
    assert TOKEN.fullmatch("Qa\u0301im")
