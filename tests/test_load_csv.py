"""CSV place-list loader: column mapping, malformed rows, idempotency, the IOM DTM preset."""

import io

import pytest
from django.core.management import CommandError, call_command

from gazetteer.loaders import LoaderError
from gazetteer.loaders.csv_places import csv_load_places, csv_mapping, unqualified_names
from gazetteer.models import Place, Source
from tests.conftest import iom_dtm_name, shared_path

pytestmark = pytest.mark.django_db

HEADER = "code,label,label_ar,y,x,gov,dist"
ROWS = [
    "A1,Hamaam Alalil Centre,حمام العليل,36.1676,43.2549,Ninewa,Mosul",
    "A2,Badosh,بادوش,36.425,42.9632,Ninewa,Mosul",
]


def write_csv(tmp_path, rows, header=HEADER, extra=b""):
    path = tmp_path / "places.csv"
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode("utf-8") + extra)
    return path


def mapping(**kw):
    base = dict(name_col="label", alt_name_cols=("label_ar",), lat_col="y", lon_col="x",
                admin_cols=("gov", "dist"), id_col="code", country="IQ")
    base.update(kw)
    return csv_mapping(**base)


def test_mapping_loads_names_admins_and_country(tmp_path):
    report = csv_load_places(path=write_csv(tmp_path, ROWS), mapping=mapping(), quiet=True)
    assert (report.read, report.created, report.skipped) == (2, 2, 0)
    place = Place.objects.get(source=Source.CSV, source_id="A1")
    assert (place.country_code, place.admin1_code, place.admin2_code) == ("IQ", "Ninewa", "Mosul")
    assert (place.feature_class, place.feature_code) == ("P", "PPL")
    assert dict(place.names.values_list("name", "script")) == {
        "Hamaam Alalil Centre": "latn", "حمام العليل": "arab",
    }


def test_malformed_rows_reported_with_line_numbers(tmp_path):
    rows = [
        ROWS[0],
        "B1,Too Few,x,36.1",  # line 3
        "B2,Far North,,123,43.1,Ninewa,Mosul",  # line 4
        "B3,Nowhere,,abc,43.1,Ninewa,Mosul",  # line 5
        "B4,Extra,,36.1,43.1,Ninewa,Mosul,surplus",  # line 6
        ",No Id,,36.1,43.1,Ninewa,Mosul",  # line 7
        "A1,Duplicate,,36.1,43.1,Ninewa,Mosul",  # line 8
        ROWS[1],
    ]
    bad = b"B5,Mos\xff\xfeul,,36.3,43.1,Ninewa,Mosul\n"  # line 10
    report = csv_load_places(path=write_csv(tmp_path, rows, extra=bad), mapping=mapping(), quiet=True)
    errors = {e.line: e.message for e in report.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 10]
    assert "expected 7 columns, found 4" in errors[3]
    assert "latitude '123'" in errors[4]
    assert "'abc'" in errors[5]
    assert "found 8" in errors[6]
    assert "duplicate id A1" in errors[8] and "line 2" in errors[8]
    assert "UTF-8" in errors[10]
    assert (report.read, report.created, report.skipped) == (9, 2, 7)


