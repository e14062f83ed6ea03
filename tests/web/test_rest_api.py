"""The REST API (/api/v1/): roles and tokens, incidents (filters, cursor, detail), feeds."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from incidents.models import Feed, GeocodeChange, Report
from incidents.services.tokens import api_token_create
from tests.factories import AdminAreaFactory, IncidentFactory, MentionFactory, PlaceFactory, ReportFactory

pytestmark = pytest.mark.django_db

INCIDENTS = reverse("api:incident-list")
REPORTS = reverse("api:report-list")
FEEDS = reverse("api:feed-list")


def token_headers(user) -> dict:
    return {"Authorization": f"Token {api_token_create(user=user, name='t')[1]}"}


@pytest.mark.parametrize(
    ("role", "method", "url", "status"),
    [
        ("viewer", "get", INCIDENTS, 200),
        ("viewer", "get", REPORTS, 200),
        ("viewer", "post", REPORTS, 403),
        ("viewer", "get", FEEDS, 403),
        ("viewer", "post", FEEDS, 403),
        ("editor", "post", REPORTS, 201),
        ("editor", "get", FEEDS, 403),
        ("admin", "get", FEEDS, 200),
        ("admin", "post", FEEDS, 201),
        (None, "get", INCIDENTS, 401),
        (None, "post", REPORTS, 401),
    ],
)
def test_roles_by_token(client, role_user, role, method, url, status):
    headers = token_headers(role_user(role)) if role else {}
    body = {"text": "Jets struck a hideout near Mosul on Monday.", "title": "Strike"} if url == REPORTS \
        else {"url": "https://news.example/rss", "publisher": "Example"}
    if method == "get":
        response = client.get(url, headers=headers)
    else:
        response = client.post(url, data=body, content_type="application/json", headers=headers)
    assert response.status_code == status, response.content[:300]


def test_token_reads_incidents_as_a_feature_collection(client, role_user):
    report = ReportFactory(title="Strike")
    incident = IncidentFactory(report=report, location=Point(43.118894, 36.335001, srid=4326),
                               fatalities=3)
    IncidentFactory(location=None)
    response = client.get(INCIDENTS, headers=token_headers(role_user("viewer")))
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection" and data["next"] is None
    feature = next(f for f in data["features"] if f["id"] == incident.id)
    assert feature["geometry"] == {"type": "Point", "coordinates": [43.11889, 36.335]}
    assert feature["properties"]["fatalities"] == 3 and feature["properties"]["report"] == report.id
    assert [f["geometry"] for f in data["features"]].count(None) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"bbox": "41.2,35.3,44.2,37.1"}, {"mosul"}),
        ({"country": "sy"}, {"deir"}),
        ({"event_type": ["Battles", "Protests"]}, {"deir"}),
        ({"date_from": "2021-05-01", "date_to": "2021-05-31"}, {"mosul"}),
        ({"q": "desert"}, {"deir"}),
        ({}, {"mosul", "deir"}),
    ],
)
def test_incident_filters_are_the_map_filter_set(viewer_client, query, expected):
    made = {
        "mosul": IncidentFactory(location=Point(43.13, 36.34, srid=4326), event_date=dt.date(2021, 5, 17)),
        "deir": IncidentFactory(location=Point(40.14, 35.33, srid=4326), event_date=dt.date(2021, 4, 2),
                                event_type="Battles", sub_event_type="Armed clash", country_code="SY",
                                summary="Clashes in the desert."),
    }
    got = {f["id"] for f in viewer_client.get(INCIDENTS, query).json()["features"]}
    assert got == {made[name].id for name in expected}


@pytest.mark.parametrize(
    ("query", "field", "fragment"),
    [
        ({"bbox": "1,2,3"}, "bbox", "expected 4"),
        ({"date_from": "2021-99-01"}, "date_from", "YYYY-MM-DD"),
        ({"event_type": "Shooting"}, "event_type", "unknown 'Shooting'"),
        ({"date_from": "2021-06-01", "date_to": "2021-05-01"}, "__all__", "after date_to"),
    ],
)
def test_bad_filters_are_400_naming_the_parameter(viewer_client, query, field, fragment):
    response = viewer_client.get(INCIDENTS, query)
    assert response.status_code == 400
    assert fragment in " ".join(response.json()[field])


def test_cursor_pages_walk_every_incident_once(viewer_client):
    made = [IncidentFactory(event_date=dt.date(2021, 1, 1) + dt.timedelta(days=i % 3)) for i in range(7)]
    seen, url, params = [], INCIDENTS, {"page_size": 3}
    while url:
        data = viewer_client.get(url, params).json()
        seen += [f["id"] for f in data["features"]]
        url, params = data["next"], None
    assert sorted(seen) == sorted(i.id for i in made) and len(seen) == len(set(seen))


def test_incident_detail_has_mentions_sources_and_history(viewer_client, user):
    place = PlaceFactory(name="Mosul")
    incident = IncidentFactory(place=place)
    MentionFactory(report=incident.report, place=place, surface="Mosul", start=30, end=35)
    other = ReportFactory(title="Second wire")
    incident.other_reports.add(other)
    GeocodeChange.objects.create(incident=incident, changed_by=user, reason="town, not the district",
                                 old_location=Point(43.0, 36.0, srid=4326), new_location=incident.location)
    data = viewer_client.get(reverse("api:incident-detail", args=[incident.id])).json()
    props = data["properties"]
    assert props["place"]["name"] == "Mosul"
    assert [m["surface"] for m in props["mentions"]] == ["Mosul"]
    assert [s["id"] for s in props["sources"]] == [incident.report.id, other.id]
    assert props["history"][0]["reason"] == "town, not the district"
    assert props["history"][0]["changed_by"] == "analyst"
    assert props["history"][0]["old_location"]["coordinates"] == [43.0, 36.0]


def test_report_detail_and_list(viewer_client):
    incident = IncidentFactory()
    listed = viewer_client.get(REPORTS).json()["results"]
    assert listed[0]["incident_count"] == 1 and "text" not in listed[0]
    detail = viewer_client.get(reverse("api:report-detail", args=[incident.report_id])).json()
    assert detail["text"] == incident.report.text and detail["incidents"] == [incident.id]


def test_admin_areas_list_filters_and_detail_outline(viewer_client):
    area = AdminAreaFactory(level=1, country_code="IQ")
    AdminAreaFactory(level=1, country_code="SY")
    listed = viewer_client.get(reverse("api:adminarea-list"), {"level": 1, "country": "iq"}).json()
    assert [a["id"] for a in listed["results"]] == [area.id] and "geom" not in listed["results"][0]
    assert viewer_client.get(reverse("api:adminarea-list"), {"level": 7}).status_code == 400
    detail = viewer_client.get(reverse("api:adminarea-detail", args=[area.id])).json()
    assert detail["geometry"]["type"] == "MultiPolygon"


def test_feeds_are_managed_through_the_services(client, role_user):
    headers = token_headers(role_user("admin"))
    created = client.post(FEEDS, {"url": "https://news.example/rss", "publisher": "A"},
                          content_type="application/json", headers=headers)
    assert created.status_code == 201
    feed_id = created.json()["id"]
    assert client.post(FEEDS, {"url": "ftp://x/"}, content_type="application/json",
                       headers=headers).status_code == 400
    patched = client.patch(reverse("api:feed-detail", args=[feed_id]), {"active": False},
                           content_type="application/json", headers=headers)
    assert patched.json()["active"] is False and Feed.objects.get().active is False
    assert client.delete(reverse("api:feed-detail", args=[feed_id]), headers=headers).status_code == 204
    assert not Feed.objects.exists()


def test_map_endpoints_stay_session_only(client, role_user):
    # The map's own endpoints are not the API: a token does not open them.
    response = client.get("/api/incidents.geojson", headers=token_headers(role_user("viewer")))
    assert response.status_code == 401
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("role", "body", "status"),
    [
        ("viewer", {"longitude": 43.1, "latitude": 36.3}, 403),
        ("editor", {"longitude": 43.1, "latitude": 96.3}, 400),
        ("editor", {"longitude": 43.1, "latitude": None}, 400),
        ("editor", {"longitude": 43.1, "latitude": 36.3, "geo_precision": 9}, 400),
        ("editor", {"longitude": 43.1, "latitude": 36.3, "place": 999999}, 400),
    ],
)
def test_relocate_needs_the_editor_role_and_a_valid_geocode(client, role_user, role, body, status):
    incident = IncidentFactory()
    url = reverse("api:incident-relocate", args=[incident.id])
    response = client.post(url, body, content_type="application/json", headers=token_headers(role_user(role)))
    assert response.status_code == status
    assert not GeocodeChange.objects.exists()


def test_editor_relocates_through_the_service(client, role_user):
    incident = IncidentFactory(location=Point(43.0, 36.0, srid=4326), location_name="Mosul")
    place = PlaceFactory(name="Mosul", point=Point(43.11889, 36.335, srid=4326))
    response = client.post(
        reverse("api:incident-relocate", args=[incident.id]),
        {"longitude": 43.11889, "latitude": 36.335, "place": place.id, "geo_precision": 1,
         "reason": "the town itself"},
        content_type="application/json", headers=token_headers(role_user("editor", "ed")))
    assert response.status_code == 200, response.content
    props = response.json()["properties"]
    assert response.json()["geometry"]["coordinates"] == [43.11889, 36.335]
    assert props["review_status"] == "corrected" and props["place"]["id"] == place.id
    assert props["history"][0]["changed_by"] == "ed" and props["history"][0]["reason"] == "the town itself"


@pytest.mark.parametrize("name", ["incident-list", "report-list"])
def test_a_page_costs_a_fixed_number_of_queries(viewer_client, django_assert_max_num_queries, name):
    for _ in range(30):
        IncidentFactory()
    with django_assert_max_num_queries(8):  # session, user, permissions, the page: not one per row
        response = viewer_client.get(reverse(f"api:{name}"))
    assert response.status_code == 200


def test_detail_costs_a_fixed_number_of_queries(viewer_client, django_assert_max_num_queries):
    incident = IncidentFactory()
    for start in range(0, 50, 10):
        MentionFactory(report=incident.report, start=start, end=start + 5, place=PlaceFactory())
    with django_assert_max_num_queries(12):
        viewer_client.get(reverse("api:incident-detail", args=[incident.id]))
