"""Scoring on real coded events (incidents/evaluation/events.py), on invented documents."""

import datetime as dt
from types import SimpleNamespace

import pytest

from gazetteer.geoparser.normalize import name_key
from incidents.evaluation.events import AREA, POINT, ceiling_from, score_documents
from incidents.evaluation.gold import GoldDocument, GoldEvent
from incidents.extraction.pipeline import ExtractedIncident

# An invented governorate's centroid and a town 40 km from it, both named "Northa".
AREA_PLACE = SimpleNamespace(lat=36.0, lon=43.0, feature_class="A")
TOWN = SimpleNamespace(lat=36.36, lon=43.0, feature_class="P")
PLACES = {name_key("Northa"): [AREA_PLACE], name_key("Kafra"): [TOWN]}


def candidates(key):
    return PLACES.get(key, [])


@pytest.mark.parametrize(
    ("text", "lat", "lon", "reach"),
    [
        ("Clashes in Kafra.", 36.36, 43.0, POINT),  # the town itself
        ("Clashes in Zubara in Northa countryside.", 36.1, 43.0, AREA),  # only the centroid
        ("Clashes in Zubara.", 36.1, 43.0, 0),  # nothing named is near
        ("Clashes in Kafra, Northa.", 36.2, 43.0, POINT),  # the town, 18 km
    ],
)
def test_the_ceiling_tells_a_point_from_an_area_centroid(text, lat, lon, reach):
    assert ceiling_from(candidates)(text, lat, lon) == reach


def _incident(lat, lon, sub="Armed clash"):
    return ExtractedIncident(0, 10, "", "Battles", sub, dt.date(2021, 1, 1), 1, "", "", None, None,
                             "", lat, lon, 1, 1.0)


def test_scores_count_found_distance_both_ceilings_and_the_failure_class():
    day = dt.date(2021, 1, 1)
    documents = [
        GoldDocument("acled", "Clashes in Kafra.", day, [GoldEvent("a", day, 36.36, 43.0, "Battles",
                                                                   "Armed clash")]),
        GoldDocument("acled", "Clashes in Zubara in Northa countryside.", day,
                     [GoldEvent("b", day, 36.1, 43.0, "Battles", "Armed clash")]),
        GoldDocument("acled", "Nothing happened.", day, [GoldEvent("c", day, 36.1, 43.0)]),
    ]
    predicted = {"Clashes in Kafra.": [_incident(36.36, 43.0)],
                 "Clashes in Zubara in Northa countryside.": [_incident(35.0, 43.0)]}
    scores = score_documents(documents, analyse=lambda text, _published: predicted.get(text, []),
                             governorate=lambda lat, lon: "N" if lat > 35.5 else "S",
                             ceiling=ceiling_from(candidates))
    figures = scores[("acled", "new")].figures()
    assert figures["found"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["acc@25km"] == pytest.approx(1 / 3, abs=1e-4)
    assert figures["ceiling@25km"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["point ceiling@25km"] == pytest.approx(1 / 3, abs=1e-4)
    assert figures["acc@25km/point ceiling"] == 1.0
    assert figures["admin1"] == 0.5  # one located in the gold governorate, one not
    assert scores[("acled", "new")].failures() == {"no_incident": 1, "outside_container": 1}
