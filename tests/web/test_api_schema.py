"""The OpenAPI schema (/api/schema/), its offline docs page, and a bounded schemathesis run."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from drf_spectacular.validation import validate_schema

from incidents.services.tokens import api_token_create
from tests.factories import AdminAreaFactory, IncidentFactory, MentionFactory, PlaceFactory

pytestmark = pytest.mark.django_db

SCHEMA = reverse("api:schema")
DOCS = reverse("api:docs")
# Per API operation; the whole run stays within a few seconds per operation.
MAX_EXAMPLES = 15


def test_schema_validates_as_openapi_3_and_has_every_endpoint(viewer_client):
    response = viewer_client.get(SCHEMA)
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    assert spec["openapi"].startswith("3.")
    validate_schema(spec)  # against the OpenAPI 3.0 JSON Schema
    assert {"/api/v1/incidents/", "/api/v1/incidents/{id}/", "/api/v1/reports/", "/api/v1/reports/{id}/",
            "/api/v1/places/", "/api/v1/places/{id}/", "/api/v1/admin-areas/",
            "/api/v1/admin-areas/{id}/", "/api/v1/feeds/", "/api/v1/feeds/{id}/"} <= set(spec["paths"])
    incidents = spec["paths"]["/api/v1/incidents/"]["get"]
    assert {p["name"] for p in incidents["parameters"]} >= {
        "bbox", "date_from", "date_to", "event_type", "review_status", "country", "q", "cursor"}
    assert spec["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


def test_every_operation_has_an_example(viewer_client):
    spec = yaml.safe_load(viewer_client.get(SCHEMA).content)
    missing = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters" or not path.startswith("/api/v1/"):
                continue
            if method != "delete" and "example" not in str(operation):
                missing.append(f"{method} {path}")
    assert not missing


def test_schema_needs_a_login(client):
    assert client.get(SCHEMA).status_code == 401


def test_docs_page_renders_from_our_static_files(viewer_client):
    response = viewer_client.get(DOCS)
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html[:500]
    for source in sources:
        assert not source.startswith(("http://", "https://", "//")), source  # no CDN
    static = [s.removeprefix("/static/") for s in sources if s.startswith("/static/")]
    assert any("swagger-ui" in s for s in static)
    for name in static:
        assert finders.find(name), f"{name} is not among our static files"
    # No inline script (the Content Security Policy forbids them): Swagger UI's start-up
    # script, which names the schema, is a request of its own.
    assert all(not body.strip() for body in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S))
    init = next(s for s in sources if "script=" in s)
    script = viewer_client.get(init.replace("&amp;", "&"))
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert SCHEMA in script.content.decode()


def test_docs_page_needs_a_login(client):
    response = client.get(DOCS)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_schemathesis_finds_no_server_error(role_user):
    """Generated requests for every operation, as an admin (all methods allowed): no 5xx."""
    import schemathesis
    from django.core.wsgi import get_wsgi_application
    from hypothesis import HealthCheck, given, settings

    user = role_user("admin")
    headers = {"Authorization": f"Token {api_token_create(user=user, name='fuzz')[1]}"}
    place = PlaceFactory(name="Mosul")
    incident = IncidentFactory(place=place)
    MentionFactory(report=incident.report, place=place)
    AdminAreaFactory()
    app = get_wsgi_application()
    # As Django's test client does: the test's transaction must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi(f"{SCHEMA}?format=json", app, headers=headers)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 12
        failures, calls = [], []
        for operation in operations:

            @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy())
            def check(case):
                response = case.call(headers=headers)
                calls.append(response.status_code)
                if response.status_code >= 500:
                    failures.append(f"{case.operation.label}: {response.status_code} "
                                    f"{case.as_curl_command()}")

            check()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert len(calls) >= 5 * len(operations)  # it did run
    assert not failures, "\n".join(failures[:10])
