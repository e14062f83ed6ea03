"""While the database is unreachable the app answers 503 with a clear page (JSON under /api/),
never a traceback; once it is back, the same requests work again.

"Unreachable" is real: the connection is pointed at a port of ours where nothing listens
(PostGIS) or at a file that cannot be opened (SpatiaLite), as a server that went down.
"""

import contextlib
import json

import pytest
from django.db import connections
from django.test import Client

from incidents.models import Report
from incidents.services.tokens import api_token_create
from tests.factories import user_with_role
from tests.faults.processes import DEAD_PORT
from tests.pages import PARAGRAPHS

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def database_unreachable():
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(DEAD_PORT))
    else:
        connection.settings_dict["NAME"] = "/nonexistent-atlas-dir/down.sqlite3"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def editor_client():
    client = Client(raise_request_exception=False)
    client.force_login(user_with_role("editor", username="editor"))
    return client


@pytest.mark.parametrize(("method", "path", "json_answer"), [
    ("get", "/", False),                       # the map page: the session's user is read first
    ("get", "/reports/mine/", False),
    ("post", "/reports/new/", False),
    ("get", "/api/v1/incidents/", True),
    ("get", "/api/map.json", True),
    ("get", "/export/incidents.csv", True),
])
def test_pages_and_apis_answer_503_while_the_database_is_down(editor_client, method, path, json_answer):
    with database_unreachable():
        response = getattr(editor_client, method)(path)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Traceback" not in body and "OperationalError" not in body
    if json_answer:
        assert "database is unavailable" in response.json()["error"]
    else:
        assert "<h1>Temporarily unavailable</h1>" in body and "nothing you sent was stored" in body
    assert editor_client.get("/reports/mine/").status_code == 200  # back


def test_a_token_request_fails_inside_the_view_and_is_a_503_too():
    key = api_token_create(user=user_with_role("editor", username="bot"), name="t")[1]
    client = Client(raise_request_exception=False)
    body = json.dumps({"text": "\n\n".join(PARAGRAPHS["strike"])})
    with database_unreachable():
        response = client.post("/api/v1/reports/", data=body, content_type="application/json",
                               headers={"Authorization": f"Token {key}"})
    assert response.status_code == 503 and "database is unavailable" in response.json()["error"]
    retry = client.post("/api/v1/reports/", data=body, content_type="application/json",
                        headers={"Authorization": f"Token {key}"})
    assert retry.status_code == 201 and Report.objects.count() == 1
