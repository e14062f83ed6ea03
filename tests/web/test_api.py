"""GeoJSON API: authentication, FeatureCollection content, bbox filtering, errors."""

import datetime as dt
import json

import pytest
from django.contrib.gis.geos import LineString, MultiLineString, Point
from django.urls import reverse

from gazetteer.models import Border, Source
from incidents.extraction.taxonomy import EVENT_COLOURS
from tests.factories import AdminAreaFactory, IncidentFactory, ReportFactory, square

URL = reverse("incidents:incidents-geojson")
BOUNDARIES = reverse("incidents:boundaries-geojson")


@pytest.mark.django_db
def test_anonymous_gets_401_json(client):
    for url in (URL, BOUNDARIES):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json() == {"error": "authentication required"}


def test_feature_collection_has_located_incidents_with_properties(client_logged_in):
    report = ReportFactory(publisher="Shafaq News", url="https://example.org/a", title="Strike")
    located = IncidentFactory(
        report=report,
        location=Point(43.13, 36.34, srid=4326),
        fatalities=None,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="A",
        actor2="B",
    )
    IncidentFactory(location=None)

    response = client_logged_in.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert data["truncated"] is False
    assert [f["id"] for f in data["features"]] == [located.id]
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [43.13, 36.34]}
    props = feature["properties"]
    assert props["id"] == located.id
    assert props["event_date"] == located.event_date.isoformat()
    assert props["event_type"] == "Battles"
    assert props["sub_event_type"] == "Armed clash"
    assert props["colour"] == EVENT_COLOURS["Battles"]
    assert props["fatalities"] is None
    assert (props["actor1"], props["actor2"]) == ("A", "B")
    assert props["report_url"] == "https://example.org/a"
    assert props["report_title"] == "Strike"
    assert props["publisher"] == "Shafaq News"
    assert props["review_status"] == "auto"
    expected_keys = {
        "id",
        "event_date",
        "event_type",
        "sub_event_type",
        "summary",
        "location_name",
        "geo_precision",
        "fatalities",
        "actor1",
        "actor2",
        "review_status",
        "colour",
        "report_title",
        "report_url",
        "publisher",
    }
    assert set(props) == expected_keys


def test_bbox_filters_features(client_logged_in):
    mosul = IncidentFactory(location=Point(43.13, 36.34, srid=4326))
    IncidentFactory(location=Point(47.78, 30.51, srid=4326))  # Basra, outside
    response = client_logged_in.get(URL, {"bbox": "41.2,35.3,44.2,37.1"})
    assert [f["id"] for f in response.json()["features"]] == [mosul.id]


def test_other_filters_and_order(client_logged_in):
    old = IncidentFactory(event_date=dt.date(2020, 1, 1))
    new = IncidentFactory(event_date=dt.date(2021, 1, 1))
    IncidentFactory(event_date=dt.date(2021, 2, 1), event_type="Riots", sub_event_type="Mob violence")
    response = client_logged_in.get(URL, {"event_type": "Explosions/Remote violence"})
    assert [f["id"] for f in response.json()["features"]] == [new.id, old.id]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "36,42,37,94"}, "outside [-90, 90]"),
        ({"date_from": "2021-99-01"}, "date_from"),
        ({"event_type": "Shooting"}, "event_type"),
    ],
)
def test_bad_filters_give_400_json(client_logged_in, query, fragment):
    response = client_logged_in.get(URL, query)
    assert response.status_code == 400
    assert fragment in response.json()["error"]


def test_only_get_allowed(client_logged_in):
    assert client_logged_in.post(URL).status_code == 405


def test_hostile_summary_is_returned_as_plain_data(client_logged_in):
    hostile = "<img src=x onerror=alert(1)>"
    IncidentFactory(summary=hostile, location_name="<b>x</b>")
    response = client_logged_in.get(URL)
    # JSON carries the text verbatim; escaping is the client's job (tested in the browser).
    props = json.loads(response.content)["features"][0]["properties"]
    assert props["summary"] == hostile
    assert props["location_name"] == "<b>x</b>"


def test_truncation_flag(db):
    from incidents.filters import IncidentFilter
    from incidents.selectors.map import incident_features

    for day in (1, 2, 3):
        IncidentFactory(event_date=dt.date(2021, 1, day))
    data = incident_features(filters=IncidentFilter(), limit=2)
    assert data["truncated"] is True
    assert [f["properties"]["event_date"] for f in data["features"]] == ["2021-01-03", "2021-01-02"]


