"""GIS exports: streamed GeoJSON, GeoPackage (child-process writer), the export command.

GeoPackages are opened with pyogrio in a SUBPROCESS, never in the test process: this
process may have loaded mod_spatialite, and GDAL opening an SQLite file beside it can
crash (see gazetteer/apps.py).
"""

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import tempfile

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command
from django.urls import reverse

from incidents.exports import gis as gis_export
from incidents.exports.gpkg_writer import FIELD_TYPES
from incidents.exports.streaming import GEOJSON_CHUNK, geojson_chunks
from incidents.selectors.exports import ACLED_COLUMNS
from tests.factories import IncidentFactory, ReportFactory

GEOJSON_URL = reverse("incidents:export-geojson")
GPKG_URL = reverse("incidents:export-gpkg")

READ_GPKG = """
import json, sys
import pyogrio
from pyogrio.raw import read
path = sys.argv[1]
info = pyogrio.read_info(path, layer="incidents")
meta, _fids, geometry, fields = read(path, layer="incidents")
import shapely
rows = []
for i in range(len(geometry)):
    row = {name: fields[j][i] for j, name in enumerate(meta["fields"])}
    for k, v in row.items():
        if v is None or (isinstance(v, float) and v != v):
            row[k] = None
        elif not isinstance(v, (int, float)):
            row[k] = str(v)
    g = geometry[i]
    row["_xy"] = None if g is None else list(shapely.from_wkb(g).coords[0])
    rows.append(row)
print(json.dumps({
    "layers": [str(name) for name, _ in pyogrio.list_layers(path)],
    "count": int(info["features"]),
    "crs": info["crs"],
    "geometry_type": info["geometry_type"],
    "types": dict(zip(meta["fields"], [str(t) for t in meta["dtypes"]])),
    "rows": rows,
}, default=str))
"""


def read_gpkg(path) -> dict:
    """Layer names, count, CRS, field dtypes and rows of a GeoPackage, read in a child process."""
    done = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", READ_GPKG, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def geojson_body(response) -> dict:
    assert response.streaming
    return json.loads(b"".join(response.streaming_content).decode("utf-8"))


@pytest.fixture
def two_incidents(db):
    located = IncidentFactory(
        report=ReportFactory(publisher="Shafaq News"),
        location=Point(41.87, 36.32, srid=4326),
        location_name="Sinjar",
        event_date=dt.date(2021, 5, 17),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        fatalities=3,
        summary="=HYPERLINK(\"x\") Gunmen attacked a village; café “Nour”.",
    )
    unlocated = IncidentFactory(
        country_code="SY",
        location=None,
        fatalities=None,
        event_type="Battles",
        sub_event_type="Armed clash",
        event_date=dt.date(2021, 5, 1),
    )
    return located, unlocated


# ---- GeoJSON ------------------------------------------------------------------------------


def test_geojson_anonymous_gets_401(client, db):
    assert client.get(GEOJSON_URL).status_code == 401


