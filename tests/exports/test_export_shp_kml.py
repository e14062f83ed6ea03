"""Zipped Shapefile and KML exports: GDAL opens them with the filtered rows and exact points.

Read with pyogrio (GDAL) in a SUBPROCESS, as the GeoPackage tests do (gazetteer/apps.py).
"""

import datetime as dt
import io
import json
import subprocess
import sys
import zipfile

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from incidents.exports.gpkg_writer import FIELD_TYPES, SHAPEFILE_NAMES
from tests.factories import IncidentFactory

READ = """
import json, sys
import pyogrio, shapely
from pyogrio.raw import read
path = sys.argv[1]
layer = pyogrio.list_layers(path)[0][0]
info = pyogrio.read_info(path, layer=layer)
meta, _fids, geometry, fields = read(path, layer=layer)
rows = []
for i in range(len(geometry)):
    row = {name: fields[j][i] for j, name in enumerate(meta["fields"])}
    row = {k: (None if v is None or (isinstance(v, float) and v != v) else
               v if isinstance(v, (int, float)) else str(v)) for k, v in row.items()}
    g = geometry[i]
    row["_xy"] = None if g is None else list(shapely.from_wkb(g).coords[0])
    rows.append(row)
print(json.dumps({"count": int(info["features"]), "crs": info["crs"], "fields": list(meta["fields"]),
                  "rows": rows}, default=str))
"""


def read_gis(path: str) -> dict:
    done = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", READ, path], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def incidents(db):
    return {
        "sinjar": IncidentFactory(location=Point(41.87123, 36.32456, srid=4326), location_name="Sinjar",
                                  event_date=dt.date(2021, 5, 17), fatalities=3,
                                  summary="Gunmen attacked a village; café “Nour”."),
        "mosul": IncidentFactory(location=Point(43.11889, 36.335, srid=4326), event_date=dt.date(2021, 5, 2),
                                 fatalities=None),
        "basra": IncidentFactory(location=Point(47.78, 30.51, srid=4326), location_name="Basra",
                                 event_date=dt.date(2020, 1, 1)),
        "nowhere": IncidentFactory(location=None, country_code="SY", event_date=dt.date(2020, 1, 2)),
    }


def download(client, name: str, query: dict, tmp_path) -> tuple:
    response = client.get(reverse(f"incidents:export-{name}"), query)
    assert response.status_code == 200, response.content[:300]
    data = b"".join(response.streaming_content)
    return response, data


def test_shapefile_zip_has_prj_short_names_and_the_filtered_points(client_logged_in, incidents, tmp_path):
    response, data = download(client_logged_in, "shp", {"bbox": "41,36,44,37"}, tmp_path)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == sorted(
        f"incidents{s}" for s in (".shp", ".shx", ".dbf", ".prj", ".cpg"))
    assert "WGS" in archive.read("incidents.prj").decode()
    path = tmp_path / "incidents.zip"
    path.write_bytes(data)
    layer = read_gis(f"/vsizip/{path}/incidents.shp")
    assert layer["count"] == 2 and "4326" in layer["crs"]
    assert layer["fields"] == [SHAPEFILE_NAMES.get(name, name) for name in FIELD_TYPES]
    assert all(len(name) <= 10 for name in layer["fields"])
    by_location = {row["location"]: row for row in layer["rows"]}
    assert by_location["Sinjar"]["_xy"] == [41.87123, 36.32456]
    assert by_location["Sinjar"]["notes"] == incidents["sinjar"].summary  # UTF-8 kept
    assert by_location["Sinjar"]["event_id"] == f"IRQ{incidents['sinjar'].id}"
    assert by_location["Sinjar"]["fatalities"] == 3 and by_location["Mosul"]["fatalities"] is None


def test_kml_has_the_filtered_placemarks_and_exact_points(client_logged_in, incidents, tmp_path):
    response, data = download(client_logged_in, "kml", {"date_from": "2021-05-01", "date_to": "2021-05-31"},
                              tmp_path)
    assert response["Content-Type"] == "application/vnd.google-earth.kml+xml"
    path = tmp_path / "incidents.kml"
    path.write_bytes(data)
    layer = read_gis(str(path))
    assert layer["count"] == 2
    points = {row["Name"]: row["_xy"] for row in layer["rows"]}
    assert points == {f"IRQ{incidents['sinjar'].id}": [41.87123, 36.32456],
                      f"IRQ{incidents['mosul'].id}": [43.11889, 36.335]}
    assert b"<Placemark" in data and "café “Nour”".encode() in data


@pytest.mark.parametrize("fmt", ["shp", "kml"])
def test_command_writes_every_incident_including_unlocated(incidents, tmp_path, fmt):
    from django.core.management import call_command

    target = tmp_path / f"out.{'zip' if fmt == 'shp' else fmt}"
    out = io.StringIO()
    call_command("export_incidents", "--format", fmt, "--output", str(target), stdout=out)
    assert "Wrote 4 incidents" in out.getvalue()
    layer = read_gis(f"/vsizip/{target}/incidents.shp" if fmt == "shp" else str(target))
    assert layer["count"] == 4
    assert sum(row["_xy"] is None for row in layer["rows"]) == 1


@pytest.mark.parametrize("name", ["shp", "kml"])
def test_anonymous_is_401(client, db, name):
    assert client.get(reverse(f"incidents:export-{name}")).status_code == 401


@pytest.mark.parametrize("name", ["shp", "kml"])
def test_bad_filter_is_400(client_logged_in, name):
    response = client_logged_in.get(reverse(f"incidents:export-{name}"), {"bbox": "1,2"})
    assert response.status_code == 400 and "bbox" in response.json()["error"]


KML_BATCHES = """
import json, re, sys, tempfile
from pathlib import Path
import pyogrio
import incidents.exports.gpkg_writer as writer
writer.BATCH = 3
folder = Path(tempfile.mkdtemp())
source = folder / "in.geojsonl"
with source.open("w") as handle:
    for i in range(8):
        props = {k: ("" if t == "text" else None) for k, t in writer.FIELD_TYPES.items()}
        props.update(event_id_cnty=f"IRQ{i}", event_date="2021-05-17", notes=f"{i} </Folder> & <b>")
        point = None if i == 4 else {"type": "Point", "coordinates": [43.1 + i / 1000, 36.3]}
        handle.write(json.dumps({"type": "Feature", "geometry": point, "properties": props}) + "\\n")
count = writer.gpkg_write_features(source=source, target=folder / "out.kml", fmt="kml")
text = (folder / "out.kml").read_text()
print(json.dumps({"count": count, "read": pyogrio.read_info(str(folder / "out.kml"))["features"],
                  "ids": re.findall(r'Placemark id="([^"]+)"', text)}))
"""


def test_kml_batches_are_joined_into_one_document():
    done = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", KML_BATCHES], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["count"] == result["read"] == 8
    assert result["ids"] == [f"incidents.{n}" for n in range(1, 9)]
