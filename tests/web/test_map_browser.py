"""The analyst's map at scale, in headless Chromium: shared addresses, presets, exact
counts per cell, uncertainty areas, the play control, escaping, no network.

Uses the system Chromium and the fixtures of test_browser.py (log-in, no external request).
"""
# The fixtures imported from test_browser.py are test arguments, not redefinitions.
# ruff: noqa: F811

import datetime as dt
import json
import random

import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from incidents import grid
from incidents.models import Incident
from incidents.selectors.map import MAX_FEATURES
from tests.factories import AdminAreaFactory, IncidentFactory, ReportFactory, square
from tests.web.test_browser import (  # noqa: F401 - fixtures
    ARTIFACTS,
    HOSTILE,
    _allow_orm_beside_playwright,
    analyst,
    browser_page,
    log_in,
)

pytestmark = [pytest.mark.browser]

IDLE = "document.documentElement.getAttribute('data-map-idle') === '1'"


def loaded(page) -> None:
    """Wait for the map's first view, then for every scheduled reload to settle."""
    page.wait_for_function(IDLE, timeout=20_000)
    page.wait_for_function("!document.getElementById('map-status').textContent.startsWith('Loading')")


def status_total(page) -> int:
    page.wait_for_function("document.getElementById('map-status').hasAttribute('data-total')")
    return int(page.locator("#map-status").get_attribute("data-total"))


def view_of(url: str) -> tuple[float, float, float]:
    from urllib.parse import parse_qs, urlparse

    query = parse_qs(urlparse(url).query)
    lat, lon = map(float, query["c"][0].split(","))
    return lat, lon, float(query["z"][0])


@pytest.fixture
def spread(transactional_db):
    report = ReportFactory(publisher="Shafaq News", url="https://shafaq.example/en/1")
    return {
        "mosul": IncidentFactory(report=report, location=Point(43.13, 36.34, srid=4326), actor1="ISIS",
                                 event_type="Battles", sub_event_type="Armed clash",
                                 event_date=dt.date(2021, 5, 17)),
        "sinjar": IncidentFactory(location=Point(41.87, 36.32, srid=4326), actor1="PKK", actor2="",
                                  event_type="Battles", sub_event_type="Armed clash",
                                  event_date=dt.date(2021, 4, 2)),
        "deir": IncidentFactory(location=Point(40.14, 35.33, srid=4326), country_code="SY",
                                event_date=dt.date(2021, 3, 1)),
    }


def test_a_shared_address_restores_filters_and_view(live_server, analyst, spread, browser_page):
    page = browser_page
    log_in(page, live_server.url)
    loaded(page)
    page.goto(live_server.url + "/?event_type=Battles&actor=ISIS&c=36.30000,43.00000&z=8&layers=heat,areas")
    loaded(page)
    assert page.input_value('input[name="actor"]') == "ISIS"
    assert page.is_checked('input[value="Battles"]') and not page.is_checked('input[value="Riots"]')
    assert page.is_checked("#heat-toggle") and not page.is_checked("#choropleth-toggle")
    assert view_of(page.url) == (36.3, 43.0, 8.0)
    assert status_total(page) == 1  # Battles by ISIS: Mosul only

    # Change the view and a filter in the page: the address follows, and opens the same view.
    page.uncheck("#heat-toggle")
    page.fill('input[name="actor"]', "")
    page.select_option('select[name="country"]', "IQ")
    page.wait_for_function("location.search.includes('country=IQ') && !location.search.includes('actor')")
    loaded(page)
    shared = page.url
    page.goto(live_server.url + "/")
    loaded(page)
    page.goto(shared)
    loaded(page)
    assert page.input_value('select[name="country"]') == "IQ"
    assert not page.is_checked("#heat-toggle")
    assert view_of(page.url) == view_of(shared)
    assert status_total(page) == 2  # Battles in Iraq: Mosul and Sinjar


