"""Every kind of page under the Content Security Policy in headless Chromium: no violation.

The map, the review queue and correction screen, the API docs (Swagger UI from the sidecar)
and the admin with its geometry widget are loaded signed in as an admin; a listener for
``securitypolicyviolation`` installed before any page script runs, and the console, must stay
silent about CSP. One page that breaks the policy on purpose proves the listener hears it.
"""

import pytest
from django.contrib.gis.geos import Point
from django.db import connections

from tests.factories import IncidentFactory, ReportFactory, user_with_role
from tests.web.test_browser import (  # noqa: F401 - fixtures
    ARTIFACTS,
    CHROMIUM,
    PASSWORD,
    _allow_orm_beside_playwright,
    sync_api,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
]

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push([e.violatedDirective, e.blockedURI || 'inline', e.sourceFile, e.lineNumber].join(' '));
});
"""
# (path template, a selector that shows the page's own scripts ran)
PAGES = [
    ("/", ".leaflet-container"),
    ("/review/", ".review-page"),
    ("/review/incidents/{incident}/", ".leaflet-container"),
    ("/docs/api/", ".swagger-ui .info .title"),
    ("/admin/", "#content"),
    ("/admin/incidents/incident/{incident}/change/", ".atlas-geometry-widget .leaflet-container"),
]


@pytest.fixture
def browser_page():
    """Chromium that enforces the policy (the other browser tests' pages bypass it)."""
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        yield page
        browser.close()
        connections.close_all()  # see tests/web/test_browser.py: the ORM's second connection


@pytest.fixture
def admin_user(transactional_db):
    user = user_with_role("admin", username="csp-admin", password=PASSWORD, is_superuser=True)
    report = ReportFactory(title="CSP")
    incident = IncidentFactory(report=report, location=Point(43.13, 36.34, srid=4326), location_name="Mosul")
    return user, incident


def _violations(page, console):
    return page.evaluate("window.__csp || []") + [m for m in console if "Content Security Policy" in m]


def _log_in(page, host):
    page.goto(host + "/accounts/login/")
    page.fill('input[name="username"]', "csp-admin")
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(host + "/")


def test_pages_run_under_the_policy_without_violations(live_server, admin_user, browser_page):
    _, incident = admin_user
    page, host = browser_page, live_server.url
    console = []
    page.on("console", lambda msg: console.append(msg.text))
    page.add_init_script(LISTEN)
    _log_in(page, host)
    for template, ready in PAGES:
        path = template.format(incident=incident.pk)
        response = page.goto(host + path)
        assert response.status == 200, path
        policy = response.headers.get("content-security-policy", "")
        script_src = policy.split("script-src")[1].split(";")[0]
        assert "'self'" in script_src and "unsafe-inline" not in script_src
        page.wait_for_selector(ready, timeout=20_000)
        page.wait_for_timeout(300)  # late violations (fonts, workers) are reported asynchronously
        assert _violations(page, console) == [], path
        console.clear()
    page.screenshot(path=str(ARTIFACTS / "csp-admin-geometry.png"))


def test_the_listener_hears_an_inline_script(live_server, admin_user, browser_page):
    page, host = browser_page, live_server.url
    console = []
    page.on("console", lambda msg: console.append(msg.text))
    page.add_init_script(LISTEN)
    _log_in(page, host)
    page.evaluate("""() => { const s = document.createElement('script');
                              s.textContent = 'window.__ran = 1'; document.body.appendChild(s); }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in _violations(page, console))
