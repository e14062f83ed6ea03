"""incident_relocate: the geocode correction service and its audit trail."""

import pytest
from django.contrib.gis.geos import Point

from incidents.models import GeocodeChange, Incident
from incidents.services.relocate import incident_relocate
from tests.factories import IncidentFactory, PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

MOSUL = (43.11889, 36.335)
HAMMAM_AL_ALIL = (43.25944, 36.15889)


def test_move_records_one_change_with_old_and_new():
    editor = UserFactory()
    mosul = PlaceFactory(name="Mosul")
    hammam = PlaceFactory(name="Hammam al Alil", point=Point(*HAMMAM_AL_ALIL, srid=4326))
    incident = IncidentFactory(place=mosul, geo_precision=1)

    change = incident_relocate(
        incident=incident,
        location=Point(*HAMMAM_AL_ALIL, srid=4326),
        place=hammam,
        geo_precision=2,
        user=editor,
        reason="report says southwest of Hammam al-Alil",
    )

    assert GeocodeChange.objects.count() == 1
    change.refresh_from_db()
    assert (change.old_location.x, change.old_location.y) == pytest.approx(MOSUL)
    assert (change.new_location.x, change.new_location.y) == pytest.approx(HAMMAM_AL_ALIL)
    assert (change.old_place, change.new_place) == (mosul, hammam)
    assert (change.old_geo_precision, change.new_geo_precision) == (1, 2)
    assert change.changed_by == editor
    assert change.reason == "report says southwest of Hammam al-Alil"
    stored = Incident.objects.get(pk=incident.pk)
    assert (stored.location.x, stored.location.y) == pytest.approx(HAMMAM_AL_ALIL)
    assert stored.place == hammam and stored.geo_precision == 2
    assert stored.review_status == Incident.Review.CORRECTED


def test_nothing_changed_returns_none():
    place = PlaceFactory()
    incident = IncidentFactory(place=place)
    result = incident_relocate(
        incident=incident, location=Point(*MOSUL, srid=4326), place=place, user=UserFactory()
    )
    assert result is None
    assert not GeocodeChange.objects.exists()
    assert Incident.objects.get(pk=incident.pk).review_status == Incident.Review.AUTO


def test_old_values_come_from_the_database_not_the_instance():
    incident = IncidentFactory()
    new = Point(43.2, 36.4, srid=4326)
    incident.location = new  # e.g. a form already applied its data to the instance
    change = incident_relocate(incident=incident, location=new, user=UserFactory())
    assert change is not None
    assert (change.old_location.x, change.old_location.y) == pytest.approx(MOSUL)


def test_precision_only_change_is_recorded_and_none_keeps_it():
    incident = IncidentFactory(geo_precision=1)
    change = incident_relocate(incident=incident, location=incident.location, geo_precision=3, user=None)
    assert (change.old_geo_precision, change.new_geo_precision) == (1, 3)
    assert change.changed_by is None
    again = incident_relocate(incident=incident, location=Point(43.0, 36.0, srid=4326), user=None)
    assert again.new_geo_precision == 3
    assert Incident.objects.get(pk=incident.pk).geo_precision == 3


def test_clearing_the_location_is_a_change():
    incident = IncidentFactory()
    change = incident_relocate(incident=incident, location=None, user=UserFactory(), reason="unknown")
    assert change.new_location is None
    assert Incident.objects.get(pk=incident.pk).location is None


def test_location_without_srid_is_taken_as_wgs84():
    incident = IncidentFactory()
    incident_relocate(incident=incident, location=Point(43.0, 36.0), user=None)
    stored = Incident.objects.get(pk=incident.pk).location
    assert stored.srid == 4326 and (stored.x, stored.y) == pytest.approx((43.0, 36.0))
