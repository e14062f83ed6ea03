"""The ../shared reference data, for tests that read it at run time (never copied here).

Django-free, so the pure packages' tests (tests/geoparser/) can use it without Django.
"""

import csv
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


def iom_dtm_name(arabic: str) -> str:
    """The IOM DTM list's English spelling of a place, read at run time (skips when absent).

    Real spellings from the reference data are read, never copied into the tests.
    """
    path = shared_path("data", "gazetteer", "iraq_iom_dtm_locations.csv")
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["name_ar"].strip() == arabic:
                return row["name_en"].strip()
    pytest.fail(f"{arabic} not in {path}")
