"""ACLED import: rows read and validated, idempotent by event_id_cnty, per-row errors, round trip.

The file is invented here (no ACLED data in the repo); the dev-file test reads ../shared.
"""

import csv
import io
import time

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.urls import reverse

from incidents.exports.streaming import csv_lines
from incidents.filters import IncidentFilter
from incidents.models import Incident, Report
from incidents.selectors.exports import ACLED_COLUMNS, export_rows
from incidents.selectors.map import incident_features
from incidents.services.imports import acled_import
from incidents.sources.acled import AcledFileError
from tests.factories import IncidentFactory, PlaceFactory, PlaceNameFactory
from tests.shared import shared_path

pytestmark = pytest.mark.django_db

ROW = {
    "event_id_cnty": "SYR90001", "event_date": "2019-03-05", "year": "2019", "time_precision": "1",
    "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Syria (2000-)", "assoc_actor_1": "", "inter1": "1",
    "actor2": "Islamic State (Syria)", "assoc_actor_2": "", "inter2": "2", "interaction": "12",
    "civilian_targeting": "", "iso": "760", "region": "Middle East", "country": "Syria",
    "admin1": "Deir ez Zor", "admin2": "Al Mayadin", "admin3": "Al Mayadin", "location": "Invented Town",
    "latitude": "35.0201", "longitude": "40.4509", "geo_precision": "1", "source": "Wire A; Wire B",
    "source_scale": "National", "notes": 'Clashes with "heavy" weapons, reported, the toll: 4.',
    "fatalities": "4", "tags": "", "timestamp": "1552000000",
}  # fmt: skip


def csv_text(rows: list[dict], columns=None) -> str:
    columns = columns or list(rows[0])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def run(text: str):
    return acled_import(lines=io.StringIO(text), origin="test")


def exported() -> list[dict]:
    return [{k: str(v) for k, v in row.items()} for row in export_rows(filters=IncidentFilter())]


def test_a_row_keeps_acled_codes_and_notes():
    result = run(csv_text([ROW]))
    assert (result.created, result.failed) == (1, [])
    incident = Incident.objects.get()
    assert incident.acled_event_id == "SYR90001"
    assert (incident.event_type, incident.sub_event_type) == ("Battles", "Armed clash")
    assert incident.fatalities == 4
    assert (incident.location.x, incident.location.y) == (40.4509, 35.0201)
    assert incident.country_code == "SY" and incident.summary == ROW["notes"]
    assert incident.acled["inter1"] == "1" and incident.acled["timestamp"] == 1552000000
    assert incident.report.publisher == "ACLED" and incident.review_status == "confirmed"
    assert exported() == [ROW]  # every ACLED column comes back as it was


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"event_date": "05 March 2019"}, {"event_date": "2019-03-05"}),
        ({"event_date": "5 Mar 2019"}, {"event_date": "2019-03-05"}),
        ({"fatalities": ""}, {"fatalities": ""}),
        ({"notes": "-5 killed"}, {"notes": "-5 killed"}),
        ({"notes": "'=1+1 is not a formula"}, {"notes": "=1+1 is not a formula"}),  # our CSV's escape
    ],
)
def test_formats_read_from_a_cell(changes, expected):
    assert run(csv_text([ROW | changes])).failed == []
    row = exported()[0]
    assert {k: row[k] for k in expected} == expected


def test_missing_optional_columns_and_extra_columns():
    columns = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country",
               "latitude", "longitude", "notes", "something_else"]
    result = run(csv_text([ROW | {"something_else": "x"}], columns))
    assert (result.created, result.failed) == (1, [])
    incident = Incident.objects.get()
    assert incident.time_precision == 1 and incident.geo_precision == 1 and incident.fatalities is None
    row = exported()[0]
    assert row["source"] == "ACLED" and row["disorder_type"] == "Political violence" and row["iso"] == "760"


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"event_date": "2021-02-30"}, "event_date"),
        ({"event_type": "Shooting"}, "event_type: unknown"),
        ({"sub_event_type": "Air/drone strike"}, "not a sub-type of Battles"),
        ({"latitude": "95"}, "latitude"),
        ({"longitude": ""}, "both or neither"),
        ({"fatalities": "many"}, "fatalities"),
        ({"geo_precision": "7"}, "geo_precision: 7 is outside"),
        ({"event_id_cnty": ""}, "event_id_cnty: missing"),
        ({"actor1": "x" * 201}, "actor1: longer than 200"),
    ],
)
def test_a_bad_row_fails_alone_with_its_line(changes, fragment):
    good = ROW | {"event_id_cnty": "SYR90002"}
    result = run(csv_text([ROW | changes, good]))
    assert result.created == 1 and len(result.failed) == 1
    assert result.failed[0].line == 2 and fragment in result.failed[0].error
    assert list(Incident.objects.values_list("acled_event_id", flat=True)) == ["SYR90002"]


def test_a_repeated_event_id_in_one_file_is_an_error():
    result = run(csv_text([ROW, ROW | {"notes": "again"}]))
    assert result.created == 1 and "already given on line 2" in result.failed[0].error


