"""The evaluation harness: gold readers, scores, the baseline, and the command's exits."""

import json
import math

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse
from gazetteer.geoparser import eval as ev
from tests.geoparser.test_recognize import MOSUL

BOX = lambda lat, lon: 29 <= lat <= 38 and 35 <= lon <= 49  # noqa: E731

# A village name shared by Iraq and Syria (invented points).
RABIA_IQ = Candidate(11, "Rabia", 36.80, 42.10, "P", "PPL", "IQ", 20000, "Ninawa")
RABIA_SY = Candidate(12, "Rabia", 35.65, 36.01, "P", "PPL", "SY", 20000, "Latakia")


def index():
    return GazetteerIndex([("Mosul", MOSUL), ("Rabia", RABIA_IQ), ("Rabia", RABIA_SY)])


def write_corpus(tmp_path, text, toponyms):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"corpus": "T", "id": "1", "text": text, "toponyms": toponyms}) + "\n")
    return path


def test_offsets_that_do_not_match_are_moved_to_the_phrase(tmp_path):
    text = "Iraqi troops near Mosul. Later in Mosul, calm."
    gold = [{"start": 3, "end": 8, "phrase": "Mosul", "lat": 36.335, "lon": 43.11889},
            {"start": 0, "end": 5, "phrase": "Iraqi", "lat": 33.0, "lon": 44.0}]
    (doc,) = ev.corpora_load(write_corpus(tmp_path, text, gold), in_scope=BOX)
    cats = {(g.phrase, g.category, text[g.start:g.end]) for g in doc.toponyms}
    assert cats == {("Mosul", "location", "Mosul"), ("Iraqi", "demonym", "Iraqi")}
    assert doc.toponyms[1].start == text.index("Mosul")


def test_scores_and_population_baseline(tmp_path):
    # Rabia near Mosul is the Iraqi one (smaller than nothing: both 20000 -> the baseline
    # takes the lower id, the Iraqi one, so give the Syrian one more people).
    text = "Gunmen attacked Rabia, west of Mosul. Nobody was hurt in Lebanon."
    gold = [{"start": 16, "end": 21, "phrase": "Rabia", "lat": RABIA_IQ.lat, "lon": RABIA_IQ.lon},
            {"start": 31, "end": 36, "phrase": "Mosul", "lat": 36.335, "lon": 43.11889}]
    docs = ev.corpora_load(write_corpus(tmp_path, text, gold), in_scope=BOX)
    big_sy = RABIA_SY.__class__(**{**{f: getattr(RABIA_SY, f) for f in RABIA_SY.__slots__},
                                   "population": 90000})
    idx = GazetteerIndex([("Mosul", MOSUL), ("Rabia", RABIA_IQ), ("Rabia", big_sy)])
    out = ev.evaluate(docs, idx, in_scope=BOX, geoparse=geoparse)
    ours, base = out["ours"], out["population"]
    assert (ours.tp, ours.fn) == (2, 0)
    assert ours.accuracy(5) == 1.0 and ours.median_km == 0.0
    assert base.accuracy(161) == 0.5  # the baseline took the bigger Syrian Rabia
    assert ours.as_dict()["acc@25km"] == 1.0


def test_false_positive_and_missed_toponym(tmp_path):
    text = "Clashes in Mosul and in Rabia."
    gold = [{"start": 23, "end": 28, "phrase": "Rabia", "lat": RABIA_IQ.lat, "lon": RABIA_IQ.lon}]
    docs = ev.corpora_load(write_corpus(tmp_path, text, gold), in_scope=BOX)
    ours = ev.evaluate(docs, GazetteerIndex([("Mosul", MOSUL)]), in_scope=BOX,
                       geoparse=geoparse)["ours"]
    assert (ours.tp, ours.fp, ours.fn) == (0, 1, 1)
    assert ours.f1 == 0.0 and math.isinf(ours.median_km)


def test_ucdp_reader_skips_hxl_row_and_absent_names(tmp_path):
    path = tmp_path / "ucdp.csv"
    path.write_text(
        "id,year,source_headline,where_coordinates,where_prec,latitude,longitude\n"
        ",#date+year,#description,#loc+name,,#geo+lat,#geo+lon\n"
        "1,2016,Blast kills 5 in Mosul market,Mosul town,1,36.335,43.11889\n"
        "2,2016,Iraq violence kills 14,Al Fallūjah town,1,33.35,43.78\n"
        "3,2016,Clashes in Anbar,Anbar province,4,33.0,41.75\n", encoding="utf-8")
    docs = ev.ucdp_load(path)
    assert [(d.doc_id, d.toponyms[0].phrase) for d in docs] == [("ucdp/1", "Mosul"), ("ucdp/3", "Anbar")]
    assert [d.doc_id for d in ev.ucdp_load(path, max_prec=3)] == ["ucdp/1"]


def test_bad_gold_line_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n")
    with pytest.raises(ev.GoldError, match="bad.jsonl:1"):
        ev.corpora_load(path, in_scope=BOX)


def test_a_gold_span_with_compass_words_is_scored_on_the_part(tmp_path):
    text = "Jets struck in northern Iraq. Later, Iraq said nothing."
    north = (36.2, 43.0, 200.0)
    gold = [{"start": 14, "end": 27, "phrase": "northern Iraq", "lat": 36.2, "lon": 43.1},
            {"start": 37, "end": 41, "phrase": "Iraq", "lat": 33.0, "lon": 44.0}]
    docs = ev.corpora_load(write_corpus(tmp_path, text, gold), in_scope=BOX)
    idx = GazetteerIndex([("Mosul", MOSUL)], parts={"IQ": {"N": north}})
    out = ev.evaluate(docs, idx, in_scope=BOX, geoparse=geoparse)
    assert out["ours"].accuracy(25) == 1.0  # the part's point for "northern Iraq"
    assert out["population"].accuracy(25) == 0.5  # the country point, 370 km off