def test_second_load_changes_nothing(tmp_path):
    path = write_csv(tmp_path, ROWS)
    csv_load_places(path=path, mapping=mapping(), quiet=True)
    again = csv_load_places(path=path, mapping=mapping(), quiet=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert again.extra["names created"] == 0


def test_without_id_column_ids_are_stable(tmp_path):
    path = write_csv(tmp_path, ROWS)
    first = csv_load_places(path=path, mapping=mapping(id_col=""), quiet=True)
    second = csv_load_places(path=path, mapping=mapping(id_col=""), quiet=True)
    assert (first.created, second.created, second.unchanged) == (2, 0, 2)


def test_missing_column_and_mapping_errors(tmp_path):
    with pytest.raises(LoaderError, match="lat_col|latitude|--lat-col"):
        csv_mapping(name_col="label", lon_col="x")
    with pytest.raises(LoaderError, match="nope"):
        csv_load_places(path=write_csv(tmp_path, ROWS), mapping=mapping(name_col="nope"), quiet=True)
    with pytest.raises(LoaderError, match="unknown preset"):
        csv_mapping(preset="acled")


def test_command_with_column_options(tmp_path):
    out = io.StringIO()
    call_command(
        "gazetteer_load_csv", str(write_csv(tmp_path, ROWS)), "--name-col", "label", "--alt-name-cols",
        "label_ar", "--lat-col", "y", "--lon-col", "x", "--admin-cols", "gov,dist", "--id-col", "code",
        "--country", "IQ", "--source", "analyst", "--quiet", stdout=out,
    )
    assert "read 2, created 2, updated 0, unchanged 0, skipped 0" in out.getvalue()
    assert Place.objects.filter(source=Source.ANALYST).count() == 2
    with pytest.raises(CommandError, match="--name-col"):
        call_command("gazetteer_load_csv", str(tmp_path / "places.csv"), stdout=io.StringIO())


@pytest.mark.parametrize(("name", "admins", "expected"), [
    ("Tall Rummana (Gir Hasan)", ["Ninewa", "Sinjar"], ["Tall Rummana"]),
    ("Tall Rummana(Gir Hasan) village", ["Ninewa", "Sinjar"], ["Tall Rummana village"]),
    ("Abu Jasra-Falluja", ["Al-Anbar", "Al-Falluja"], ["Abu Jasra"]),
    ("Abu Jasra-(Al Karma North)", ["Al-Anbar", "Al-Falluja"], ["Abu Jasra"]),
    ("تل رمانة (كر حسن)", ["Ninewa", "Sinjar"], ["تل رمانة"]),
    # Not qualified: an article before the hyphen, a suffix that is no admin name,
    # nothing but a qualifier, nothing dropped.
    ("Markaz Al-Qaim", ["Al-Anbar", "Al-Qaim"], []),
    ("Abu Jasra-Saqlawiya", ["Al-Anbar", "Al-Falluja"], []),
    ("(Sector 2)", ["Diyala", "Khanaqin"], []),
    ("Abu Jasra", ["Al-Anbar", "Al-Falluja"], []),
])
def test_unqualified_names(name, admins, expected):
    assert unqualified_names(name, admins) == expected


def test_iom_dtm_preset_indexes_names_without_their_qualifiers(tmp_path):
    rows = ["location_id,place_id,governorate,district,name_en,name_ar,lat,lon",
            "1,1,Ninewa,Sinjar,Tall Rummana (Gir Hasan),تل رمانة (كر حسن),36.3,41.7",
            "2,2,Al-Anbar,Al-Falluja,Abu Jasra-Falluja,ابو جسرة,33.4,43.7"]
    path = tmp_path / "dtm.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    csv_load_places(path=path, mapping=csv_mapping(preset="iom-dtm"), quiet=True)
    first = Place.objects.get(source=Source.IOM_DTM, source_id="1")
    assert first.name == "Tall Rummana (Gir Hasan)"  # the full name stays the preferred one
    assert set(first.names.values_list("name", flat=True)) == {
        "Tall Rummana (Gir Hasan)", "تل رمانة (كر حسن)", "Tall Rummana", "تل رمانة"}
    second = Place.objects.get(source=Source.IOM_DTM, source_id="2")
    assert "Abu Jasra" in set(second.names.values_list("name", flat=True))
    # A plain mapping keeps names as they are.
    csv_load_places(path=path, mapping=mapping(
        name_col="name_en", alt_name_cols=("name_ar",), lat_col="lat", lon_col="lon",
        admin_cols=("governorate", "district"), id_col="location_id"), quiet=True)
    plain = Place.objects.get(source=Source.CSV, source_id="1")
    assert plain.names.count() == 2


@pytest.mark.shared_data
def test_iom_dtm_preset_exact_counts_and_idempotent():
    path = shared_path("data", "gazetteer", "iraq_iom_dtm_locations.csv")
    out = io.StringIO()
    call_command("gazetteer_load_csv", str(path), "--preset", "iom-dtm", "--quiet", stdout=out)
    assert "read 6695, created 6695, updated 0, unchanged 0, skipped 0" in out.getvalue()
    places = Place.objects.filter(source=Source.IOM_DTM)
    assert places.count() == 6695
    assert places.filter(admin1_code="Ninewa").count() == 1159
    alaleel = places.get(names__name="مركز حمام العليل", names__script="arab")
    assert alaleel.name == iom_dtm_name("مركز حمام العليل")
    assert (alaleel.country_code, alaleel.feature_code) == ("IQ", "PPL")
    again = io.StringIO()
    call_command("gazetteer_load_csv", str(path), "--preset", "iom-dtm", "--quiet", stdout=again)
    assert "read 6695, created 0, updated 0, unchanged 6695, skipped 0" in again.getvalue()
