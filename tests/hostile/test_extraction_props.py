"""Hostile text through the pure extractor (incidents/extraction/pipeline.py).

Whatever the text (mixed scripts, bidi controls, huge tokens, surrogates), extraction
returns incidents whose spans lie inside the text, in text order, with ACLED codes from
the taxonomy, sane numbers and locations that are the geoparser's own. Runs without
Django (``-p no:django``).
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer.geoparser import geoparse
from incidents.extraction.pipeline import extract_incidents
from incidents.extraction.taxonomy import EVENT_TYPES
from tests.geoparser.test_recognize import build_index
from tests.hostile.strategies import BOUNDED, HOSTILE_TEXT, HOSTILE_TEXT_EXTREME

INDEX = build_index(with_hammam=True)
PUBLISHED = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


def check(text, published):
    toponyms = geoparse(text, INDEX)
    incidents = extract_incidents(text, published=published, toponyms=toponyms)
    for inc in incidents:
        assert 0 <= inc.start <= inc.end <= len(text)
        assert inc.event_type in EVENT_TYPES
        assert inc.sub_event_type in EVENT_TYPES[inc.event_type]
        assert inc.fatalities is None or 0 <= inc.fatalities < 10**7
        assert inc.geo_precision in {1, 2, 3}
        assert inc.time_precision in {1, 2, 3}
        assert 0.0 <= inc.confidence <= 1.0
        assert (inc.lat is None) == (inc.lon is None)
        if inc.lat is not None:
            assert -90 <= inc.lat <= 90 and -180 <= inc.lon <= 180
        if inc.toponym is not None:
            assert text[inc.toponym.start:inc.toponym.end] == inc.toponym.text
    assert [i.start for i in incidents] == sorted(i.start for i in incidents)
    return incidents


@BOUNDED
@given(HOSTILE_TEXT_EXTREME, PUBLISHED)
def test_extraction_never_crashes_and_keeps_spans_inside(text, published):
    check(text, published)


@BOUNDED
@given(HOSTILE_TEXT, st.sampled_from(["killed 999999999999999999999 people", "killed -5", "killed 1e309",
                                      "on 31/02/2021", "on 0000-00-00", "on 9999-99-99", "٣٠٠٠ قتيل"]))
def test_an_event_sentence_in_hostile_context(noise, tail):
    check(f"{noise}\nAn IED attack in Mosul {tail}. {noise}", dt.date(2021, 5, 18))


@pytest.mark.parametrize(("text", "published"), [
    # A count too big for one event (or for int()) is no toll, not an overflow in the database.
    ("An IED attack in Mosul killed 999999999999999999999 people.", dt.date(2021, 5, 18)),
    ("An IED attack in Mosul killed " + "9" * 5000 + " people.", dt.date(2021, 5, 18)),
    ("Bodies of 9999999999999 people were found in Mosul.", dt.date(2021, 5, 18)),
    # Dates outside the calendar: a huge relative offset, a report dated at its edges.
    ("Clashes in Mosul on Monday. An IED attack in Mosul came 99999999 days later.", dt.date(2021, 5, 18)),
    ("Clashes in Mosul on Monday. An IED attack in Mosul came 3 days later.", dt.date(1, 1, 2)),
    ("Clashes in Mosul yesterday. An IED attack in Mosul last week.", dt.date(1, 1, 1)),
    ("An IED attack in Mosul on 31 December.", dt.date(9999, 12, 31)),
])
def test_numbers_and_dates_out_of_range_give_no_value_not_a_crash(text, published):
    incidents = check(text, published)
    assert incidents
    assert all(i.fatalities is None or i.fatalities < 10**5 for i in incidents)
