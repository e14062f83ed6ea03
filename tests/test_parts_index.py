"""Compass parts from the database's outlines, and incidents located in them."""

import pytest
from django.contrib.gis.geos import Point

from gazetteer.geoparser import geoparse
from gazetteer.index import gazetteer_index, gazetteer_index_reset
from incidents.extraction.pipeline import extract_incidents
from tests.factories import AdminAreaFactory, PlaceFactory, square
from tests.geoparser.test_parts import PARTS, index


def test_an_incident_in_a_part_of_a_country_is_located_there():
    text = "A drone strike hit a militant hideout in northern Iraq on Sunday, killing five militants."
    (incident,) = extract_incidents(text, published=None, toponyms=geoparse(text, index()))
    assert (incident.location_name, incident.geo_precision) == ("Northern Iraq", 3)
    assert (incident.lat, incident.lon) == PARTS["IQ"]["N"][:2]


@pytest.mark.django_db
def test_the_index_cuts_parts_from_the_loaded_country_and_governorate_outlines():
    gazetteer_index_reset()
    AdminAreaFactory(level=0, pcode="IQ", country_code="IQ", geom=square(40, 30, 3))
    AdminAreaFactory(level=1, pcode="IQG01", geom=square(41, 35, 2))
    gov = PlaceFactory(name="Ninawa", feature_class="A", feature_code="ADM1", source="ocha",
                       source_id="IQG01", point=Point(42, 36, srid=4326))
    idx = gazetteer_index()
    assert idx.part("IQ", "N")[:2] == (32.5, 41.5)
    assert idx.part(gov.pk, "C")[:2] == (36.0, 42.0)
    assert idx.part("SY", "N") is None
    # the raster of governorate outlines: which one holds a point (not the countries')
    assert [idx.areas.at(lat, lon) for lat, lon in ((35.2, 41.5), (36.9, 42.9), (33.0, 41.0))] == [
        "IQG01", "IQG01", ""]
    gazetteer_index_reset()
