"""CSV by PostgreSQL COPY: the same bytes as the Python writer, the same filters, formula-safe.

PostGIS only (the COPY path); on SpatiaLite these skip and the Python path is the export.
"""

import datetime as dt
import io

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.http import QueryDict

from incidents.exports.streaming import csv_lines
from incidents.filters import IncidentFilter
from incidents.selectors.exports import ACLED_COLUMNS, export_rows
from incidents.selectors.exports_copy import CopyCount, csv_copy_chunks
from incidents.services.imports import acled_import
from tests.factories import IncidentFactory, ReportFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's; SpatiaLite exports "
                       "through the Python writer (tested in test_export.py)"),
]

ACLED = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,iso,latitude,longitude,notes,"
    "fatalities,source,tags,timestamp,inter1\n"
    'SYR77,2019-03-05,Battles,Armed clash,-Group,Syria,760,35.0201,40.4509,"Two\nlines, ""quoted""",0,'
    "Wire; SOHR,,1552000000,2\n"
)


@pytest.fixture
def varied(db):
    report = ReportFactory(publisher="=Evil Wire")
    made = [
        IncidentFactory(report=report, summary='=HYPERLINK("x") and "quotes", commas\nnew line',
                        actor1="+Actor", actor2="@Other", location_name="\tTab", fatalities=None),
        IncidentFactory(location=Point(43.0, 36.0, srid=4326), summary="café “Nour” – ok", fatalities=0,
                        event_date=dt.date(2020, 1, 2), country_code="SY", event_type="Battles",
                        sub_event_type="Armed clash"),
        IncidentFactory(location=None, country_code="", summary="-5 dead", admin1="", admin2="",
                        event_type="Violence against civilians", sub_event_type="Attack"),
        IncidentFactory(location=Point(-0.00001, 0.123456789, srid=4326), summary="\rCR first"),
    ]
    acled_import(lines=io.StringIO(ACLED), origin="test")
    return made


def copy_text(query: str = "") -> str:
    filters = IncidentFilter.from_query(QueryDict(query))
    return b"".join(csv_copy_chunks(filters=filters)).decode("utf-8")


def python_text(query: str = "") -> str:
    filters = IncidentFilter.from_query(QueryDict(query))
    return "".join(csv_lines(columns=ACLED_COLUMNS, rows=export_rows(filters=filters)))


@pytest.mark.parametrize("query", ["", "bbox=42,35,44,37", "country=SY", "q=quotes",
                                   "event_type=Battles&date_to=2020-12-31", "review_status=confirmed"])
def test_copy_writes_the_same_bytes_as_the_python_writer(varied, query):
    expected = python_text(query)
    assert copy_text(query) == expected
    assert expected.count("\n") >= 2 or query


def test_copy_cells_are_formula_safe_and_counted(varied):
    text = copy_text()
    for cell in ("'=HYPERLINK", "'+Actor", "'@Other", "'\tTab", "'-5 dead", "'=Evil Wire", "'-Group"):
        assert cell in text, cell
    count = CopyCount()
    b"".join(csv_copy_chunks(filters=IncidentFilter(), count=count))
    assert count.rows == 5