def test_boundaries_geojson(client_logged_in):
    AdminAreaFactory(level=0, pcode="IQ", name_en="Iraq", geom=square(39.0, 29.0, 9.0))
    AdminAreaFactory(level=1, pcode="IQG01", name_en="Ninewa", geom=square(41.5, 35.5, 1.0))
    Border.objects.create(
        code="IQ-SY",
        name="Iraq-Syria border",
        source=Source.NATURAL_EARTH,
        geom=MultiLineString(LineString((42.3, 37.1), (41.0, 34.4), (38.8, 33.4)), srid=4326),
    )

    data = client_logged_in.get(BOUNDARIES).json()
    kinds = [(f["properties"]["kind"], f["properties"]["name"]) for f in data["features"]]
    assert kinds == [("country", "Iraq"), ("border", "Iraq-Syria border")]
    assert data["features"][0]["geometry"]["type"] == "MultiPolygon"
    assert data["features"][1]["geometry"]["coordinates"][0][0] == [42.3, 37.1]

    with_admin1 = client_logged_in.get(BOUNDARIES, {"admin1": "1"}).json()
    assert [f["properties"]["kind"] for f in with_admin1["features"]] == ["country", "admin1", "border"]


def test_boundaries_are_simplified(client_logged_in):
    from django.contrib.gis.geos import MultiPolygon, Polygon

    # A square edge with 400 tiny zig-zags: simplification must drop most of them.
    ring = [(40 + i * 0.0025, 30 + (0.001 if i % 2 else 0)) for i in range(401)]
    ring += [(41, 31), (40, 31), (40, 30)]
    AdminAreaFactory(level=0, pcode="SY", name_en="Syria", geom=MultiPolygon(Polygon(ring), srid=4326))
    data = client_logged_in.get(BOUNDARIES).json()
    coords = data["features"][0]["geometry"]["coordinates"][0][0]
    assert 4 <= len(coords) < 20


def test_boundaries_include_the_largest_towns_as_labels(client_logged_in):
    from django.contrib.gis.geos import Point

    from incidents.selectors.boundaries import REFERENCE_TOWNS
    from tests.factories import PlaceFactory

    PlaceFactory(name="Mosul", ascii_name="Mosul", population=1683000, point=Point(43.11889, 36.335))
    PlaceFactory(name="Village", population=0, country_code="IQ")
    PlaceFactory(name="Mosul suburb", population=500000, point=Point(43.15, 36.30))
    PlaceFactory(name="Ninawa", feature_class="A", feature_code="ADM1", population=3000000)
    PlaceFactory(name="Gaziantep", country_code="TR", population=2000000)
    for n in range(REFERENCE_TOWNS):
        PlaceFactory(name=f"Town {n}", population=10000 + n, point=Point(38 + n * 0.2, 34.0))
    features = client_logged_in.get(BOUNDARIES).json()["features"]
    towns = [f for f in features if f["properties"]["kind"] == "town"]
    names = [t["properties"]["name"] for t in towns]
    assert len(towns) == REFERENCE_TOWNS and names[0] == "Mosul"
    assert towns[0]["geometry"] == {"type": "Point", "coordinates": [43.1189, 36.335]}
    assert not {"Village", "Ninawa", "Gaziantep", "Mosul suburb"} & set(names)


def test_a_seat_is_labelled_before_a_bigger_quarter_next_to_it(client_logged_in):
    from django.contrib.gis.geos import Point

    from tests.factories import PlaceFactory

    PlaceFactory(name="New Mosul", population=2000000, feature_code="PPLX", point=Point(43.10, 36.33))
    PlaceFactory(name="Mosul", population=1683000, feature_code="PPLA", point=Point(43.11889, 36.335))
    features = client_logged_in.get(BOUNDARIES).json()["features"]
    names = [f["properties"]["name"] for f in features if f["properties"]["kind"] == "town"]
    assert names == ["Mosul"]


def test_unlocated_incidents_are_counted_whatever_the_view(client_logged_in):
    """They are on no map, so the map says how many match its filters."""
    IncidentFactory(event_type="Battles", sub_event_type="Armed clash")  # located near Mosul
    IncidentFactory(location=None, event_type="Battles", sub_event_type="Armed clash",
                    event_date=dt.date(2021, 5, 1))
    IncidentFactory(location=None, event_type="Protests", sub_event_type="Peaceful protest",
                    event_date=dt.date(2021, 5, 20))
    far_away = {"bbox": "10,10,11,11"}
    assert client_logged_in.get(URL, far_away).json()["unlocated"] == 2
    assert client_logged_in.get(URL, {**far_away, "event_type": "Battles"}).json()["unlocated"] == 1
    assert client_logged_in.get(URL, {"date_from": "2021-05-10"}).json()["unlocated"] == 1
