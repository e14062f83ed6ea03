"""The load test's short form: locust (5 users, 8 s, loopback) against gunicorn with production
settings, on the test database; no request may fail. The long form is `python -m bench.load`."""

import sys
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from bench.load import locust_run
from bench.serving import production_server
from incidents.services.tokens import api_token_create
from tests.factories import IncidentFactory, ReportFactory, user_with_role
from tests.serve.test_gunicorn import PASSWORD, VAR, database_url, production_password

# Never import locust here: it monkey-patches the process with gevent. It runs as a program.
LOCUST = Path(sys.executable).with_name("locust")
pytestmark = pytest.mark.skipif(not LOCUST.exists(), reason=f"{LOCUST} not installed (requirements-dev.txt)")


@pytest.fixture
def server(transactional_db):
    user = user_with_role("editor", username="analyst")
    production_password(user, PASSWORD)
    token = api_token_create(user=user, name="load")[1]
    report = ReportFactory()
    for i in range(20):
        IncidentFactory(report=report, location=Point(43.1 + i / 50, 36.3, srid=4326))
    connection.close()
    with production_server(database_url=database_url(), var_dir=VAR) as url:
        yield url, token


def test_short_load_has_no_failures(server):
    url, token = server
    rows = locust_run(host=url, users=5, spawn_rate=5, run_time=8,
                      env={"LOAD_USERNAME": "analyst", "LOAD_PASSWORD": PASSWORD, "LOAD_TOKEN": token,
                           "LOAD_REPORTS": "50"})
    by_name = {row["Name"]: row for row in rows}
    assert int(by_name["Aggregated"]["Failure Count"]) == 0, by_name["Aggregated"]["failures_csv"]
    assert int(by_name["login"]["Request Count"]) == 4  # four analysts, one script
    assert int(by_name["POST /api/v1/reports/"]["Request Count"]) >= 2
    map_requests = [int(row["Request Count"]) for name, row in by_name.items() if "map.json" in name]
    assert sum(map_requests) >= 20
