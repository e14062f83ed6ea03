"""POST /api/v1/reports/: token auth, single JSON reports, NDJSON bulk, and the token command."""

import hashlib
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client

from incidents.models import ApiToken, Incident, IngestFailure, Report
from incidents.services.tokens import api_token_create
from tests.factories import UserFactory
from tests.pages import PARAGRAPHS

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/"


def _report(key: str, **extra) -> dict:
    return {"text": "\n\n".join(PARAGRAPHS[key]), **extra}


@pytest.fixture
def poster():
    user = UserFactory(username="wire-bot")
    user.user_permissions.add(Permission.objects.get(codename="add_report"))
    return user


@pytest.fixture
def key(poster):
    return api_token_create(user=poster, name="tests")[1]


def _post(client, body, key=None, content_type="application/json"):
    headers = {"Authorization": f"Token {key}"} if key else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type=content_type, headers=headers)


def test_no_token_is_401(client):
    response = _post(client, _report("strike"))
    assert response.status_code == 401
    # DRF's answer, not the login middleware's: the API views are exempt from it.
    assert "credentials were not provided" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_session_needs_the_role_and_a_csrf_token(poster):
    client = Client(enforce_csrf_checks=True)
    client.force_login(poster)
    response = _post(client, _report("strike"))
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    client.get("/accounts/login/")  # sets the CSRF cookie
    response = client.post(URL, data=json.dumps(_report("strike")), content_type="application/json",
                           headers={"X-CSRFToken": client.cookies["csrftoken"].value})
    assert response.status_code == 201
    assert Report.objects.get().origin == "api:wire-bot"


def test_a_session_without_the_role_is_403(client_logged_in):
    assert _post(client_logged_in, _report("strike")).status_code == 403
    assert not Report.objects.exists()


@pytest.mark.parametrize("header", ["Token wrong-key", "Bearer {key}", "Token", "{key}"])
def test_wrong_tokens_are_401(client, key, header):
    response = client.post(URL, data=json.dumps(_report("strike")),
                           content_type="application/json",
                           headers={"Authorization": header.format(key=key)})
    assert response.status_code == 401


def test_inactive_user_token_is_401(client, poster, key):
    poster.is_active = False
    poster.save()
    assert _post(client, _report("strike"), key).status_code == 401


def test_token_of_user_without_add_report_is_403(client):
    viewer_key = api_token_create(user=UserFactory(username="viewer"), name="t")[1]
    response = _post(client, _report("strike"), viewer_key)
    assert response.status_code == 403


def test_created_then_duplicate(key):
    client = Client(enforce_csrf_checks=True)  # token-authenticated: no CSRF token needed
    first = _post(client, _report("strike", title="Jets strike hideout", publisher="Wire",
                                  url="https://wire.example/1",
                                  published_at="2021-05-18T09:00:00+03:00"), key)
    assert first.status_code == 201
    body = first.json()
    report = Report.objects.get(pk=body["report_id"])
    assert body == {"report_id": report.pk, "created": True,
                    "incidents": Incident.objects.filter(report=report).count(),
                    "job": f"/api/v1/jobs/{report.jobs.get().pk}/"}
    assert body["incidents"] >= 1
    assert (report.title, report.publisher, report.url) == (
        "Jets strike hideout", "Wire", "https://wire.example/1")
    assert report.published_at.isoformat() == "2021-05-18T06:00:00+00:00"
    assert report.origin == "api:wire-bot"
    again = _post(client, _report("strike", title="Jets strike hideout"), key)
    assert again.status_code == 200
    assert again.json()["created"] is False and again.json()["report_id"] == report.pk
    assert Report.objects.count() == 1
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "JSON object"),
        ({"title": "no text"}, "missing or empty \"text\""),
        ({"text": "   "}, "missing or empty \"text\""),
        ({"text": "x", "title": 5}, "'title' must be a string"),
        ({"text": "A report.\nSecond line.\nThird.", "published_at": "last Tuesday"},
         "not an ISO 8601 date"),
        ({"text": "A report.", "url": "javascript:alert(1)"}, "http(s) address"),
        # Found by schemathesis on PostGIS (a 500): text fields cannot hold NUL or lone surrogates.
        ({"text": "A report.", "publisher": "Wire\u0000"}, "'publisher' contains a NUL"),
        ('{"text": "A report \\ud9c5."}', "'text' is not valid Unicode"),
    ],
)
def test_bad_bodies_are_400_with_a_clear_error_and_logged(client, key, body, message):
    response = _post(client, body, key)
    assert response.status_code == 400
    assert message in response.json()["error"]
    failure = IngestFailure.objects.get()
    assert failure.channel == "api" and message in failure.reason
    assert not Report.objects.exists()


def test_wrong_content_type_and_method(client, key):
    assert _post(client, "text=x", key, content_type="text/plain").status_code == 415
    # No body and no Content-Type at all (found by schemathesis: it was a 500).
    assert client.generic("POST", URL, headers={"Authorization": f"Token {key}"}).status_code == 415
    # The poster may add reports but not read them (no view_report): 403 on GET.
    assert client.get(URL, headers={"Authorization": f"Token {key}"}).status_code == 403
    admin_key = api_token_create(user=UserFactory(username="root", is_superuser=True), name="t")[1]
    assert client.put(URL, headers={"Authorization": f"Token {admin_key}"}).status_code == 405


def test_ndjson_bulk_with_a_bad_line(client, key):
    lines = [
        json.dumps(_report("strike", title="Strike")),
        json.dumps(_report("arrest", title="Arrest")),
        '{"text": ',  # line 3: broken
        "",  # blank lines are skipped, not errors
        json.dumps(_report("ied", title="IED")),
        json.dumps(_report("strike", title="Strike")),  # line 6: duplicate of line 1
    ]
    response = _post(client, "\n".join(lines) + "\n", key, content_type="application/x-ndjson")
    assert response.status_code == 200
    body = response.json()
    assert body["ingested"] == 3 and body["duplicates"] == 1
    assert [f["line"] for f in body["failed"]] == [3]
    assert "invalid JSON" in body["failed"][0]["error"]
    assert set(Report.objects.values_list("title", flat=True)) == {"Strike", "Arrest", "IED"}
    assert IngestFailure.objects.get().origin == "api:wire-bot#3"


def test_ndjson_oversized_line_is_reported_and_the_rest_go_in(client, key, settings):
    settings.ATLAS_MAX_REPORT_BYTES = 2000
    lines = [json.dumps({"text": "word " * 1000}), json.dumps(_report("arrest", title="Arrest"))]
    response = _post(client, "\n".join(lines), key, content_type="application/x-ndjson")
    body = response.json()
    assert body["ingested"] == 1
    assert body["failed"] == [{"line": 1, "error": "line too large (limit 2,000 bytes)"}]


def test_token_command_prints_the_key_once_and_stores_only_its_hash(client, poster):
    out = io.StringIO()
    call_command("atlas_api_token", "wire-bot", "--name", "wire", stdout=out)
    printed = out.getvalue().split(": ", 1)[1].split()[0]
    token = ApiToken.objects.get(name="wire")
    assert token.key_hash == hashlib.sha256(printed.encode()).hexdigest()
    assert printed not in token.key_hash
    assert _post(client, _report("arrest"), printed).status_code == 201


def test_token_command_unknown_user():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no such user"):
        call_command("atlas_api_token", "nobody", stdout=io.StringIO())


def test_other_apis_still_need_a_login(client, key):
    # The exemption is per view: a token does not open the session-only endpoints.
    response = client.get("/api/incidents.geojson", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 401
