"""Locust users for the load test (bench/load.py; tests/serve/test_load.py runs a short form).

Two kinds of user against gunicorn, as if behind the TLS proxy (X-Forwarded-Proto):
- an analyst (weight 4) who logs in through the form and pans the map: /api/map.json at the
  country, Nineveh and Mosul views, and the timeline of the country view;
- a script (weight 1) that submits reports to POST /api/v1/reports/ with an API token, each
  a distinct ~2 KB wire text (bench/ingest_reports.py), so every one is really ingested.

Environment: LOAD_USERNAME, LOAD_PASSWORD (a viewer or editor), LOAD_TOKEN (an editor's API
token), LOAD_SEED (report texts; a new seed gives new texts, so nothing is a duplicate).
Any answer other than the expected status is a failure.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from urllib.parse import urlsplit

from locust import HttpUser, between, task

from bench.ingest_reports import generate

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
VIEWS = {  # bbox as a 1280x800 map page shows them (bench/map_data.py)
    "country": "35.5,29.0,49.0,37.6",
    "nineveh": "41.2,35.3,44.2,37.1",
    "city": "43.05,36.28,43.25,36.40",
}
_REPORTS = generate(int(os.environ.get("LOAD_REPORTS", 2000)), seed=int(os.environ.get("LOAD_SEED", 1)))
_NEXT_REPORT = itertools.count()


class Analyst(HttpUser):
    weight = 4
    wait_time = between(0.1, 0.5)

    def on_start(self):
        self.client.headers.update(PROXY_HEADERS)
        page = self.client.get("/accounts/login/", name="login form")
        self._unsecure_cookies()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        origin = "https://" + urlsplit(self.host).netloc
        with self.client.post(
            "/accounts/login/", name="login",
            data={"username": os.environ["LOAD_USERNAME"], "password": os.environ["LOAD_PASSWORD"],
                  "csrfmiddlewaretoken": token},
            headers={"Referer": origin + "/accounts/login/"}, allow_redirects=False, catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login answered {answer.status_code}")
        self._unsecure_cookies()

    def _unsecure_cookies(self):
        # The cookies are Secure (production); the proxy would carry them over TLS, and this
        # client speaks plain HTTP to loopback, so it must send them back all the same.
        for cookie in self.client.cookies:
            cookie.secure = False

    def _json(self, path: str, name: str, **params):
        with self.client.get(path, params=params, name=name, allow_redirects=False,
                             catch_response=True) as answer:
            if answer.status_code != 200 or not answer.headers.get("Content-Type", "").startswith(
                    "application/json"):
                answer.failure(f"{answer.status_code} {answer.headers.get('Content-Type')}")

    @task(6)
    def map_view(self):
        view = random.choice(list(VIEWS))  # noqa: S311 - load shape, not security
        self._json("/api/map.json", f"/api/map.json ({view})", bbox=VIEWS[view])

    @task(1)
    def timeline(self):
        self._json("/api/timeline.json", "/api/timeline.json (country)", bbox=VIEWS["country"])


class ReportScript(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.client.headers.update({**PROXY_HEADERS, "Authorization": f"Token {os.environ['LOAD_TOKEN']}"})

    @task
    def submit(self):
        report = _REPORTS[next(_NEXT_REPORT) % len(_REPORTS)]
        body = {key: report[key] for key in ("title", "publisher", "published_at", "text")}
        with self.client.post("/api/v1/reports/", json=body, name="POST /api/v1/reports/",
                              catch_response=True) as answer:
            if answer.status_code not in (200, 201):
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