def test_geojson_feature_collection(client_logged_in, two_incidents):
    located, unlocated = two_incidents
    response = client_logged_in.get(GEOJSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == 'attachment; filename="incidents.geojson"'
    body = geojson_body(response)
    assert body["type"] == "FeatureCollection"
    assert "crs" not in body  # RFC 7946: WGS 84 implied, no crs member
    first, second = body["features"]
    assert first["id"] == f"IRQ{located.id}" and second["id"] == f"SYR{unlocated.id}"
    assert list(first["properties"]) == list(ACLED_COLUMNS)
    # RFC 7946 order is [longitude, latitude].
    assert first["geometry"] == {"type": "Point", "coordinates": [41.87, 36.32]}
    props = first["properties"]
    assert (props["latitude"], props["longitude"], props["fatalities"]) == (36.32, 41.87, 3)
    assert props["iso"] == 368 and props["year"] == 2021 and props["event_date"] == "2021-05-17"
    # Text goes out unaltered: no spreadsheet formula escaping in GeoJSON.
    assert props["notes"] == located.summary
    # No location: kept, with a null geometry and null (not blank) numbers.
    assert second["geometry"] is None
    assert second["properties"]["latitude"] is None and second["properties"]["fatalities"] is None
    assert second["properties"]["country"] == "Syria"


def test_geojson_same_rows_as_csv(client_logged_in):
    mosul = IncidentFactory(location=Point(43.13, 36.34, srid=4326), event_type="Battles")
    IncidentFactory(location=Point(47.78, 30.51, srid=4326), event_type="Battles")
    IncidentFactory(location=Point(43.2, 36.3, srid=4326))  # other type
    IncidentFactory(location=None, event_type="Battles")  # a bbox drops unlocated ones
    query = {"bbox": "41.2,35.3,44.2,37.1", "event_type": "Battles"}
    features = geojson_body(client_logged_in.get(GEOJSON_URL, query))["features"]
    csv_body = b"".join(client_logged_in.get(reverse("incidents:export-csv"), query).streaming_content)
    csv_ids = [row["event_id_cnty"] for row in csv.DictReader(io.StringIO(csv_body.decode()))]
    assert [f["id"] for f in features] == csv_ids == [f"IRQ{mosul.id}"]


def test_geojson_bad_filter_and_post(client_logged_in):
    response = client_logged_in.get(GEOJSON_URL, {"date_from": "2021-13-01"})
    assert response.status_code == 400
    assert "date_from" in response.json()["error"]
    assert client_logged_in.post(GEOJSON_URL).status_code == 405


@pytest.mark.parametrize("n", [0, 1, GEOJSON_CHUNK, 2 * GEOJSON_CHUNK + 1])
def test_geojson_chunks_always_valid_json(n):
    rows = [{"event_id_cnty": f"IRQ{i}", "longitude": i / 10, "latitude": 1.5} for i in range(n)]
    text = "".join(geojson_chunks(columns=("event_id_cnty", "latitude", "longitude"), rows=rows))
    body = json.loads(text)
    assert [f["id"] for f in body["features"]] == [f"IRQ{i}" for i in range(n)]
    assert all(f["geometry"]["coordinates"][1] == 1.5 for f in body["features"])


# ---- GeoPackage ---------------------------------------------------------------------------


def test_writer_schema_matches_acled_columns():
    assert list(FIELD_TYPES) == list(ACLED_COLUMNS)


def test_gpkg_download(client_logged_in, two_incidents, tmp_path, monkeypatch):
    located, unlocated = two_incidents
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "work"))
    (tmp_path / "work").mkdir()
    response = client_logged_in.get(GPKG_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    assert response["Content-Disposition"] == 'attachment; filename="incidents.gpkg"'
    data = b"".join(response.streaming_content)
    response.close()
    assert data.startswith(b"SQLite format 3\x00")
    # The temporary GeoJSON and GeoPackage are gone once the response exists.
    assert list((tmp_path / "work").iterdir()) == []

    path = tmp_path / "out.gpkg"
    path.write_bytes(data)
    info = read_gpkg(path)
    assert info["layers"] == ["incidents"]
    assert info["count"] == 2
    assert info["crs"] == "EPSG:4326"
    assert info["geometry_type"] == "Point"
    assert info["types"]["event_date"].startswith("datetime64")  # a Date field, not text
    assert info["types"]["fatalities"] == "int32" and info["types"]["latitude"] == "float64"
    assert info["types"]["timestamp"] == "int64" and info["types"]["notes"] == "object"
    first, second = info["rows"]
    assert first["event_id_cnty"] == f"IRQ{located.id}"
    assert first["_xy"] == [41.87, 36.32]
    assert first["fatalities"] == 3 and first["notes"] == located.summary
    assert first["event_date"].startswith("2021-05-17")
    assert second["event_id_cnty"] == f"SYR{unlocated.id}"
    assert second["_xy"] is None and second["fatalities"] is None and second["latitude"] is None


def test_gpkg_filtered_and_empty(client_logged_in, two_incidents, tmp_path):
    response = client_logged_in.get(GPKG_URL, {"event_type": "Protests"})
    path = tmp_path / "empty.gpkg"
    path.write_bytes(b"".join(response.streaming_content))
    info = read_gpkg(path)
    # Nothing matched: still a layer with the full schema.
    assert info["layers"] == ["incidents"] and info["count"] == 0
    assert list(info["types"]) == list(ACLED_COLUMNS)

    response = client_logged_in.get(GPKG_URL, {"country": "SY"})
    path.write_bytes(b"".join(response.streaming_content))
    assert [r["country"] for r in read_gpkg(path)["rows"]] == ["Syria"]


def test_gpkg_writer_failure_is_503_json(client_logged_in, two_incidents, monkeypatch, tmp_path):
    monkeypatch.setattr(gis_export, "WRITER_MODULE", "incidents.exports.no_such_writer")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = client_logged_in.get(GPKG_URL)
    assert response.status_code == 503
    error = response.json()["error"]
    assert error.startswith("GeoPackage writer failed:") and "no_such_writer" in error
    assert list(tmp_path.iterdir()) == []


def test_gpkg_bad_filter_and_post(client_logged_in):
    assert client_logged_in.get(GPKG_URL, {"country": "FR"}).status_code == 400
    assert client_logged_in.post(GPKG_URL).status_code == 405
    assert client_logged_in.logout() is None
    assert client_logged_in.get(GPKG_URL).status_code == 401


def test_gpkg_timeout_is_an_export_error(tmp_path):
    rows = [{c: "" for c in ACLED_COLUMNS} | {"event_date": "2021-05-01"}]
    with pytest.raises(gis_export.ExportError, match="timed out"):
        gis_export.gpkg_open(rows=rows, timeout=0.001)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"type":"Feature","geometry":null,"properties":{}}\nnot json\n', "line 2: not JSON"),
        ('{"type":"Feature","geometry":null,"properties":{}}\n', "property 'event_id_cnty' missing"),
        ('{"type":"Polygon"}\n', "line 1: not a GeoJSON Feature"),
    ],
)
def test_writer_rejects_bad_input_with_a_reason(tmp_path, text, reason):
    source = tmp_path / "in.geojsonl"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "incidents.exports.gpkg_writer", str(source), str(tmp_path / "out.gpkg")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("bad input:") and reason in done.stderr


