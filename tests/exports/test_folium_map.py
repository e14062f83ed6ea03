"""The standalone folium HTML map: offline (Leaflet inlined, no remote URL), escaped text."""

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.gis.geos import LineString, MultiLineString, Point
from django.contrib.staticfiles import finders
from django.urls import reverse

from gazetteer.models import Border, Source
from incidents.exports.folium_map import incidents_map
from incidents.extraction.taxonomy import EVENT_COLOURS
from incidents.filters import IncidentFilter
from tests.factories import AdminAreaFactory, IncidentFactory, ReportFactory, square

URL = reverse("incidents:export-html")
HOSTILE = '<img src=x onerror="window.__xss=1">`${window.__xss=2}`</script><script>window.__xss=3</script>\\'
CHROMIUM = Path("/usr/bin/chromium")


class _Tags(HTMLParser):
    """Every tag's attributes, and the text of inline scripts."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def remote_refs(html: str) -> list[str]:
    """URLs the browser would fetch on its own: script src, link href, img/iframe src."""
    refs = []
    for tag, attrs in parse(html).tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            if tag in ("script", "link", "img", "iframe") and value:
                refs.append(value)
    return refs


def bound_text(html: str, incident_id: int, method: str) -> str:
    """The string passed to bindPopup/bindTooltip for one incident's marker."""
    marker = re.search(
        rf"var (circle_marker_\w+) = L\.circleMarker\([^;]*?atlas-incident-{incident_id}\b", html, re.S
    ).group(1)
    call = re.search(re.escape(marker) + r"\." + method + r"\(\s*(\".*?\"), \{", html, re.S)
    return json.loads(call.group(1))


@pytest.fixture
def hostile(db):
    report = ReportFactory(url="javascript:alert(1)", publisher=HOSTILE)
    return IncidentFactory(report=report, summary=HOSTILE, location_name=HOSTILE, actor1=HOSTILE)


def test_download_is_offline_html(client_logged_in, hostile):
    response = client_logged_in.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="incidents.html"'
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    # Nothing to fetch: no script src, no stylesheet link, no remote image.
    assert remote_refs(html) == []
    for cdn in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "bootstrapcdn"):
        assert cdn not in html
    # Leaflet itself is inlined, byte for byte, from the installed package.
    leaflet_js = Path(finders.find("vendor/leaflet/leaflet.js")).read_text(encoding="utf-8")
    assert leaflet_js in parse(html).scripts
    assert "url(images/" not in html  # CSS images inlined as data: URIs


def test_hostile_report_text_is_escaped(client_logged_in, hostile):
    html = client_logged_in.get(URL).content.decode()
    # The raw markup never appears, not even inside a script.
    assert "<img src=x" not in html
    assert "window.__xss=3</script>" not in html
    popup = bound_text(html, hostile.id, "bindPopup")
    assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in popup
    assert "<img" not in popup and "<script" not in popup
    # A javascript: URL is not turned into a link.
    assert "href=" not in popup
    tooltip = bound_text(html, hostile.id, "bindTooltip")
    assert "&lt;/script&gt;" in tooltip and "<" not in tooltip


def test_markers_coloured_filtered_and_fitted(client_logged_in):
    battle = IncidentFactory(
        event_type="Battles", sub_event_type="Armed clash", location=Point(40.1, 34.5, srid=4326)
    )
    strike = IncidentFactory(location=Point(43.1, 36.3, srid=4326), fatalities=None)
    unlocated = IncidentFactory(location=None)
    protest = IncidentFactory(
        event_type="Protests", sub_event_type="Peaceful protest", event_date=dt.date(2020, 1, 1)
    )
    html = client_logged_in.get(URL, {"date_from": "2021-01-01"}).content.decode()
    for incident in (battle, strike):
        pattern = rf"L\.circleMarker\(\s*(\[[^\]]*\]),\s*(\{{[^}}]*atlas-incident-{incident.id}\b[^}}]*\}})"
        marker = re.search(pattern, html)
        assert json.loads(marker.group(1)) == [incident.location.y, incident.location.x]
        assert json.loads(marker.group(2))["fillColor"] == EVENT_COLOURS[incident.event_type]
    assert f"atlas-incident-{unlocated.id}" not in html and f"atlas-incident-{protest.id}" not in html
    assert "Fatalities</dt><dd>unknown" in bound_text(html, strike.id, "bindPopup")
    assert "1 matching incident without a location not shown" in html
    fit = re.search(r"map_\w+\.fitBounds\(\s*(\[\[.*?\]\]),", html, re.S)
    assert json.loads(fit.group(1)) == [[34.5, 40.1], [36.3, 43.1]]


def test_border_and_country_outlines_drawn(client_logged_in):
    AdminAreaFactory(level=0, pcode="IQ", name_en="Iraq", geom=square(39.0, 29.0, 9.0))
    line = MultiLineString(LineString((41.0, 34.5), (41.2, 36.0), (42.3, 37.1)), srid=4326)
    Border.objects.create(code="IQ-SY", name="Iraq-Syria border", geom=line, source=Source.OCHA)
    html = client_logged_in.get(URL).content.decode()
    assert '"code": "IQ-SY"' in html and "[42.3, 37.1]" in html
    assert '"kind": "country"' in html and '"dashArray": "8 6"' in html


def test_tiles_only_when_configured(client_logged_in, settings, db):
    IncidentFactory()
    assert "L.tileLayer" not in client_logged_in.get(URL).content.decode()
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Example tiles"
    html = client_logged_in.get(URL).content.decode()
    assert "L.tileLayer" in html and '"https://tiles.example/{z}/{x}/{y}.png"' in html
    assert remote_refs(html) == []


def test_limit_says_what_is_left_out(db):
    for day in (1, 2, 3):
        IncidentFactory(event_date=dt.date(2021, 5, day))
    rendered = incidents_map(filters=IncidentFilter(), limit=2)
    assert (rendered.shown, rendered.total, rendered.unlocated) == (2, 3, 0)
    assert "Newest 2 of 3 shown" in rendered.html


def test_empty_map_fits_the_border_region(db):
    rendered = incidents_map(filters=IncidentFilter.from_query({"event_type": "Riots"}))
    assert rendered.shown == 0
    assert "0 incidents on the map" in rendered.html
    assert re.search(r"map_\w+\.fitBounds\(\s*\[\[33\.0, 38\.5\], \[37\.5, 43\.5\]\]", rendered.html)


def test_bad_filter_anonymous_and_post(client, client_logged_in):
    response = client_logged_in.get(URL, {"review_status": "maybe"})
    assert response.status_code == 400 and "review_status" in response.json()["error"]
    assert client_logged_in.post(URL).status_code == 405
    client.logout()
    assert client.get(URL).status_code == 401


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed")
def test_opens_offline_in_chromium(hostile, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    path = tmp_path / "incidents.html"
    path.write_text(incidents_map(filters=IncidentFilter()).html, encoding="utf-8")
    external, errors = [], []
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
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        def block(route):
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:
                external.append(route.request.url)
                route.abort()

        page.route("**/*", block)
        page.goto(path.as_uri())
        page.locator(f"path.atlas-incident-{hostile.id}").click(force=True)
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert HOSTILE in popup.inner_text()
        assert popup.locator("img").count() == 0 and popup.locator("a").count() == 0
        xss = page.evaluate("typeof window.__xss")
        browser.close()
    assert xss == "undefined"
    assert errors == [] and external == []
