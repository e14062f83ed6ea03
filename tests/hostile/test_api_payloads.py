"""Hostile JSON bodies to the REST API's report endpoint (POST /api/v1/reports/).

Deeply nested arrays, numbers too long for int(), JSON-escaped NUL and lone surrogates,
wrong types, XSS and SQL-ish text: each is a report stored or a clear 4xx, never a 500,
in a single JSON body and as lines of an NDJSON batch.
"""

import json

import pytest

from incidents.models import Report

TEXT = "Clashes broke out in Mosul on Monday between the army and gunmen."
BODIES = {
    "deep-array": "[" * 100_000 + "]" * 100_000,
    "deep-object": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "long-int": '{"text": "x", "published_at": ' + "9" * 5000 + "}",
    "long-int-alone": "9" * 5000,
    "nul-escape": json.dumps({"text": TEXT + "\u0000"}),
    "surrogate-escape": '{"text": "' + TEXT + '\\ud800"}',
    "not-utf8": b'{"text": "\xff\xfe"}',
    "wrong-types": json.dumps({"text": ["a"], "title": {"x": 1}}),
    "nan": '{"text": NaN}',
    "xss": json.dumps({"text": TEXT, "title": "<script>alert(1)</script>", "url": "javascript:alert(1)"}),
    "sqlish": json.dumps({"text": TEXT + " ' OR 1=1 --", "publisher": "1; DROP TABLE incidents_report"}),
    "bad-date": json.dumps({"text": TEXT, "published_at": "99999-99-99T99:99"}),
    "empty": "",
    "bom": "\ufeff" + json.dumps({"text": TEXT}),
}


@pytest.mark.parametrize("name", list(BODIES))
def test_hostile_json_bodies_are_stored_or_refused(client, role_user, name):
    client.force_login(role_user("editor"))
    body = BODIES[name]
    data = body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
    response = client.post("/api/v1/reports/", data, content_type="application/json")
    assert response.status_code in (200, 201, 202, 400, 413, 415), (name, response.status_code)
    for report in Report.objects.all():
        assert "\x00" not in report.text and not report.url.startswith("javascript")


def test_hostile_lines_in_an_ndjson_batch(client, role_user):
    client.force_login(role_user("editor"))
    lines = [b if isinstance(b, bytes) else b.encode("utf-8", "surrogatepass") for b in BODIES.values()]
    body = b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n"
    response = client.post("/api/v1/reports/", body, content_type="application/x-ndjson")
    assert response.status_code in (200, 201, 202, 207, 400), response.status_code


@pytest.mark.parametrize("name", ["deep-array", "deep-object", "long-int-alone", "nan", "not-utf8"])
def test_hostile_json_bodies_to_the_other_json_endpoints(admin_client, name):
    body = BODIES[name]
    data = body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
    for path in ("/api/v1/feeds/",):
        response = admin_client.post(path, data, content_type="application/json")
        assert response.status_code in (400, 403, 415), (path, name, response.status_code)
