"""End to end in headless Chromium: log in, see markers, open popups, no XSS from reports.

Runs against pytest-django's live_server on both databases. Uses the system Chromium
(never `playwright install`): the suite must work air-gapped.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiLineString, MultiPolygon, Point
from django.db import connections

from gazetteer.models import AdminArea, Border, Source
from tests.conftest import SHARED_DATA
from tests.factories import IncidentFactory, ReportFactory, user_with_role

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = '<img src=x onerror="window.__xss=1">'
PASSWORD = "correct horse battery staple"
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
]


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test body are still synchronous and safe here. Scoped to these tests only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser_page():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        # Playwright's wait_for_function("...") evaluates with `new Function`, which the site's
        # Content Security Policy forbids; tests/serve/test_csp_browser.py enforces the policy.
        context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
        page = context.new_page()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        # The page must not reach the internet: any request off the live server fails the test.
        page.external_requests = []
        yield page
        context.close()
        browser.close()
        # Playwright's sync API switches greenlets, and Django keeps one connection per
        # context: ORM calls made while the browser runs open a second connection that
        # would block dropping the PostGIS test database. Close it here, in that context.
        connections.close_all()


NATURAL_EARTH = SHARED_DATA / "boundaries" / "natural_earth" / "ne_10m_admin0_IQ_SY_deu.geojson"


@pytest.fixture
def outlines(transactional_db):
    """Real country outlines when ../shared is present (nicer screenshot); none otherwise.

    The map must work without any boundaries too, so this fixture never skips.
    """
    if not NATURAL_EARTH.exists():
        return
    import json

    shapes = {}
    for feature in json.loads(NATURAL_EARTH.read_text())["features"]:
        geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        if geom.geom_type == "Polygon":
            geom = MultiPolygon(geom, srid=4326)
        code = feature["properties"]["ISO_A2"]
        shapes[code] = geom
        AdminArea.objects.create(
            level=0,
            pcode=code,
            name_en=feature["properties"]["NAME"],
            country_code=code,
            geom=geom,
            source=Source.NATURAL_EARTH,
        )
    shared = shapes["IQ"].boundary.intersection(shapes["SY"].boundary)
    parts = [shared] if shared.geom_type == "LineString" else list(shared)
    lines = [g for g in parts if g.geom_type == "LineString"]
    if lines:
        Border.objects.create(
            code="IQ-SY",
            name="Iraq-Syria border",
            source=Source.NATURAL_EARTH,
            geom=MultiLineString(*lines, srid=4326),
        )


@pytest.fixture
def analyst(transactional_db):
    # Made in a fixture, before the browser starts: see the note in browser_page.
    return user_with_role("viewer", username="analyst", password=PASSWORD)


@pytest.fixture
def incidents(transactional_db):
    report = ReportFactory(publisher="Shafaq News", url="https://shafaq.example/en/1", title="Strike")
    return {
        "mosul": IncidentFactory(
            report=report,
            location=Point(43.13, 36.34, srid=4326),
            location_name="Mosul",
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            summary="An air strike hit a position near Mosul.",
            event_date=dt.date(2021, 5, 17),
        ),
        "deir": IncidentFactory(
            location=Point(40.14, 35.33, srid=4326),
            location_name="Deir ez-Zor",
            event_type="Battles",
            sub_event_type="Armed clash",
            country_code="SY",
            summary="Clashes in the desert.",
            event_date=dt.date(2021, 4, 2),
        ),
        "hostile": IncidentFactory(
            report=ReportFactory(url="javascript:alert(1)", publisher="Evil"),
            location=Point(41.87, 36.32, srid=4326),
            location_name="Sinjar",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            summary=HOSTILE,
            event_date=dt.date(2021, 5, 1),
        ),
    }


def log_in(page, base_url: str) -> None:
    page.goto(base_url + "/")
    assert "/accounts/login/" in page.url
    page.screenshot(path=str(ARTIFACTS / "login.png"))
    page.fill('input[name="username"]', "analyst")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(base_url + "/")


def open_popup(page, incident_id: int):
    page.locator(f"path.atlas-incident-{incident_id}").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    return popup


def test_map_markers_popups_and_no_xss(live_server, analyst, outlines, incidents, browser_page):
    page = browser_page
    host = live_server.url
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((host, "data:", "blob:")) else page.external_requests.append(r.url)
        ),
    )
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    log_in(page, host)
    page.wait_for_selector("path.atlas-marker", timeout=15_000)
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 3")
    assert "3 incidents in view" in page.locator("#map-status").inner_text()

    popup = open_popup(page, incidents["mosul"].id)
    text = popup.inner_text()
    assert "An air strike hit a position near Mosul." in text
    assert "2021-05-17" in text and "Air/drone strike" in text and "Mosul" in text
    link = popup.locator("a")
    assert link.get_attribute("href") == "https://shafaq.example/en/1"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("target") == "_blank"
    page.keyboard.press("Escape")
    # The closed popup fades out before it leaves the DOM; wait so only one is ever present.
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")

    popup = open_popup(page, incidents["hostile"].id)
    assert HOSTILE in popup.inner_text()
    assert popup.locator("img").count() == 0
    # A javascript: URL is not turned into a link.
    assert popup.locator("a").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"

    # Popups fade in; wait for the end so the screenshot shows it crisp.
    page.wait_for_function("getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    page.screenshot(path=str(ARTIFACTS / "map.png"))

    # Filter change reloads: untick two of the three types present.
    page.uncheck('input[value="Battles"]')
    page.uncheck('input[value="Violence against civilians"]')
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 1")
    export_href = page.locator("#export-link").get_attribute("href")
    assert "event_type=Explosions%2FRemote+violence" in export_href
    assert "event_type=Battles" not in export_href

    # Nineveh preset: Deir ez-Zor drops out of view once the filter is back.
    page.check('input[value="Battles"]')
    page.check('input[value="Violence against civilians"]')
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 3")
    page.click('button[data-preset="nineveh"]')
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 2")

    # Heatmap toggle swaps the markers for a heat canvas and back.
    page.check("#heat-toggle")
    page.wait_for_selector("canvas.leaflet-heatmap-layer")
    assert page.locator("path.atlas-marker").count() == 0
    page.uncheck("#heat-toggle")
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 2")

    assert page.evaluate("typeof window.__xss") == "undefined"
    assert errors == []
    assert page.external_requests == []


@pytest.fixture
def unlocated(transactional_db):
    return IncidentFactory(location=None, location_name="Kharbat Nuri", summary=HOSTILE,
                           event_date=dt.date(2021, 4, 20))


def test_timeline_picks_the_map_dates(live_server, analyst, incidents, unlocated, browser_page):
    page = browser_page
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, live_server.url)
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 3")
    # The incident without a location is on no map (nor, being in no view, on the
    # timeline), but the status says it exists.
    page.wait_for_selector(".atlas-unlocated")
    assert page.locator("#map-status").inner_text() == "3 incidents in view · 1 incident without a location"
    # 2021-04-02 to 2021-05-17: 46 days, one bar a day, empty days included.
    page.wait_for_function("document.querySelectorAll('g.atlas-tl-bucket').length === 46")
    assert "3 incidents in view over all dates, one bar a day" in page.locator("#timeline").inner_text()
    may17 = page.locator('g.atlas-tl-bucket[data-start="2021-05-17"]')
    assert may17.locator("title").text_content() == "2021-05-17: 1 incident (Explosions/Remote violence 1)"

    # A click picks one day: the map keeps that day's incident only.
    page.locator('g.atlas-tl-bucket[data-start="2021-05-01"]').click()
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 1")
    assert page.input_value('input[name="date_from"]') == "2021-05-01"
    assert page.input_value('input[name="date_to"]') == "2021-05-01"
    assert page.locator("g.atlas-tl-bucket.is-selected").count() == 1
    page.screenshot(path=str(ARTIFACTS / "timeline.png"))

    # A drag picks a period.
    start = page.locator('g.atlas-tl-bucket[data-start="2021-05-01"] rect.atlas-tl-hit').bounding_box()
    end = page.locator('g.atlas-tl-bucket[data-start="2021-05-17"] rect.atlas-tl-hit').bounding_box()
    y = start["y"] + start["height"] / 2
    page.mouse.move(start["x"] + start["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, y, steps=8)
    page.mouse.up()
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 2")
    assert page.input_value('input[name="date_to"]') == "2021-05-17"
    assert page.locator("g.atlas-tl-bucket.is-selected").count() == 17

    page.click("button[data-timeline-clear]")
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 3")
    assert page.input_value('input[name="date_from"]') == ""
    assert page.locator("g.atlas-tl-bucket.is-dimmed").count() == 0

    # The keyboard does the same: arrows move a one-day brush, Shift stretches it, Enter picks.
    page.focus("svg.atlas-timeline-chart")
    for _ in range(30):  # the first press puts the brush on the first day, 2021-04-02
        page.keyboard.press("ArrowRight")
    for _ in range(16):
        page.keyboard.press("Shift+ArrowRight")
    assert "2021-05-01 to 2021-05-17: 2 incidents" in page.locator("#timeline").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 2")
    assert page.input_value('input[name="date_from"]') == "2021-05-01"
    assert page.input_value('input[name="date_to"]') == "2021-05-17"
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert errors == []
