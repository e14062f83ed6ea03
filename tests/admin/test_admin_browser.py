"""The admin map widget in headless Chromium: marker, click-to-move, synced lat/lon, audit on save.

Uses the system Chromium (never `playwright install`), like tests/web/test_browser.py.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point

from incidents.models import GeocodeChange
from tests.factories import IncidentFactory, UserFactory

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "correct horse battery staple"
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
]


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are
    # still synchronous. Scoped to the test: a module-level setting would leak into
    # subprocesses of other tests (manage.py check --deploy fails on it).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        yield context.new_page()
        context.close()
        browser.close()


def test_point_widget_moves_and_saves_an_audited_change(live_server, transactional_db, page):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    incident = IncidentFactory(location=Point(43.11889, 36.335, srid=4326))
    host = live_server.url
    external = []
    page.on("request", lambda r: None if r.url.startswith((host, "data:")) else external.append(r.url))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{host}/admin/login/?next=/admin/incidents/incident/{incident.pk}/change/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#id_location_widget .leaflet-marker-icon")
    assert float(page.input_value("#id_location_lat")) == pytest.approx(36.335)

    # A click on the map moves the marker and fills the inputs and the hidden value.
    page.click("#id_location_map", position={"x": 60, "y": 60})
    lat = float(page.input_value("#id_location_lat"))
    lon = float(page.input_value("#id_location_lon"))
    assert lat > 36.335 and lon < 43.11889  # up and to the left of the centred marker
    value = json.loads(page.eval_on_selector("#id_location", "el => el.value"))
    assert value["coordinates"] == pytest.approx([lon, lat], abs=1e-5)

    # Typing coordinates moves the marker to them.
    page.fill("#id_location_lat", "36.2")
    page.fill("#id_location_lon", "43.0")
    value = json.loads(page.eval_on_selector("#id_location", "el => el.value"))
    assert value["coordinates"] == pytest.approx([43.0, 36.2])

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin_incident_widget.png"), full_page=True)
    page.fill("#id_change_reason", "moved in the browser")
    page.click("input[name=_save]")
    page.wait_for_url(f"{host}/admin/incidents/incident/")
    change = GeocodeChange.objects.get()
    assert (change.new_location.x, change.new_location.y) == pytest.approx((43.0, 36.2))
    assert change.reason == "moved in the browser"
    assert external == [] and errors == []