# ---- management command -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "geojson", "gpkg", "html"])
def test_command_writes_each_format(fmt, two_incidents, tmp_path):
    located, _ = two_incidents
    out = tmp_path / f"incidents.{fmt}"
    stdout = io.StringIO()
    call_command(
        "export_incidents", "--format", fmt, "--output", str(out),
        "--event-type", "Violence against civilians", "--event-type", "Protests",
        "--date-from", "2021-05-10", stdout=stdout,
    )  # fmt: skip
    assert "Wrote 1 incident" in stdout.getvalue()
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert [r["event_id_cnty"] for r in rows] == [f"IRQ{located.id}"]
        assert rows[0]["notes"].startswith("'=HYPERLINK")  # the CSV's formula escaping
    elif fmt == "geojson":
        features = json.loads(out.read_text(encoding="utf-8"))["features"]
        assert [f["id"] for f in features] == [f"IRQ{located.id}"]
    elif fmt == "gpkg":
        assert [r["event_id_cnty"] for r in read_gpkg(out)["rows"]] == [f"IRQ{located.id}"]
    else:
        text = out.read_text(encoding="utf-8")
        assert f"atlas-incident-{located.id}" in text and text.startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_command_bad_filter_writes_nothing(db, tmp_path):
    out = tmp_path / "x.csv"
    with pytest.raises(CommandError, match="bbox"):
        call_command("export_incidents", "--format", "csv", "--output", str(out), "--bbox", "1,2,3")
    assert not out.exists()


def test_command_failure_keeps_the_previous_file(two_incidents, tmp_path, monkeypatch):
    out = tmp_path / "incidents.gpkg"
    out.write_bytes(b"previous export")
    monkeypatch.setattr(gis_export, "WRITER_MODULE", "incidents.exports.no_such_writer")
    with pytest.raises(CommandError, match="nothing written"):
        call_command("export_incidents", "--format", "gpkg", "--output", str(out))
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_command_missing_directory(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_incidents", "--format", "csv", "--output", str(tmp_path / "no" / "x.csv"))
