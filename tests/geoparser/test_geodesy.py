"""The one great-circle distance (gazetteer/geoparser/geodesy.py); pure, no Django."""

import pytest

from gazetteer.geoparser.geodesy import EARTH_RADIUS_KM, haversine_km, trig, trig_distance_km
from gazetteer.geoparser.resolve.scoring import distance_km
from gazetteer.geoparser.types import Candidate

MOSUL = (36.335, 43.11889)
TAL_AFAR = (36.37913, 42.44806)


def test_a_known_distance():
    assert haversine_km(*MOSUL, *TAL_AFAR) == pytest.approx(60.2, abs=0.5)
    assert haversine_km(*MOSUL, *MOSUL) == 0.0


def test_the_precomputed_form_and_the_resolver_give_the_same_number():
    direct = haversine_km(*MOSUL, *TAL_AFAR)
    assert trig_distance_km(trig(*MOSUL), trig(*TAL_AFAR)) == direct
    a = Candidate(1, "Mosul", *MOSUL, "P", "PPLA", "IQ")
    b = Candidate(2, "Tal Afar", *TAL_AFAR, "P", "PPL", "IQ")
    assert distance_km(a, b) == direct


def test_the_radius_scales_the_distance():
    km = haversine_km(*MOSUL, *TAL_AFAR, radius_km=2 * EARTH_RADIUS_KM)
    assert km == pytest.approx(2 * haversine_km(*MOSUL, *TAL_AFAR))
