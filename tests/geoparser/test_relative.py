"""Relative and vague locations: displaced points, uncertainty, geo_precision, fallbacks."""

from geopy.distance import geodesic

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse
from gazetteer.geoparser.vocab import COUNTRY_POINTS
from tests.geoparser.test_recognize import MOSUL, TAL_AFAR, build_index

HIT = Candidate(8, "Hit", 33.64162, 42.82509, "P", "PPLA2", "IQ", 100000, "Anbar")
HADITHA = Candidate(31, "Haditha", 34.13661, 42.37727, "P", "PPLA2", "IQ", 60000, "Anbar")
IDLIB = Candidate(32, "Idlib", 35.93062, 36.63393, "P", "PPLA", "SY", 128840, "Idlib")


def index():
    return build_index(extra=[("Hit", HIT), ("Haditha", HADITHA), ("Idlib", IDLIB)])


def first(text, surface):
    return next(t for t in geoparse(text, index()) if t.text == surface)


def test_distance_and_direction_displace_the_point():
    t = first("A bomb went off 60 km south of Mosul on Monday.", "Mosul")
    assert (t.relation, t.direction, t.distance_km, t.geo_precision) == ("distance", "S", 60.0, 2)
    moved = geodesic((MOSUL.lat, MOSUL.lon), (t.event_lat, t.event_lon)).kilometers
    assert abs(moved - 60) < 0.5 and t.event_lat < MOSUL.lat
    assert t.place.place_id == MOSUL.place_id  # the named place itself stays resolved


def test_miles_and_compound_direction():
    t = first("Clashes 10 miles northwest of Tal Afar.", "Tal Afar")
    assert t.direction == "NW" and t.distance_km == 16.1
    assert t.event_lat > TAL_AFAR.lat and t.event_lon < TAL_AFAR.lon


def test_direction_without_distance_is_near_with_a_radius():
    t = first("Jets struck hideouts southwest of Mosul.", "Mosul")
    assert (t.relation, t.direction, t.geo_precision) == ("direction", "SW", 2)
    assert t.uncertainty_km >= 5


def test_outskirts_near_and_plain():
    assert first("Fighting on the outskirts of Mosul.", "Mosul").relation == "outskirts"
    assert first("An IED near Tal Afar.", "Tal Afar").relation == "near"
    plain = first("An IED in Tal Afar.", "Tal Afar")
    assert (plain.relation, plain.geo_precision) == ("", 1)
    assert (plain.event_lat, plain.event_lon) == (TAL_AFAR.lat, TAL_AFAR.lon)


def test_between_and_road_take_the_midpoint():
    t = first("Clashes between Hit and Haditha.", "Hit")
    assert t.relation == "between"
    assert abs(t.event_lat - (HIT.lat + HADITHA.lat) / 2) < 1e-6
    assert t.uncertainty_km > geodesic((HIT.lat, HIT.lon), (HADITHA.lat, HADITHA.lon)).km / 2
    road = first("An ambush on the Mosul-Tal Afar road.", "Mosul")
    assert road.relation == "road"
    assert abs(road.event_lon - (MOSUL.lon + TAL_AFAR.lon) / 2) < 1e-6


def test_region_words_make_precision_three():
    t = first("Operations in the western Mosul desert continued.", "Mosul")
    assert (t.relation, t.direction, t.geo_precision) == ("region", "W", 3)
    assert t.event_lon < MOSUL.lon


def test_unknown_name_inside_a_known_one_falls_back_unresolved():
    t = first("A raid on the Ain Al-Jahsh area in Mosul.", "Ain Al-Jahsh")
    assert t.place is None and t.candidates == ()
    assert (t.relation, t.anchor, t.geo_precision) == ("within", "Mosul", 2)
    assert (t.lat, t.lon) == (MOSUL.lat, MOSUL.lon)


def test_a_wider_container_gives_a_wider_fallback():
    anbar = Candidate(33, "Al Anbar", 33.0, 42.0, "A", "ADM1", "IQ", 0, "Anbar")
    iraq = Candidate(34, "Iraq", 33.0, 44.0, "A", "PCLI", "IQ", 40000000)
    idx = build_index(extra=[("Anbar", anbar), ("Iraq", iraq)])
    town = next(t for t in geoparse("A raid on the Ain Al-Jahsh area in Mosul.", idx)
                if t.text == "Ain Al-Jahsh")
    governorate = next(t for t in geoparse("Troops cleared the Wadi Rummana area in Anbar.", idx)
                       if t.text == "Wadi Rummana")
    country = next(t for t in geoparse("Troops cleared the Wadi Rummana area in Iraq.", idx)
                   if t.text == "Wadi Rummana")
    assert (town.uncertainty_km, town.geo_precision) == (10.0, 2)
    assert (governorate.anchor, governorate.uncertainty_km, governorate.geo_precision) == (
        "Anbar", 80.0, 3)
    assert (country.relation, country.point) == ("", None)  # too wide: left for an analyst


def test_unknown_names_of_a_list_share_the_container():
    found = {t.text: t for t in geoparse("Rebels shelled the villages of Foua and Kfraya, in Idlib.",
                                         index())}
    assert found["Foua"].relation == "within" and found["Foua"].anchor == "Idlib"
    assert found["Foua"].point == (IDLIB.lat, IDLIB.lon)


def test_unrelated_text_leaves_fields_empty():
    (t,) = geoparse("Nothing happened in Mosul.", GazetteerIndex([("Mosul", MOSUL)]))
    assert t.distance_km is None and t.direction == ""


def test_a_country_is_never_displaced_by_a_cue():
    text = "The convoy stopped 30 km north of Iraq's border, near Syria."
    iraq, syria = [t for t in geoparse(text, GazetteerIndex([])) if t.kind == "country"]
    for t, code in ((iraq, "IQ"), (syria, "SY")):
        assert (t.relation, t.distance_km, t.geo_precision) == ("", None, 3)
        assert (t.event_lat, t.event_lon) == COUNTRY_POINTS[code]
