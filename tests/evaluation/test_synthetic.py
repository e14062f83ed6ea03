"""Scoring extraction against gold: the pure scorer (no Django; the command is tested in
tests/commands/test_extract_eval.py)."""

import datetime as dt

import pytest

from incidents.evaluation.synthetic import (
    GoldError,
    GoldReport,
    distance_km,
    extraction_score,
    gold_reports_load,
    seed_score,
)
from incidents.extraction.pipeline import ExtractedIncident

MOSUL = (36.335, 43.11889)
TAL_AFAR = (36.37913, 42.44806)
TEXT = (
    "An air strike hit an ISIS hideout 10 km south of Mosul on Monday, killing three militants.\n\n"
    "Gunmen kidnapped a farmer in Tal Afar on Sunday, a police source said.\n\n"
    "In 2017, Iraq declared victory over ISIS."
)


def _gold(sentence, sub_type, point, *, fatalities, day, relative=None):
    return {
        "sentence_start": TEXT.index(sentence),
        "sub_event_type": sub_type,
        "fatalities": fatalities,
        "event_date": day,
        "time_precision": 1,
        "lat": point[0],
        "lon": point[1],
        "geo_precision": 2,
        "relative": relative,
        "actor1": "Military Forces of Iraq",
        "location_surface": "x",
    }


GOLD_INCIDENTS = [
    _gold(
        "An air strike",
        "Air/drone strike",
        MOSUL,
        fatalities=3,
        day="2021-05-17",
        relative={"type": "direction", "anchor": "Mosul", "direction": "S", "distance_km": 10},
    ),
    _gold("Gunmen kidnapped", "Abduction/forced disappearance", TAL_AFAR, fatalities=0, day="2021-05-16"),
]
NOT_INCIDENTS = ["In 2017, Iraq declared victory over ISIS."]


def _predicted(sentence, sub_type, point, *, fatalities=None, day=dt.date(2021, 5, 17)):
    start = TEXT.index(sentence)
    return ExtractedIncident(
        start,
        start + len(sentence),
        sentence,
        "x",
        sub_type,
        day,
        1,
        "",
        "",
        fatalities,
        None,
        "",
        point[0] if point else None,
        point[1] if point else None,
        2,
        0.9,
    )


def _score(predicted):
    report = GoldReport("r1", TEXT, dt.date(2021, 5, 18), GOLD_INCIDENTS, NOT_INCIDENTS)
    return extraction_score(reports=[report], analyse=lambda text, published: predicted)


# --- the pure scorer ---------------------------------------------------------------------


def test_distance_km_matches_a_known_distance():
    assert distance_km(*MOSUL, *TAL_AFAR) == pytest.approx(60.2, abs=0.5)


def test_a_relative_location_may_be_off_by_its_stated_distance():
    twelve_km_south = (MOSUL[0] - 12 / 111.2, MOSUL[1])
    twenty_km_south = (MOSUL[0] - 20 / 111.2, MOSUL[1])
    near = _score([_predicted("An air strike hit", "Air/drone strike", twelve_km_south)])
    far = _score([_predicted("An air strike hit", "Air/drone strike", twenty_km_south)])
    assert near.outcomes[0].found and not far.outcomes[0].found
    assert far.outcomes[0].typed and not far.outcomes[0].located


def test_scores_type_place_toll_date_unmatched_and_not_incidents():
    score = _score(
        [
            _predicted("An air strike hit", "Air/drone strike", MOSUL, fatalities=3),
            _predicted("Gunmen kidnapped", "Attack", TAL_AFAR, fatalities=0),  # wrong sub-type
            _predicted("In 2017, Iraq", "Air/drone strike", MOSUL),  # background
        ]
    )
    strike, kidnap = score.outcomes
    assert strike.found and strike.fatalities_right and strike.date_right
    assert kidnap.matched and not kidnap.typed and kidnap.located
    assert kidnap.fatalities_right and not kidnap.date_right  # predicted the 17th, gold the 16th
    assert score.share("found") == 0.5 and score.share("fatalities_right") == 1.0
    assert score.unmatched_share == pytest.approx(1 / 3)
    assert score.not_incidents_extracted == [("r1", NOT_INCIDENTS[0])]


def test_unknown_tolls_and_missing_incidents():
    gold = [dict(GOLD_INCIDENTS[0], fatalities="unknown")]
    report = GoldReport("r1", TEXT, dt.date(2021, 5, 18), gold, [])
    score = extraction_score(
        reports=[report], analyse=lambda *_: [_predicted("An air strike hit", "Air/drone strike", None)]
    )
    assert score.outcomes[0].fatalities_right and not score.outcomes[0].located
    empty = extraction_score(reports=[report], analyse=lambda *_: [])
    assert empty.share("matched") == 0 and empty.unmatched_share == 0


def test_one_prediction_matches_one_gold_incident_only():
    score = _score(
        [
            _predicted("An air strike hit", "Air/drone strike", MOSUL, fatalities=3),
            _predicted("An air strike hit", "Air/drone strike", MOSUL, fatalities=3),
        ]
    )
    assert score.share("matched") == 0.5 and len(score.unmatched) == 1


def test_seed_score_pairs_by_type_then_distance():
    gold = [
        {
            "event_type": "x",
            "sub_event_type": "Air/drone strike",
            "lat": MOSUL[0],
            "lon": MOSUL[1],
            "geo_precision": 2,
        },
        {"event_type": "x", "sub_event_type": "Other", "lat": None, "lon": None, "geo_precision": 3},
    ]
    border = _predicted("Gunmen kidnapped", "Other", None)
    border.location_name = "Iraqi-Syrian border"
    far = _predicted("An air strike hit", "Air/drone strike", TAL_AFAR)
    near = _predicted("An air strike hit", "Air/drone strike", MOSUL)
    result = seed_score(gold=gold, predicted=[far, border, near])
    assert [o.predicted for o in result.outcomes] == [near, border]
    assert all(o.typed and o.located for o in result.outcomes) and result.extra == [far]
    assert result.as_dict()["geo_precision_right"] == 1


def test_gold_file_errors_name_the_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "x", "incidents": []}\n\n{"text": "y"}\n', encoding="utf-8")
    with pytest.raises(GoldError, match="line 3"):
        gold_reports_load(path)
    path.write_text('{"text": "x", "incidents": [{"sub_event_type": "Attack"}]}\n')
    with pytest.raises(GoldError, match="sentence_start"):
        gold_reports_load(path)


def test_proximity_pairs_each_gold_and_prediction_once_within_25_km():
    from incidents.evaluation.synthetic import _pairs_within
    from incidents.extraction.pipeline import ExtractedIncident

    def predicted(lat, lon):
        return ExtractedIncident(0, 1, "", "Battles", "Armed clash", None, 1, "", "", None, None, "",
                                 lat, lon, 1, 0.5)

    golds = [{"lat": 36.0, "lon": 43.0}, {"lat": 36.5, "lon": 43.0}, {"lat": None, "lon": None}]
    # two predictions near the first gold, one 100 km away: one pair only
    assert _pairs_within(golds, [predicted(36.01, 43.0), predicted(36.02, 43.0), predicted(37.4, 43.0)],
                         25.0) == 1
    assert _pairs_within(golds, [predicted(36.01, 43.0), predicted(36.49, 43.0)], 25.0) == 2
