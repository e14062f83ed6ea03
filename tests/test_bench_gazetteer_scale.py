"""bench.gazetteer_scale at a small scale: its phases measure and its report states the targets."""

import pytest

from bench import gazetteer_scale
from bench.gazgen import gazetteer_generate, places
from gazetteer.index import gazetteer_index_reset
from gazetteer.models import Place, PlaceName

pytestmark = pytest.mark.django_db


def test_generated_gazetteer_is_seeded_and_sized():
    first, again = list(places(300, 1200)), list(places(300, 1200))
    assert first == again  # one seed, the same rows
    assert 1100 <= sum(len(p.names) for p in first) <= 1200
    assert all(len(set(p.names)) == len(p.names) for p in first)
    assert {p.country for p in first} >= {"IQ", "SY"}
    assert any(not n.isascii() for p in first for n in p.names)  # Arabic-script names too


def test_the_phases_measure_the_same_index_both_ways(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_scale, "ROUNDS", 1)
    gazetteer_generate(n_places=300, n_names=1200)
    gazetteer_index_reset()
    assert Place.objects.count() == 300 and PlaceName.objects.count() > 1100
    build = gazetteer_scale.phase_build(tmp_path / "idx")
    load = gazetteer_scale.phase_load(tmp_path / "idx")
    assert build["keys"] > 500 and build["file_mb"] > 0 and build["rate"] > 0
    assert load["rss_mb"] >= load["private_mb"] > 0 and load["rate"] > 0 and load["automaton_rate"] > 0
    text = gazetteer_scale.report({"places": 300, "names": 1200, "build": build, "loads": [load, load]},
                                  "SpatiaLite")
    assert "< 60 s" in text and "< 1.5 GB" in text and ">= 1,000" in text
    assert "| geoparse reports/s |" in text
