"""COD-AB boundary loader: level detection, promotion, repair, parents, admin places, links, border."""

import io
import json
import subprocess
import sys

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command
from shapely.geometry import LineString, Polygon

from gazetteer.loaders import LoaderError
from gazetteer.loaders.boundaries import border_line, boundaries_load, governorate_spellings
from gazetteer.models import AdminArea, Border, Place, Source
from tests.conftest import shared_path
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def ring(x0, y0, x1, y1):
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


def feature(props, geometry):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write_layer(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


@pytest.fixture
def cod_ab(tmp_path):
    folder = tmp_path / "cod"
    folder.mkdir()
    write_layer(folder / "adm0.geojson", [
        feature({"ADM0_EN": "Iraq", "ADM0_AR": "العراق", "ADM0_PCODE": "IQ"},
                {"type": "Polygon", "coordinates": ring(42, 35, 44, 37)}),
        feature({"ADM0_EN": "Syria", "ADM0_AR": "سوريا", "ADM0_PCODE": "SY"},
                {"type": "MultiPolygon", "coordinates": [ring(40, 35, 42, 37)]}),
    ])
    bowtie = [[[43, 35], [44, 36], [44, 35], [43, 36], [43, 35]]]
    write_layer(folder / "adm1.geojson", [
        feature({"ADM1_EN": "Ninewa", "ADM1_AR": "نينوى", "ADM1_PCODE": "IQG15", "ADM0_PCODE": "IQ",
                 "ADM1ALT1EN": "Nineveh"}, {"type": "Polygon", "coordinates": ring(42, 35, 43, 37)}),
        feature({"ADM1_EN": "Salah Al-Din", "ADM1_AR": "صلاح الدين", "ADM1_PCODE": "IQG18",
                 "ADM0_PCODE": "IQ"},
                {"type": "Polygon", "coordinates": bowtie}),
        feature({"ADM1_EN": "No Code", "ADM1_PCODE": None, "ADM0_PCODE": "IQ"},
                {"type": "Polygon", "coordinates": ring(43, 36, 44, 37)}),
        feature({"ADM1_EN": "A Point", "ADM1_PCODE": "IQG99", "ADM0_PCODE": "IQ"},
                {"type": "Point", "coordinates": [43.5, 36.5]}),
    ])
    write_layer(folder / "adm2.geojson", [
        feature({"ADM2_EN": "Al-Mosul", "ADM2_AR": "الموصل", "ADM2_PCODE": "IQG15Q01",
                 "ADM1_PCODE": "IQG15", "ADM0_PCODE": "IQ"},
                {"type": "Polygon", "coordinates": ring(42.5, 36, 43, 36.5)}),
    ])
    return folder


def test_loads_levels_parents_repairs_and_reports_bad_features(cod_ab):
    place = PlaceFactory(point=Point(42.7, 36.2, srid=4326))
    reports = boundaries_load(paths=[cod_ab], quiet=True)
    by_label = {r.label: r for r in reports}
    adm1 = by_label["boundaries adm1 adm1.geojson"]
    assert (adm1.read, adm1.created, adm1.skipped, adm1.extra["repaired"]) == (4, 2, 2, 1)
    assert [e.line for e in adm1.errors] == [3, 4]
    assert "Point" in adm1.errors[1].message
    ninewa = AdminArea.objects.get(pcode="IQG15")
    assert ninewa.geom.geom_type == "MultiPolygon" and ninewa.parent.pcode == "IQ"
    assert (ninewa.level, ninewa.name_ar, ninewa.country_code) == (1, "نينوى", "IQ")
    assert ninewa.source == Source.OCHA
    assert AdminArea.objects.get(pcode="IQG18").geom.valid
    assert AdminArea.objects.get(pcode="IQG15Q01").parent == ninewa

    place.refresh_from_db()
    assert (place.admin1.pcode, place.admin2.pcode) == ("IQG15", "IQG15Q01")

    area_place = Place.objects.get(source=Source.OCHA, source_id="IQG15")
    assert (area_place.feature_class, area_place.feature_code) == ("A", "ADM1")
    assert ninewa.geom.contains(area_place.point)
    assert {"Ninewa", "نينوى", "Nineveh"} <= set(area_place.names.values_list("name", flat=True))
    assert not Place.objects.filter(source=Source.OCHA, source_id__in=["IQ", "SY"]).exists()

    border = Border.objects.get(code="IQ-SY")
    assert border.geom.length == pytest.approx(2.0)


def test_second_load_changes_nothing(cod_ab):
    boundaries_load(paths=[cod_ab], quiet=True)
    again = boundaries_load(paths=[cod_ab], quiet=True)
    assert sum(r.created + r.updated for r in again) == 0
    assert again[-1].extra["place admin links changed"] == 0
    assert any("unchanged" in k for k in again[-1].extra)


WRITE_GPKG = """
import sys, geopandas
from shapely.geometry import box
frame = geopandas.GeoDataFrame(
    {"ADM1_EN": ["Ninewa"], "ADM1_PCODE": ["IQG15"], "ADM0_PCODE": ["IQ"]},
    geometry=[box(4680000, 4170000, 4790000, 4440000)], crs="EPSG:3857",
)
frame.to_file(sys.argv[1], driver="GPKG", engine="pyogrio")
"""


def test_geopackage_reprojected_and_explicit_level(tmp_path):
    gpkg = tmp_path / "adm1.gpkg"
    # Written in a child process: pyogrio's GDAL and SpatiaLite's SQLite crash in one process.
    subprocess.run([sys.executable, "-c", WRITE_GPKG, str(gpkg)], check=True)
    report = boundaries_load(paths=[gpkg], level=1, quiet=True)[0]
    assert (report.created, report.skipped) == (1, 0)
    area = AdminArea.objects.get(pcode="IQG15")
    assert area.parent is None  # no ADM0 loaded
    assert area.geom.extent[0] == pytest.approx(42.04, abs=0.01)  # metres -> degrees
    with pytest.raises(LoaderError, match="ADM3_PCODE"):
        boundaries_load(paths=[gpkg], level=3, quiet=True)


def test_border_within_tolerance_when_outlines_do_not_share_vertices():
    iraq = Polygon([(42, 35), (44, 35), (44, 37), (42, 37)])
    syria = Polygon([(40, 35), (41.995, 35), (41.995, 37), (40, 37)])  # 0.005 deg gap
    line = border_line(a=iraq, b=syria)
    assert line.length == pytest.approx(2.0, abs=0.05)
    assert line.distance(LineString([(42, 35), (42, 37)])) == 0


def test_command_errors_on_missing_path(tmp_path):
    with pytest.raises(CommandError, match="not found"):
        call_command("gazetteer_load_boundaries", str(tmp_path / "nope"), stdout=io.StringIO())


@pytest.mark.shared_data
def test_shared_cod_ab_exact_counts_and_idempotent():
    iraq = shared_path("data", "boundaries", "iraq_cod_ab_2019")
    syria = shared_path("data", "boundaries", "syria_cod_ab_2020")
    out = io.StringIO()
    call_command("gazetteer_load_boundaries", str(iraq), str(syria), "--quiet", stdout=out)
    expected = {("IQ", 0): 1, ("IQ", 1): 18, ("IQ", 2): 101, ("IQ", 3): 294,
                ("SY", 0): 1, ("SY", 1): 14, ("SY", 2): 62}
    for (cc, level), n in expected.items():
        assert AdminArea.objects.filter(country_code=cc, level=level).count() == n, (cc, level)
    assert "read 294, created 294, updated 0, unchanged 0, skipped 0" in out.getvalue()
    assert Place.objects.filter(source=Source.OCHA).count() == 18 + 101 + 294 + 14 + 62
    assert AdminArea.objects.filter(level=2, parent__isnull=True).count() == 0
    assert 550 < Border.objects.get(code="IQ-SY").geom.transform(3857, clone=True).length / 1000 < 800
    again = io.StringIO()
    call_command("gazetteer_load_boundaries", str(iraq), str(syria), "--quiet", stdout=again)
    text = again.getvalue()
    assert " created 0, updated 0, unchanged 294," in text and "created 1," not in text
    assert "place admin links changed 0" in text


def test_border_is_kept_when_the_outlines_come_from_different_data_sets(cod_ab):
    from gazetteer.loaders.boundaries import border_derive

    boundaries_load(paths=[cod_ab], quiet=True)
    before = Border.objects.get(code="IQ-SY").geom
    AdminArea.objects.filter(pcode="SY").update(source=Source.NATURAL_EARTH)
    outcome, km = border_derive()
    assert outcome.startswith("kept") and km == 0.0
    assert Border.objects.get(code="IQ-SY").geom.equals(before)


def test_area_places_sit_at_the_centroid_or_inside_the_outline():
    from shapely.geometry import Point as ShapelyPoint

    from gazetteer.loaders.boundaries import _area_place

    square = Polygon([(40, 30), (42, 30), (42, 32), (40, 32)])
    record = _area_place(1, "IQG99", "Square", "IQ", {}, square)
    assert (record.lon, record.lat) == (41.0, 31.0)
    # A "C" whose centroid falls in its gap: the point must still be inside the area.
    c_shape = Polygon([(40, 30), (43, 30), (43, 31), (41, 31), (41, 32), (43, 32), (43, 33), (40, 33)])
    assert not c_shape.contains(c_shape.centroid)
    record = _area_place(1, "IQG98", "C", "IQ", {}, c_shape)
    assert c_shape.contains(ShapelyPoint(record.lon, record.lat))


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (("Salah Al-Din", "صلاح الدين"), {"Saladin", "Salahuddin"}),  # an exonym folding misses
        (("", "صلاح الدين"), {"Saladin"}),  # by the Arabic name alone
        (("Idleb",), {"Idlib"}),
        (("Ar-Raqqa",), {"Raqqa"}),
        (("Example Governorate",), set()),  # an area the vocabulary does not list
    ],
)
def test_a_governorate_gets_the_spellings_reports_use(names, expected):
    assert expected <= set(governorate_spellings(*names))
    assert bool(expected) == bool(governorate_spellings(*names))


def test_a_loaded_governorate_answers_to_its_exonym(cod_ab):
    boundaries_load(paths=[cod_ab], quiet=True)
    names = set(Place.objects.get(source=Source.OCHA, source_id="IQG18").names.values_list("name", flat=True))
    assert {"Saladin", "Salahuddin", "Salah Al-Din"} <= names


def test_a_border_town_just_outside_its_country_outline_takes_the_nearest_governorate(cod_ab):
    # 1 km west of Ninewa's line (generalised outlines): Iraqi, so Ninewa's; a foreign
    # place at the same point and an Iraqi one 10 km out keep no governorate.
    border_town = PlaceFactory(point=Point(41.99, 36.0, srid=4326), country_code="IQ")
    foreign = PlaceFactory(point=Point(41.99, 36.0, srid=4326), country_code="TR")
    far = PlaceFactory(point=Point(41.9, 36.0, srid=4326), country_code="IQ")
    boundaries_load(paths=[cod_ab], quiet=True)
    for place in (border_town, foreign, far):
        place.refresh_from_db()
    assert border_town.admin1.pcode == "IQG15"
    assert foreign.admin1 is None and far.admin1 is None
