"""The XSS payload table in headless Chromium: no payload runs anywhere it is shown.

Every payload of tests/hostile/payloads.py is put in every field a map popup, the review
screen or the standalone HTML map shows (summary, actors, location, governorate,
district, publisher, title, a javascript: URL, place and area names). The test opens
each popup, the correction screen with its candidates, and the exported HTML map, and
asserts that no payload ran (``window.__xss`` undefined, no dialog opened), that no
payload made an element (no img, svg, iframe or script inside a popup) and that no
template syntax was evaluated ("49z9z", "14z9z" absent). Uses the system Chromium and
the fixtures of tests/web/test_browser.py.
"""
# The fixtures imported from test_browser.py are test arguments, not redefinitions.
# ruff: noqa: F811

import pytest
from django.contrib.gis.geos import Point

from incidents.exports.folium_map import incidents_map
from incidents.filters import IncidentFilter
from incidents.models import Mention
from tests.factories import (
    AdminAreaFactory,
    IncidentFactory,
    PlaceFactory,
    ReportFactory,
    square,
    user_with_role,
)
from tests.hostile.payloads import EVALUATED, JS_URL, XSS
from tests.web.test_browser import (  # noqa: F401 - fixtures
    ARTIFACTS,
    PASSWORD,
    _allow_orm_beside_playwright,
    browser_page,
    log_in,
)

pytestmark = [pytest.mark.browser]
NOT_RUN = "typeof window.__xss === 'undefined'"


@pytest.fixture
def editor(transactional_db):
    return user_with_role("editor", username="analyst", password=PASSWORD)


@pytest.fixture
def hostile(transactional_db):
    AdminAreaFactory(name_en=XSS["img-onerror"], pcode="IQG98", geom=square(41.0, 33.0, 1.0))
    made = {}
    for i, (name, payload) in enumerate(XSS.items()):
        text = f"Clashes in {payload} near Mosul."
        report = ReportFactory(title=payload, publisher=payload[:200], url=JS_URL, text=text)
        place = PlaceFactory(name=payload[:200], ascii_name=payload[:200])
        Mention.objects.create(report=report, start=11, end=11 + len(payload), surface=payload[:300],
                               needs_review=True, review_reason="unresolved", place=place,
                               candidates=[{"place_id": place.pk, "name": payload, "score": 0.5,
                                            "lat": 36.3, "lon": 43.1}])
        made[name] = IncidentFactory(
            report=report, review_status="needs_review", fatalities=2, geo_precision=3,
            location=Point(39.5 + (i % 4) * 1.2, 33.5 + (i // 4) * 1.0, srid=4326),
            **{field: payload[:200] for field in ("summary", "actor1", "actor2", "location_name", "admin1",
                                                  "admin2")})
    return made


def watch(page) -> list[str]:
    """Dialogs the page opened (each dismissed) and its uncaught errors."""
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda exc: events.append(f"error: {exc}"))
    return events


def assert_nothing_ran(page, events) -> None:
    assert page.evaluate(NOT_RUN), page.evaluate("window.__xss")
    text = page.evaluate("document.body.innerText")
    assert not [marker for marker in EVALUATED if marker in text]
    assert not [e for e in events if e.startswith("dialog")], events


def test_payloads_never_run_in_map_popups(live_server, editor, hostile, browser_page):
    page = browser_page
    events = watch(page)
    log_in(page, live_server.url)
    page.goto(live_server.url + "/?c=35.0,41.3&z=7")
    page.wait_for_function(f"document.querySelectorAll('path.atlas-marker').length >= {len(XSS)}",
                           timeout=20_000)
    for name, incident in hostile.items():
        page.locator(f"path.atlas-incident-{incident.id}").dispatch_event("click")  # under a legend or not
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible")
        assert popup.locator("img, svg, iframe, script, object, embed").count() == 0, name
        assert popup.locator("a[href^='javascript']").count() == 0, name
        # The payload is shown, as text (innerText drops the RLO's effect, not the characters).
        assert XSS[name][:30].strip() in popup.inner_text(), name
        page.locator(".leaflet-popup-close-button").dispatch_event("click")
        page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
        assert_nothing_ran(page, events)
    page.screenshot(path=str(ARTIFACTS / "hostile-map.png"))


def test_payloads_never_run_on_the_correction_screen(live_server, editor, hostile, browser_page):
    page = browser_page
    events = watch(page)
    log_in(page, live_server.url)
    for incident in hostile.values():
        response = page.goto(f"{live_server.url}/review/incidents/{incident.id}/")
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        assert page.locator("main a[href^='javascript'], main img[onerror]").count() == 0
        # The candidates' markers on the small map: their tooltips show the place names.
        markers = page.locator("path.leaflet-interactive")
        assert markers.count() >= 1
        for i in range(markers.count()):
            markers.nth(i).dispatch_event("mouseover")
        page.wait_for_selector(".leaflet-tooltip")
        made = page.locator(".leaflet-tooltip img, .leaflet-tooltip svg, .leaflet-tooltip iframe")
        assert made.count() == 0
        assert_nothing_ran(page, events)
    page.goto(f"{live_server.url}/review/")
    page.wait_for_load_state("networkidle")
    assert_nothing_ran(page, events)


def test_payloads_never_run_in_the_exported_html_map(transactional_db, hostile, browser_page, tmp_path):
    path = tmp_path / "map.html"
    path.write_text(incidents_map(filters=IncidentFilter(actor="")).html, encoding="utf-8")
    page = browser_page
    events = watch(page)
    page.goto(path.as_uri())
    page.wait_for_selector("path.atlas-marker")
    for incident in list(hostile.values()):
        marker = page.locator(f"path.atlas-incident-{incident.id}")
        if marker.count():
            marker.first.dispatch_event("click")
            popup = page.locator(".leaflet-popup-content").last
            popup.wait_for(state="visible")
            assert popup.locator("img, svg, iframe, script").count() == 0
            page.locator(".leaflet-popup-close-button").last.dispatch_event("click")
            page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    assert_nothing_ran(page, events)


def test_payloads_in_the_map_address_never_run(live_server, editor, hostile, browser_page):
    """views.js restores filters, view, layers and metric from the address: a shared link
    is attacker-controlled text too."""
    from urllib.parse import urlencode

    page = browser_page
    events = watch(page)
    log_in(page, live_server.url)
    for payload in list(XSS.values())[:8]:
        query = urlencode({"actor": payload, "q": payload, "c": payload, "z": payload, "layers": payload,
                           "metric": payload, "event_type": payload, "none": payload, "date_from": payload})
        page.goto(f"{live_server.url}/?{query}")
        page.wait_for_load_state("networkidle")
        assert page.locator("img[onerror], svg[onload], iframe").count() == 0
        assert_nothing_ran(page, events)
