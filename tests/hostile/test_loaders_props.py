"""Hostile files through every gazetteer loader: GeoNames, CSV place lists, boundaries, TopoJSON.

Lines of random Unicode, mixed scripts, bidi marks, NUL and other controls, bad bytes,
huge fields and wrong column counts: a loader reports each bad row in its LoadReport and
stores the good ones, or refuses the file with a LoaderError; nothing else escapes, and
what it stores is storable (no NUL, valid UTF-8). Malformed TopoJSON and GeoJSON
structures are LoaderErrors too.
"""

import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.loaders import LoaderError
from gazetteer.loaders.boundaries import boundaries_load
from gazetteer.loaders.csv_places import csv_load_places, csv_mapping
from gazetteer.loaders.geonames import geonames_load_places
from gazetteer.loaders.topojson import topojson_multipolygon, topojson_read
from gazetteer.models import Place, PlaceName
from tests.hostile.strategies import BOUNDED, HOSTILE_NAME, HOSTILE_TEXT

# Database examples are slower: fewer, and the function-scoped db fixture is shared by them
# on purpose (each example only adds rows; the property holds whatever is already there).
DB_BOUNDED = settings(
    BOUNDED, max_examples=min(BOUNDED.max_examples, 25),
    suppress_health_check=[*BOUNDED.suppress_health_check, HealthCheck.function_scoped_fixture],
)

FIELD = st.one_of(HOSTILE_NAME, st.sampled_from(["", "nan", "inf", "-91", "1e400", "99999999999999999999",
                                                 "36.3", "43.1", "IQ", "P", "PPL", "\x00", "x" * 300]))
GOOD = ["99072", "Mosul", "Mosul", "Al Mawsil,الموصل", "36.335", "43.11889", "P", "PPLA", "IQ", "", "15",
        "", "", "", "1739800", "", "223", "Asia/Baghdad", "2020-01-01"]


def assert_stored_clean():
    for name in PlaceName.objects.values_list("name", flat=True):
        assert "\x00" not in name
        name.encode("utf-8")
    for name in Place.objects.values_list("name", flat=True):
        assert "\x00" not in name


def geonames_line(fields: list[str], mutate: list[tuple[int, str]]) -> str:
    cols = list(fields)
    for at, value in mutate:
        cols[at % len(cols)] = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return "\t".join(cols)


@DB_BOUNDED
@given(st.lists(st.one_of(
    st.lists(st.tuples(st.integers(0, 18), FIELD), max_size=4).map(lambda m: geonames_line(GOOD, m)),
    HOSTILE_TEXT.map(lambda t: t.replace("\n", " ")),
), max_size=6), st.integers(1, 10**6))
def test_geonames_rows_are_loaded_or_reported(db, tmp_path_factory, lines, seed):
    path = tmp_path_factory.mktemp("gn") / "IQ.txt"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\xff\xfe bad\n")
    report = geonames_load_places(path=path, quiet=True, reset_index=False)
    assert report.read >= len(lines)
    assert_stored_clean()


CSV_HEADER = "location_id,name_en,name_ar,lat,lon,governorate,district\n"


@DB_BOUNDED
@given(st.lists(st.lists(FIELD, min_size=7, max_size=7), max_size=5))
def test_csv_place_rows_are_loaded_or_reported(db, tmp_path_factory, rows):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)
    path = tmp_path_factory.mktemp("csv") / "places.csv"
    path.write_bytes((CSV_HEADER + out.getvalue()).encode("utf-8", "surrogateescape"))
    with contextlib.suppress(LoaderError):
        csv_load_places(path=path, mapping=csv_mapping(preset="iom-dtm"), quiet=True, reset_index=False)
    assert_stored_clean()


JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), HOSTILE_TEXT),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "arcs", "objects", "geometries", "id", "transform", "scale", "translate",
                         "coordinates", "countries", "x"]), inner, max_size=4),
    max_leaves=20,
)
TOPOLOGY = st.fixed_dictionaries({
    "type": st.just("Topology"),
    "arcs": st.one_of(JSONISH, st.lists(st.lists(st.lists(st.integers(-5, 5), min_size=2, max_size=3),
                                                 max_size=5), max_size=4)),
    "objects": st.one_of(JSONISH, st.fixed_dictionaries({"countries": st.fixed_dictionaries({
        "type": st.sampled_from(["GeometryCollection", "Polygon", "x"]),
        "geometries": st.lists(st.fixed_dictionaries({
            "type": st.sampled_from(["Polygon", "MultiPolygon", "Point", "LineString", "Nope"]),
            "id": st.sampled_from(["368", 368, None]),
            "arcs": JSONISH, "coordinates": JSONISH}), max_size=3)})})),
}, optional={"transform": JSONISH})


@BOUNDED
@given(st.one_of(JSONISH, TOPOLOGY))
def test_malformed_topojson_is_a_loader_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("topo") / "countries.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with contextlib.suppress(LoaderError):
        topojson_multipolygon(topology=topojson_read(path=path), object_name="countries", feature_id="368")


def feature(props, geometry):
    return {"type": "Feature", "properties": props, "geometry": geometry}


SQUARE = {"type": "Polygon", "coordinates": [[[42, 35], [43, 35], [43, 36], [42, 36], [42, 35]]]}
BAD_GEOMETRIES = [
    None, {"type": "Point", "coordinates": [42, 35]}, {"type": "Polygon", "coordinates": []},
    {"type": "Polygon", "coordinates": [[[42, 35], [43, 36], [42, 35.5], [43, 35], [42, 35]]]},  # bow tie
    {"type": "Polygon", "coordinates": [[[1e300, 35], [43, 1e300], [42, 36], [1e300, 35]]]},
    {"type": "LineString", "coordinates": [[42, 35], [43, 36]]},
]


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "\u202eاشتباكات", "N\x00ame", "x" * 5000,
                                  None])
@pytest.mark.parametrize("geometry", [SQUARE, *BAD_GEOMETRIES], ids=lambda g: (g or {}).get("type", "none"))
def test_hostile_boundaries_are_loaded_or_reported(db, tmp_path, name, geometry):
    props = {"ADM1_PCODE": "IQG15", "ADM1_EN": name, "ADM1_AR": name, "ADM0_PCODE": "IQ", "ADM0_EN": "Iraq"}
    path = tmp_path / "iraq_adm1.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature(props, geometry)]}))
    with contextlib.suppress(LoaderError):
        boundaries_load(paths=[path], quiet=True, reset_index=False)
    assert_stored_clean()


@pytest.mark.parametrize(("at", "value"), [(1, "Mo\x00sul"), (2, "\x00"), (3, "Al\x00Mawsil,الموصل"),
                                           (1, "\u200fالموصل"), (1, "x" * 5000)])
def test_a_geonames_line_with_nul_or_huge_names_is_reported_or_clean(db, tmp_path, at, value):
    path = tmp_path / "IQ.txt"
    path.write_text(geonames_line(GOOD, [(at, value)]) + "\n", encoding="utf-8")
    report = geonames_load_places(path=path, quiet=True, reset_index=False)
    assert report.read == 1 and report.created + report.skipped == 1
    assert_stored_clean()


@pytest.mark.parametrize("name", ["Mo\x00sul", "\x00", "x" * 5000])
def test_a_csv_place_with_nul_or_huge_names_is_reported_or_clean(db, tmp_path, name):
    path = tmp_path / "places.csv"
    path.write_text(CSV_HEADER + f"L1,{name},{name},36.3,43.1,Ninewa,Mosul\n", encoding="utf-8")
    report = csv_load_places(path=path, mapping=csv_mapping(preset="iom-dtm"), quiet=True, reset_index=False)
    assert report.read == 1 and report.created + report.skipped == 1
    assert_stored_clean()
