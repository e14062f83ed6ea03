"""The review workspace in headless Chromium, as editors would use it.

One editor: the queue (keyboard), the seed's unresolved "Hammam Al-Alil", the place the
gazetteer lacks added from the correction screen, the map showing the new location, the
history showing the change, and one click reverting it. Two editors: one conflict.
"""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.db import connections

from gazetteer.geoparser import name_key
from gazetteer.index import gazetteer_index_reset
from gazetteer.models import Place, PlaceName, Source
from incidents.models import Incident
from incidents.services.ingest import report_ingest
from incidents.sources.document import ReportDocument
from tests.factories import PlaceFactory, PlaceNameFactory, user_with_role
from tests.shared import shared_path
from tests.web.test_browser import ARTIFACTS, CHROMIUM, PASSWORD, sync_api

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
]
SEED = ("seed", "000_1b5e2521021af511.txt")
HAMMAM = (36.15889, 43.25944)  # lat, lon


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        yield chromium
        chromium.close()
        connections.close_all()  # see tests/web/test_browser.py: the ORM's second connection


def _place(name, code="PPLA", population=1_000_000, point=(43.11889, 36.335)):
    place = PlaceFactory(name=name, feature_code=code, population=population, admin1_code="Nineveh",
                         point=Point(*point, srid=4326))
    PlaceNameFactory(place=place, name=name, key=name_key(name), script=PlaceName.Script.LATIN)
    return place


@pytest.fixture
def seed(transactional_db):
    """The seed article, ingested against a small gazetteer that lacks Hammam Al-Alil."""
    text = shared_path(*SEED).read_text(encoding="utf-8")
    _place("Mosul")
    _place("Tal Afar", code="PPLA2", population=200_000, point=(42.44806, 36.37913))
    _place("Ninawa", code="ADM1", population=3_000_000, point=(42.8, 36.2))
    gazetteer_index_reset()
    document = ReportDocument(text=text, title="Joint operations", publisher="Shafaq News",
                              published_at=dt.datetime(2021, 5, 18, 12, 9, tzinfo=dt.UTC))
    report = report_ingest(document=document).report
    gazetteer_index_reset()
    assert report.mentions.get(surface="Hammam Al-Alil").review_reason == "unresolved"
    return Incident.objects.get(report=report, location_name="Hammam Al-Alil")


@pytest.fixture
def editors(transactional_db):
    return [user_with_role("editor", username=name, password=PASSWORD) for name in ("alice", "bob")]


def _page(browser, host, username):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda r: None if r.url.startswith((host, "data:", "blob:"))
            else page.errors.append(f"external request {r.url}"))
    page.goto(host + "/accounts/login/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(host + "/")
    return page


def _map_point(page, host, incident_id):
    """Where the map's own data source puts the incident (None when not on the map)."""
    page.goto(host + "/")
    page.wait_for_selector("#map-status")
    found = page.evaluate("""async (id) => {
        const body = await (await fetch('/api/incidents.geojson')).json();
        const f = body.features.find((f) => f.id === id || (f.properties && f.properties.id === id));
        return f ? f.geometry.coordinates : null;
    }""", incident_id)
    return None if found is None else (round(found[1], 5), round(found[0], 5))


def test_editor_adds_the_missing_place_sees_it_on_the_map_and_reverts(live_server, seed, editors, browser):
    host = live_server.url
    before = Incident.objects.get(pk=seed.pk)
    old = before.location
    old_point = None if old is None else (round(old.y, 5), round(old.x, 5))
    page = _page(browser, host, "alice")

    # The queue, by keyboard: down to the incident, open it.
    page.goto(host + "/review/?reason=unresolved")
    rows = page.locator("#review-table tbody tr[data-id]")
    ids = [int(rows.nth(i).get_attribute("data-id")) for i in range(rows.count())]
    assert seed.pk in ids
    assert "Unresolved toponym" in page.locator(f'tr[data-id="{seed.pk}"]').inner_text()
    for _ in range(ids.index(seed.pk)):
        page.keyboard.press("j")
    page.keyboard.press("o")
    page.wait_for_url(f"{host}/review/incidents/{seed.pk}/")
    assert page.locator(".review-mention.selected").inner_text() == "Hammam Al-Alil"
    page.wait_for_selector("#review-map .leaflet-marker-icon")
    page.screenshot(path=str(ARTIFACTS / "review-correct.png"), full_page=True)

    # The gazetteer lacks it: add it (both scripts, point, governorate) from this screen.
    page.click("details.review-add-place summary")
    assert page.input_value('#place-form input[name="name"]') == "Hammam Al-Alil"
    page.fill('#place-form input[name="name_ar"]', "حمام العليل")
    page.fill('#place-form input[name="lat"]', str(HAMMAM[0]))
    page.fill('#place-form input[name="lon"]', str(HAMMAM[1]))
    page.select_option('#place-form select[name="parent"]', label="Ninawa (IQ)")
    page.fill('#place-form input[name="reason"]', "sub-district seat south of Mosul")
    page.click('#place-form button[type="submit"]')
    page.wait_for_selector(".atlas-message.success")

    place = Place.objects.get(name="Hammam Al-Alil", source=Source.ANALYST)
    assert Incident.objects.get(pk=seed.pk).place == place
    assert _map_point(page, host, seed.pk) == HAMMAM

    # The history shows the change, with who and why; one click reverts it.
    page.goto(f"{host}/review/incidents/{seed.pk}/")
    latest = page.locator("#history li[data-history]").first
    text = latest.inner_text()
    assert "alice" in text and "sub-district seat south of Mosul" in text and "36.15889, 43.25944" in text
    latest.locator("button", has_text="Revert this change").click()
    page.wait_for_selector(".atlas-message.success")
    assert "revert of the change" in page.locator("#history li[data-history]").first.inner_text()

    after = Incident.objects.get(pk=seed.pk)
    assert after.place_id == before.place_id
    assert _map_point(page, host, seed.pk) == old_point
    assert page.errors == []


def test_two_editors_one_conflict_message(live_server, seed, editors, browser):
    host = live_server.url
    alice, bob = _page(browser, host, "alice"), _page(browser, host, "bob")
    url = f"{host}/review/incidents/{seed.pk}/"
    alice.goto(url)
    bob.goto(url)  # both opened the same version

    alice.fill('#edit-form input[name="fatalities"]', "4")
    alice.fill('#edit-form input[name="reason"]', "ministry statement")
    alice.click("#save-button")
    alice.wait_for_selector(".atlas-message.success")

    bob.fill('#edit-form input[name="actor2"]', "Islamic State (Iraq)")
    bob.click("#save-button")
    conflict = bob.locator("#conflict")
    conflict.wait_for()
    text = conflict.inner_text()
    assert "alice" in text and "Fatalities" in text and "4" in text and "ministry statement" in text
    assert bob.input_value('#edit-form input[name="actor2"]') == "Islamic State (Iraq)"  # nothing lost
    assert alice.locator("#conflict").count() == 0
    bob.screenshot(path=str(ARTIFACTS / "review-conflict.png"), full_page=True)
    stored = Incident.objects.get(pk=seed.pk)
    assert (stored.fatalities, stored.actor2) == (4, seed.actor2)
    assert alice.errors == [] and bob.errors == []