def test_a_governorate_preset_moves_the_map(live_server, analyst, spread, browser_page):
    AdminAreaFactory(name_en="Anbar", pcode="IQG01", geom=square(39.0, 32.0, 3.0))
    AdminAreaFactory(name_en="Dahuk", pcode="IQG08", geom=square(42.5, 36.6, 1.0))
    page = browser_page
    log_in(page, live_server.url)
    loaded(page)
    page.select_option("#governorate-preset", "IQG08")
    page.wait_for_function("location.search.includes('z=') && Math.abs(Number(new URLSearchParams("
                           "location.search).get('c').split(',')[1]) - 43.0) < 0.1")
    lat, lon, zoom = view_of(page.url)
    assert abs(lat - 37.1) < 0.1 and zoom >= 8
    page.select_option("#governorate-preset", "IQG01")
    page.wait_for_function("Math.abs(Number(new URLSearchParams(location.search).get('c')"
                           ".split(',')[0]) - 33.5) < 0.2")
    assert view_of(page.url)[2] < zoom


MANY = MAX_FEATURES + 5_000


@pytest.fixture
def many_incidents(transactional_db):
    """MANY incidents, more than the map draws one by one (selectors.map.MAX_FEATURES)."""
    rng = random.Random(14)
    report = ReportFactory()
    towns = [(43.13, 36.34), (44.36, 33.31), (39.01, 35.95), (40.14, 35.33), (47.78, 30.51)]
    rows = []
    for i in range(MANY):
        lon, lat = towns[i % len(towns)]
        rows.append(Incident(
            report=report, event_date=dt.date(2015, 1, 1) + dt.timedelta(days=i % 2000),
            event_type=("Battles", "Explosions/Remote violence", "Riots")[i % 3],
            sub_event_type="Armed clash",
            location=Point(lon + rng.gauss(0, 0.5), lat + rng.gauss(0, 0.4), srid=4326),
            summary=f"Incident {i}", country_code="IQ"))
    # Written with the triggers off and counted once after (as bench/map_incidents.py does):
    # Tens of thousands of rows through the triggers take minutes on PostGIS. The triggers' own
    # exactness is tested in tests/selectors/test_map_data.py.
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for statement in grid.drop_sql(vendor):
            cursor.execute(statement)
    try:
        Incident.objects.bulk_create(rows, batch_size=5000)
    finally:
        with connection.cursor() as cursor:
            for statement in grid.rebuild_sql(vendor) + grid.install_sql(vendor):
                cursor.execute(statement)


def test_at_a_low_zoom_the_cells_counts_add_up_to_the_status_total(
        live_server, analyst, many_incidents, browser_page):
    page = browser_page
    log_in(page, live_server.url)
    page.goto(live_server.url + "/?c=33.5,42.0&z=5")
    loaded(page)
    assert status_total(page) == MANY
    assert f"{MANY:,} incidents in view" in page.locator("#map-status").inner_text()
    counts = page.eval_on_selector_all(".atlas-cell-count", "els => els.map(e => e.textContent)")
    assert 1 < len(counts) < 200
    assert sum(int(c.replace(",", "")) for c in counts) == MANY
    assert page.locator("path.atlas-marker").count() == 0  # no incident drawn one by one
    page.screenshot(path=str(ARTIFACTS / "cells.png"))


def test_an_imprecise_incident_draws_its_area(live_server, analyst, browser_page):
    area = AdminAreaFactory(name_en="Nineveh", pcode="IQG15", geom=square(41.5, 35.5, 1.5))
    exact = IncidentFactory(geo_precision=1, location=Point(43.13, 36.34, srid=4326))
    near = IncidentFactory(geo_precision=2, uncertainty_km=20.0, location=Point(42.6, 36.4, srid=4326),
                           estimate=Point(42.8, 36.4, srid=4326), location_name="Tal Afar")
    region = IncidentFactory(geo_precision=3, admin1=area.name_en, location=Point(42.0, 36.0, srid=4326))
    page = browser_page
    log_in(page, live_server.url)
    page.goto(live_server.url + "/?c=36.2,42.5&z=8")
    loaded(page)
    page.wait_for_selector(f"path.atlas-uncertainty-{near.id}", state="attached")
    assert page.locator(f"path.atlas-uncertainty-{exact.id}").count() == 0
    assert page.locator("path.atlas-precision-2").count() == 1
    # The governorate an incident is coded to shows while the marker is hovered.
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 3")
    page.locator(f"path.atlas-incident-{region.id}").hover()
    page.wait_for_selector("path.atlas-hover-area")
    page.locator(f"path.atlas-incident-{near.id}").click()
    popup = page.locator(".leaflet-popup-content")
    assert "near Tal Afar" in popup.inner_text() and "20 km" in popup.inner_text()
    page.screenshot(path=str(ARTIFACTS / "uncertainty.png"))


