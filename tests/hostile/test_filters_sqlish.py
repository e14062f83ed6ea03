"""SQL-ish and malformed values in every parameter of the ONE filter set (incidents/filters.py).

Quotes and comments, statement separators, LIKE wildcards (%, _), backslashes, NUL bytes,
huge numbers, non-numeric ids, bad dates and boxes go through the map data API, the
GeoJSON/timeline/choropleth endpoints, the REST API and the exports. Each answer is 200
with correct results (a text filter matches the literal text only: "%" finds no incident
whose fields hold no "%") or a clear 400 with a message; never a 500, and no table
changes (row counts and a fingerprint of every incident before and after).
"""

import json

import pytest
from django.urls import reverse

from incidents.models import Incident, Report
from tests.factories import IncidentFactory

SQLISH = [
    "' OR 1=1 --", "\" OR \"\"=\"", "1; DROP TABLE incidents_incident; --", "%", "_", "%%", "\\", "\\%",
    "'; SELECT pg_sleep(5); --", "1) OR (1=1", "\x00", "a\x00b", "NULL", "*", "[", "(", "ملحوظ' OR '1'='1",
    "99999999999999999999999999", "-1", "1e308", "NaN", "Infinity", "0x7fffffff", "Ⅻ", "١٢", "x" * 5000,
    "\u202e' OR 1=1", "{{7*7}}", "${7*7}", "<script>alert(1)</script>",
]
BAD_DATES = ["2021-02-30", "0000-00-00", "9999-99-99", "20210518", "2021-5-18", "-2021-05-18",
             "99999-01-01", "2021-05-18T00:00:00' OR '1'='1"]
BAD_BBOXES = ["1,2,3", "a,b,c,d", "nan,1,2,3", "1e309,1,2,3", "-181,0,0,1", "0,0,0,0", "1,1,0,0",
              "38,33,43,37,1", "38;33;43;37", "38,33,43,37)--", ",,,", "0x1,2,3,4"]
PARAMS = ["bbox", "date_from", "date_to", "event_type", "review_status", "country", "q", "sub_event_type",
          "actor", "governorate", "district", "publisher", "geo_precision"]
TEXT_PARAMS = {"q", "actor", "governorate", "district", "publisher"}

ENDPOINTS = [
    "incidents:map-data", "incidents:incidents-geojson", "incidents:incidents-timeline",
    "incidents:choropleth", "incidents:unlocated", "incidents:export-csv", "incidents:export-geojson",
    "incidents:export-kml", "api:incident-list",
]
SLOW_ENDPOINTS = {"incidents:export-kml"}


@pytest.fixture
def incidents(db):
    return [
        IncidentFactory(),
        IncidentFactory(actor1="Army", location_name="Tal Afar", summary="Shelling near Tal Afar."),
        IncidentFactory(location=None, location_name="", summary="An attack somewhere."),
    ]


def fingerprint():
    rows = Incident.objects.order_by("pk").values_list("pk", "summary", "actor1", "location_name", "admin1")
    return Incident.objects.count(), Report.objects.count(), tuple(rows)


def get(client, name, params):
    response = client.get(reverse(name), params)
    assert response.status_code in (200, 400), (name, params, response.status_code)
    if response.status_code == 400:
        assert response.content  # a message, not an empty page
    return response


def count_of(response) -> int | None:
    """How many incidents a JSON answer lists (None when its shape has no list of them)."""
    if response.get("Content-Type", "").startswith("application/json") or response.get(
            "Content-Type", "").startswith("application/geo+json"):
        data = b"".join(response.streaming_content) if response.streaming else response.content
        body = json.loads(data)
        for key in ("features", "results"):
            if isinstance(body, dict) and isinstance(body.get(key), list):
                return len(body[key])
    return None


@pytest.mark.parametrize("param", PARAMS)
def test_sqlish_values_in_every_filter_of_the_rest_api_and_csv_export(viewer_client, incidents, param):
    before = fingerprint()
    values = SQLISH + (BAD_DATES if param.startswith("date") else [])
    values += BAD_BBOXES if param == "bbox" else []
    for value in values:
        response = get(viewer_client, "api:incident-list", {param: value})
        if response.status_code == 200 and param in TEXT_PARAMS and value.strip():
            # Wildcards and quotes are literal: none of the incidents holds these strings.
            assert count_of(response) == 0, (param, value)
        get(viewer_client, "incidents:export-csv", {param: value})
    assert fingerprint() == before


@pytest.mark.parametrize("name", ENDPOINTS)
def test_sqlish_values_on_every_filtered_endpoint(viewer_client, incidents, name):
    before = fingerprint()
    values = ["' OR 1=1 --", "%", "_", "\\", "\x00", "99999999999999999999999999", "x" * 5000]
    if name in SLOW_ENDPOINTS:
        values = values[4:5]  # NUL; a GDAL export costs ~0.3 s and the filter parsing is shared
    for param in PARAMS:
        for value in values:
            get(viewer_client, name, {param: value})
    for value in BAD_BBOXES:
        get(viewer_client, name, {"bbox": value})
    for value in BAD_DATES:
        get(viewer_client, name, {"date_from": value, "date_to": value})
    get(viewer_client, name, {"q": ["a", "b"] * 500, "event_type": ["Battles"] * 1000})
    assert fingerprint() == before


@pytest.mark.parametrize(("param", "value", "expected"), [
    ("actor", "army", 1), ("actor", "%", 0), ("actor", "_rmy", 0), ("q", "Tal Afar", 1), ("q", "Tal_Afar", 0),
    ("q", "%Afar", 0), ("governorate", "ninewa", 3), ("governorate", "%", 0), ("publisher", "Test Wire", 3),
    ("publisher", "Test%", 0),
])
def test_text_filters_match_literally(viewer_client, incidents, param, value, expected):
    response = get(viewer_client, "api:incident-list", {param: value})
    assert response.status_code == 200
    assert count_of(response) == expected


@pytest.mark.parametrize("pk", ["abc", "1;DROP TABLE x", "99999999999999999999", "-1", "1.5", "%27", "0x10"])
def test_non_numeric_and_huge_ids_are_404_not_500(viewer_client, incidents, pk):
    before = fingerprint()
    for prefix in ("/api/v1/incidents/", "/api/v1/reports/", "/api/v1/places/", "/api/v1/admin-areas/"):
        response = viewer_client.get(f"{prefix}{pk}/")
        assert response.status_code in (400, 404), (prefix, pk, response.status_code)
    assert fingerprint() == before


@pytest.mark.parametrize("pk", ["99999999999999999999", "2147483648", "9223372036854775808"])
def test_huge_ids_in_review_urls_are_404(client, role_user, incidents, pk):
    client.force_login(role_user("editor"))
    response = client.get(f"/review/incidents/{pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["' OR 1=1 --", "%", "_", "\\", "\x00", "x" * 5000, "99999999999999999999"])
def test_place_search_takes_sqlish_queries(viewer_client, incidents, query):
    for path in ("/api/v1/places/", "/review/places.json"):
        response = viewer_client.get(path, {"q": query, "limit": query})
        assert response.status_code in (200, 400, 403), (path, response.status_code)
