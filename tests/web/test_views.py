"""Map page and login: access control, offline assets, header links, config block."""

import json
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory, user_with_role

MAP = reverse("incidents:map")


@pytest.mark.django_db
def test_anonymous_redirects_to_login(client):
    response = client.get(MAP)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


@pytest.mark.django_db
def test_login_page_renders_form(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' in html and 'name="password"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_login_with_wrong_password_shows_error(client):
    UserFactory(username="ana")
    response = client.post(reverse("login"), {"username": "ana", "password": "wrong"})
    assert response.status_code == 200
    assert 'class="atlas-error"' in response.content.decode()


def test_map_page_assets_are_local(client_logged_in):
    response = client_logged_in.get(MAP)
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", html)
    links = re.findall(r"<link\b[^>]*\bhref=\"([^\"]+)\"", html)
    assert len(scripts) == 7 and len(links) == 5  # Leaflet, 2 plugins, timeline, popup, views, map.js
    for url in scripts + links:
        assert url.startswith("/static/"), url
    # No inline code: every script tag has a src except the JSON config and taxonomy blocks.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' id="atlas-config" type="application/json"',
                      ' id="atlas-taxonomy" type="application/json"']


def test_map_page_config_and_header(client_logged_in, user):
    html = client_logged_in.get(MAP).content.decode()
    match = re.search(r'<script id="atlas-config" type="application/json">(.*?)</script>', html, re.S)
    config = json.loads(match.group(1))
    assert config["incidentsUrl"] == reverse("incidents:incidents-geojson")
    assert config["boundariesUrl"] == reverse("incidents:boundaries-geojson")
    assert config["timelineUrl"] == reverse("incidents:incidents-timeline")
    assert config["tileUrl"] == ""
    assert config["presets"]["border"]["bounds"] == [[33.0, 38.5], [37.5, 43.5]]
    assert config["presets"]["nineveh"]["bounds"] == [[35.3, 41.2], [37.1, 44.2]]
    match = re.search(r'<script id="atlas-taxonomy" type="application/json">(.*?)</script>', html, re.S)
    taxonomy = json.loads(match.group(1))
    assert taxonomy["eventTypes"][0] == "Battles" and taxonomy["eventColours"]["Battles"] == "#d62728"
    assert taxonomy["geoPrecision"] == {"1": "1 · the town itself", "2": "2 · near a town",
                                        "3": "3 · wider region"}
    assert user.username in html
    assert f'href="{reverse("incidents:export-csv")}"' in html
    assert f'action="{reverse("logout")}"' in html and 'method="post"' in html
    assert 'value="Violence against civilians"' in html
    # Admin link only for staff.
    assert reverse("admin:index") not in html
    # Every map user can list the incidents without a location (tests/web/test_map_api.py).
    assert config["unlocatedUrl"] == reverse("incidents:unlocated")


@pytest.mark.django_db
def test_staff_sees_admin_link(client):
    client.force_login(user_with_role("admin", username="boss"))
    assert reverse("admin:index") in client.get(MAP).content.decode()


@override_settings(MAP_TILE_URL="https://tiles.example/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION="© X")
def test_tile_url_from_settings_in_config_only(client_logged_in):
    html = client_logged_in.get(MAP).content.decode()
    assert "https://tiles.example/{z}/{x}/{y}.png" in html
    assert not re.search(r"<(script|link)[^>]*(src|href)=\"https://", html)


def test_config_is_escaped_against_script_breakout(client_logged_in):
    with override_settings(MAP_TILE_ATTRIBUTION="</script><script>alert(1)</script>"):
        html = client_logged_in.get(MAP).content.decode()
    assert "</script><script>alert(1)" not in html


def test_logout_is_post_only_and_logs_out(client_logged_in):
    response = client_logged_in.post(reverse("logout"))
    assert response.status_code == 302
    assert client_logged_in.get(MAP).status_code == 302


def test_map_page_post_not_allowed(client_logged_in):
    assert client_logged_in.post(MAP).status_code == 405
