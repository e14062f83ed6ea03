"""The API docs page in headless Chromium: Swagger UI renders from our static files alone."""

import pytest
from django.contrib.auth.models import Group

from incidents.services.roles import roles_sync
from tests.factories import UserFactory
from tests.web.test_browser import (  # noqa: F401 - fixtures
    ARTIFACTS,
    PASSWORD,
    _allow_orm_beside_playwright,
    browser_page,
    log_in,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def viewer(transactional_db):
    roles_sync()
    user = UserFactory(username="analyst")
    user.groups.add(Group.objects.get(name="viewer"))
    return user


def test_docs_page_renders_offline(live_server, viewer, browser_page):  # noqa: F811 - the fixture
    page = browser_page
    host = live_server.url
    page.on("request", lambda r: None if r.url.startswith((host, "data:", "blob:"))
            else page.external_requests.append(r.url))
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, host)
    page.goto(host + "/docs/api/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "Incident atlas API" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_function("document.querySelectorAll('.opblock').length >= 12")
    assert "/api/v1/incidents/" in page.content()
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
    assert page.external_requests == [] and errors == []
