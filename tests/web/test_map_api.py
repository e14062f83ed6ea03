"""The map at scale over HTTP: the view's data and the choropleth (JSON, login, filters),
presets from the loaded boundaries, and the list of incidents without a location."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.gis.geos import Point
from django.urls import reverse

from incidents.services.roles import ADMIN, EDITOR, VIEWER, roles_sync
from tests.factories import AdminAreaFactory, IncidentFactory, ReportFactory, UserFactory, square

MAP_DATA = reverse("incidents:map-data")
CHOROPLETH = reverse("incidents:choropleth")
UNLOCATED = reverse("incidents:unlocated")
HOSTILE = '<img src=x onerror="window.__xss=1">'


@pytest.mark.django_db
@pytest.mark.parametrize("url", [MAP_DATA, CHOROPLETH, UNLOCATED])
def test_anonymous_users_are_kept_out(client, url):
    response = client.get(url)
    assert response.status_code in (302, 401)


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"geo_precision": "4"}, "geo_precision"),
        ({"sub_event_type": "Shooting"}, "sub_event_type"),
        ({"actor": "x" * 201}, "actor"),
    ],
)
@pytest.mark.parametrize("url", [MAP_DATA, CHOROPLETH])
def test_bad_filters_give_400_json(client_logged_in, url, query, fragment):
    response = client_logged_in.get(url, query)
    assert response.status_code == 400
    assert fragment in response.json()["error"]


def test_map_data_answers_exact_totals_through_the_filter_set(client_logged_in):
    IncidentFactory(actor1="ISIS", location=Point(43.13, 36.34, srid=4326))
    IncidentFactory(actor2="Islamic State (ISIS)", location=Point(43.2, 36.3, srid=4326))
    IncidentFactory(actor1="PKK", actor2="", location=Point(43.2, 36.3, srid=4326))
    IncidentFactory(actor1="ISIS", location=None)
    body = client_logged_in.get(MAP_DATA, {"bbox": "41,35,45,37", "actor": "isis"}).json()
    assert (body["mode"], body["total"], body["unlocated"]) == ("points", 2, 1)
    assert client_logged_in.post(MAP_DATA).status_code == 405


def test_choropleth_counts_incidents_and_fatalities_per_loaded_governorate(client_logged_in):
    nineveh = AdminAreaFactory(name_en="Ninewa", pcode="IQG15", geom=square(41, 35, 3))
    AdminAreaFactory(name_en="Anbar", pcode="IQG01", geom=square(39, 32, 3))
    IncidentFactory(admin1="Ninewa", fatalities=3)
    IncidentFactory(admin1="ninewa", fatalities=None)
    IncidentFactory(admin1="Somewhere", fatalities=1)
    body = client_logged_in.get(CHOROPLETH, {"bbox": "39,32,40,33"}).json()  # the box has no say
    assert body["areas"] == [{"code": nineveh.pcode, "name": "Ninewa", "count": 2, "fatalities": 3}]
    assert (body["elsewhere"], body["max_count"], body["max_fatalities"]) == (1, 2, 3)


def test_presets_come_from_the_loaded_boundaries(client_logged_in):
    AdminAreaFactory(name_en="Nineveh", pcode="IQG15", geom=square(41, 35, 2))
    AdminAreaFactory(name_en="Dahuk", pcode="IQG08", geom=square(42, 36.5, 1))
    html = client_logged_in.get(reverse("incidents:map")).content.decode()
    config = json.loads(re.search(r'<script id="atlas-config" type="application/json">(.*?)</script>',
                                  html, re.S).group(1))
    assert config["presets"]["nineveh"]["bounds"] == [[35.0, 41.0], [37.0, 43.0]]
    assert [(g["code"], g["label"]) for g in config["governorates"]] == [("IQG08", "Dahuk"),
                                                                        ("IQG15", "Nineveh")]
    assert 'value="IQG08"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [VIEWER, EDITOR, ADMIN])
def test_every_map_user_can_list_the_incidents_without_a_location(client, role):
    roles_sync()
    user = UserFactory(username=f"user-{role}")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    report = ReportFactory(publisher=HOSTILE)
    IncidentFactory(location=None, summary=HOSTILE, location_name="Kharbat Nuri", report=report)
    IncidentFactory(location=None, summary="Another", event_type="Riots", sub_event_type="Mob violence")
    IncidentFactory(summary="Located")
    assert client.get(reverse("incidents:map")).status_code == 200
    html = client.get(UNLOCATED, {"event_type": "Explosions/Remote violence"}).content.decode()
    assert "Kharbat Nuri" in html and "Another" not in html and "Located" not in html
    assert HOSTILE not in html and "&lt;img src=x" in html
    assert ("Place it" in html) == (role in (EDITOR, ADMIN))


@pytest.mark.parametrize(
    ("query", "expected"),
    [({"actor": "pkk"}, ["Sinjar"]), ({"geo_precision": "2"}, ["Badush"]),
     ({"governorate": "ninewa", "publisher": "rudaw"}, ["Badush"])],
)
def test_exports_follow_the_new_filters(client_logged_in, query, expected):
    IncidentFactory(location_name="Sinjar", actor1="PKK", actor2="", admin1="Ninewa")
    IncidentFactory(location_name="Badush", geo_precision=2, admin1="Ninewa",
                    report=ReportFactory(publisher="Rudaw"))
    IncidentFactory(location_name="Ramadi", admin1="Anbar")
    rows = client_logged_in.get(reverse("incidents:export-geojson"), query)
    names = [f["properties"]["location"] for f in json.loads(b"".join(rows.streaming_content))["features"]]
    assert names == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [({"actor": "pkk"}, ["Sinjar"]), ({"publisher": "rudaw", "geo_precision": "2"}, ["Badush"]),
     ({"district": "Tel Afar", "sub_event_type": "Armed clash"}, [])],
)
def test_the_csv_export_follows_the_new_filters(client_logged_in, query, expected):
    # On PostGIS the CSV comes from COPY of the filtered query (exports_copy.py).
    IncidentFactory(location_name="Sinjar", actor1="PKK", actor2="", admin2="Tel Afar")
    IncidentFactory(location_name="Badush", geo_precision=2, report=ReportFactory(publisher="Rudaw"))
    response = client_logged_in.get(reverse("incidents:export-csv"), query)
    lines = b"".join(response.streaming_content).decode().splitlines()
    column = lines[0].split(",").index("location")
    assert [line.split(",")[column] for line in lines[1:]] == expected