def test_a_file_without_acled_columns_is_refused_whole():
    with pytest.raises(AcledFileError, match="no column event_id_cnty"):
        run("name,lat,lon\nMosul,36.3,43.1\n")
    assert not Incident.objects.exists()


def test_second_run_changes_nothing_and_a_changed_row_is_updated():
    text = csv_text([ROW, ROW | {"event_id_cnty": "SYR90002"}])
    run(text)
    stamps = dict(Incident.objects.values_list("acled_event_id", "updated_at"))
    again = run(text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert dict(Incident.objects.values_list("acled_event_id", "updated_at")) == stamps
    assert Report.objects.count() == 1  # the second run made no new import report
    changed = run(csv_text([ROW | {"fatalities": "5"}]))
    assert (changed.updated, changed.unchanged) == (1, 0)
    assert Incident.objects.get(acled_event_id="SYR90001").fatalities == 5


def test_links_a_gazetteer_place_of_that_name_near_the_point():
    near = PlaceFactory(name="Invented Town", point=Point(40.46, 35.03, srid=4326))
    PlaceNameFactory(place=near)
    far = PlaceFactory(name="Invented Town", point=Point(36.2, 33.5, srid=4326))  # a namesake elsewhere
    PlaceNameFactory(place=far)
    run(csv_text([ROW, ROW | {"event_id_cnty": "SYR90002", "location": "Nowhere Known"}]))
    assert dict(Incident.objects.values_list("acled_event_id", "place_id")) == {
        "SYR90001": near.id, "SYR90002": None}


def test_imported_incidents_show_on_the_map():
    run(csv_text([ROW]))
    features = incident_features(filters=IncidentFilter())["features"]
    assert [f["geometry"]["coordinates"] for f in features] == [[40.4509, 35.0201]]


def test_our_export_reimports_losslessly_into_an_empty_database():
    IncidentFactory(summary="=HYPERLINK(1)", fatalities=None)  # an extracted incident, formula text
    run(csv_text([ROW, ROW | {"event_id_cnty": "IRQ90003", "country": "Iraq", "iso": "368",
                              "latitude": "", "longitude": "", "notes": "+ no location"}]))
    first = "".join(csv_lines(columns=ACLED_COLUMNS, rows=export_rows(filters=IncidentFilter())))
    Incident.objects.all().delete()
    Report.objects.all().delete()
    result = run(first)
    assert (result.created, result.failed) == (3, [])
    second = "".join(csv_lines(columns=ACLED_COLUMNS, rows=export_rows(filters=IncidentFilter())))
    # Same rows (new ids may order events of one day differently), every column identical.
    assert sorted(second.splitlines()) == sorted(first.splitlines())
    assert "'=HYPERLINK(1)" in first and "=HYPERLINK(1)" in Incident.objects.values_list("summary", flat=True)


def test_command_reports_rows_and_errors(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(csv_text([ROW, ROW | {"event_id_cnty": "SYR90002", "event_date": "soon"}]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_incidents", str(path), "--no-progress", stdout=out, stderr=err)
    assert "2 rows: 1 created, 0 updated, 0 unchanged, 1 failed" in out.getvalue()
    assert "line 3 SYR90002: event_date" in err.getvalue()


def test_upload_form_for_editors(client, role_user):
    url = reverse("incidents:acled-import")
    client.force_login(role_user("viewer"))
    assert client.get(url).status_code == 403
    client.force_login(role_user("editor"))
    upload = io.BytesIO(csv_text([ROW, ROW | {"event_id_cnty": "<b>X</b>", "event_type": "?"}]).encode())
    upload.name = "acled.csv"
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 created" in html and "1 failed" in html and "&lt;b&gt;X&lt;/b&gt;" in html
    bad = io.BytesIO(b"a,b\n1,2\n")
    bad.name = "x.csv"
    assert "nothing imported" in client.post(url, {"file": bad}).content.decode()


@pytest.mark.shared_data
# Committed as the command commits: inside one test transaction PostgreSQL keeps every
# version of the map's count rows the triggers update (5x slower).
@pytest.mark.django_db(transaction=True)
def test_the_acled_dev_file_imports_whole_and_twice_changes_nothing():
    path = shared_path("data", "eval", "dev", "acled_syria_battles_2017-2023.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = handle.readlines()
        rows = sum(1 for _ in csv.DictReader(lines))
    start = time.perf_counter()
    first = acled_import(lines=iter(lines), origin="dev")
    assert (first.created, first.failed) == (rows, []) and rows == 23221, time.perf_counter() - start
    assert Incident.objects.filter(location__isnull=False).count() == rows
    # Again, every tenth event (the second pass compares each row with its stored incident; the
    # whole file twice is bench.export's ACLED import run).
    again = [lines[0], *[line for i, line in enumerate(_records(lines[1:])) if i % 10 == 0]]
    second = acled_import(lines=iter(again), origin="dev")
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(again) - 1)
    assert Incident.objects.count() == rows


def _records(lines: list[str]) -> list[str]:
    """CSV records as text (a note may hold line breaks inside its quotes)."""
    out, record = [], ""
    for line in lines:
        record += line
        if record.count('"') % 2 == 0:
            out.append(record)
            record = ""
    return out