def test_the_play_control_moves_the_date_window(live_server, analyst, spread, browser_page):
    page = browser_page
    log_in(page, live_server.url)
    loaded(page)
    page.wait_for_function("document.querySelectorAll('g.atlas-tl-bucket').length > 0")
    page.click("#play-toggle")
    page.wait_for_function("document.querySelector('input[name=date_from]').value === '2021-03-01'")
    assert page.input_value('input[name="date_to"]') == "2021-03-01"
    page.wait_for_function("document.querySelector('input[name=date_from]').value === '2021-03-02'",
                           timeout=5_000)
    assert page.locator("g.atlas-tl-bucket.is-selected").count() == 1
    assert "date_from=2021-03-02" in page.url
    page.click("#play-toggle")  # pause
    assert page.get_attribute("#play-toggle", "aria-pressed") == "false"


def test_hostile_report_text_is_escaped_in_popup_and_choropleth(live_server, analyst, browser_page):
    AdminAreaFactory(name_en=HOSTILE, pcode="IQG99", geom=square(42.0, 35.5, 2.0))
    incident = IncidentFactory(
        report=ReportFactory(publisher=HOSTILE, title=HOSTILE, url="javascript:alert(1)"),
        summary=HOSTILE, location_name=HOSTILE, admin1=HOSTILE, actor1=HOSTILE, fatalities=4,
        location=Point(43.0, 36.4, srid=4326), geo_precision=3)
    incident.other_reports.add(ReportFactory(publisher="Rudaw", url="https://rudaw.example/2",
                                             published_at=dt.datetime(2021, 5, 19, tzinfo=dt.UTC)))
    page = browser_page
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, live_server.url)
    page.goto(live_server.url + "/?c=36.4,43.0&z=8&layers=choropleth")
    loaded(page)
    page.locator(f"path.atlas-incident-{incident.id}").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    text = popup.inner_text()
    assert HOSTILE in text and f"somewhere in {HOSTILE} governorate" in text
    assert "Rudaw · 2021-05-19" in text
    assert popup.locator("a").get_attribute("href") == "https://rudaw.example/2"
    assert popup.locator("img").count() == 0 and popup.locator("a").count() == 1
    page.keyboard.press("Escape")
    page.wait_for_selector("path.atlas-area-IQG99")
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    box = page.locator("path.atlas-area-IQG99").bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] - 10)
    tooltip = page.locator(".leaflet-tooltip").filter(has_text="incident")
    tooltip.wait_for()
    assert HOSTILE in tooltip.inner_text() and "1 incident, 4 fatalities" in tooltip.inner_text()
    assert page.locator(".leaflet-tooltip img").count() == 0
    key = page.locator(".atlas-choropleth-key")
    assert "Incidents" in key.inner_text() and key.locator(".atlas-legend-row").count() == 1  # max 1
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert errors == []


def test_the_page_works_with_no_network(live_server, analyst, spread, browser_page):
    page = browser_page
    host = live_server.url
    blocked = []

    def offline(route):
        if route.request.url.startswith(host):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", offline)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, host)
    loaded(page)
    page.wait_for_function("document.querySelectorAll('path.atlas-marker').length === 3")
    assert status_total(page) == 3
    assert json.loads(page.locator("#atlas-taxonomy").text_content())["eventTypes"][0] == "Battles"
    assert blocked == [] and [e for e in errors if "favicon" not in e] == []
