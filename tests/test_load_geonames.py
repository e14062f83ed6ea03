"""GeoNames loader: dump lines, malformed input, zip, country filter, alternate names, codes, download."""

import io
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from gazetteer.loaders.geonames import (
    admin_code_names,
    geonames_load_admin_codes,
    geonames_load_alternate_names,
    geonames_load_places,
)
from gazetteer.models import Place, PlaceName, Source
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db


def dump_line(gid, name, lat, lon, cc="IQ", fcode="PPL", alternates="", population="0", admin1="15"):
    cols = [str(gid), name, name, alternates, str(lat), str(lon), "P", fcode, cc, "", admin1, "", "",
            "", population, "", "250", "Asia/Baghdad", "2020-06-10"]
    return "\t".join(cols)


GOOD = [
    dump_line(99001, "Tall ‘Afar", 36.37913, 42.44806, fcode="PPLA2", alternates="Tal Afar,Telafar,تلعفر",
              population="205000"),
    dump_line(99002, "Bādūsh", 36.425, 42.9632, alternates="Badush,Badosh"),
    dump_line(99003, "Dayr az Zawr", 35.33588, 40.14084, cc="SY", fcode="PPLA", alternates="Deir ez-Zor"),
]


def write_dump(tmp_path, lines, name="IQ.txt", extra_bytes=b""):
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + extra_bytes)
    return path


def test_loads_places_with_names_and_fields(tmp_path):
    report = geonames_load_places(path=write_dump(tmp_path, GOOD), quiet=True)
    assert (report.read, report.created, report.skipped) == (3, 3, 0)
    tal_afar = Place.objects.get(source=Source.GEONAMES, source_id="99001")
    assert tal_afar.geonameid == 99001
    assert (tal_afar.feature_code, tal_afar.population, tal_afar.admin1_code) == ("PPLA2", 205000, "15")
    assert tal_afar.point.x == pytest.approx(42.44806)
    names = set(tal_afar.names.values_list("name", flat=True))
    assert {"Tall ‘Afar", "Tal Afar", "Telafar", "تلعفر"} <= names
    assert tal_afar.names.get(name="تلعفر").script == "arab"


def test_malformed_lines_reported_with_line_numbers_rest_loads(tmp_path):
    lines = [
        GOOD[0],
        "99010\tShort\tline",  # line 2: wrong column count
        dump_line(99011, "Far North", 123, 43.1),  # line 3: latitude out of range
        dump_line(99012, "Nowhere", "abc", 43.1),  # line 4: not a number
        dump_line(99013, "Bad pop", 36.1, 43.1, population="many"),  # line 5
        GOOD[1],
        dump_line(99001, "Dup", 36.0, 43.0),  # line 7: duplicate id
    ]
    bad_encoding = dump_line(99014, "Mosul", 36.3, 43.1).replace("Mosul", "Mos\x00ul").encode()
    path = write_dump(tmp_path, lines, extra_bytes=bad_encoding.replace(b"\x00", b"\xff\xfe") + b"\n")
    report = geonames_load_places(path=path, quiet=True)
    errors = {e.line: e.message for e in report.errors}
    assert sorted(errors) == [2, 3, 4, 5, 7, 8]
    assert "19" in errors[2] and "found 3" in errors[2]
    assert "latitude '123'" in errors[3]
    assert "'abc'" in errors[4]
    assert "population" in errors[5]
    assert "duplicate" in errors[7] and "line 1" in errors[7]
    assert "UTF-8" in errors[8]
    assert (report.read, report.created, report.skipped) == (8, 2, 6)
    assert set(Place.objects.values_list("source_id", flat=True)) == {"99001", "99002"}


def test_second_load_changes_nothing_and_edit_updates(tmp_path):
    path = write_dump(tmp_path, GOOD)
    geonames_load_places(path=path, quiet=True)
    names_before = PlaceName.objects.count()
    again = geonames_load_places(path=path, quiet=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert PlaceName.objects.count() == names_before
    edited = [GOOD[0].replace("205000", "210000"), *GOOD[1:]]
    third = geonames_load_places(path=write_dump(tmp_path, edited), quiet=True)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert Place.objects.get(source_id="99001").population == 210000


def test_zip_and_country_filter(tmp_path):
    archive = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "not data")
        zf.writestr("allCountries.txt", "\n".join([*GOOD, dump_line(99020, "Amman", 31.9, 35.9, cc="JO")]))
    report = geonames_load_places(path=archive, countries=("SY",), quiet=True)
    assert (report.read, report.created, report.filtered) == (4, 1, 3)
    assert list(Place.objects.values_list("name", flat=True)) == ["Dayr az Zawr"]


def test_alternate_names_only_for_loaded_places(tmp_path):
    geonames_load_places(path=write_dump(tmp_path, GOOD), quiet=True)
    rows = [
        "1\t99002\ten\tBadosh Town\t\t\t\t\t\t",
        "2\t99002\tar\tبادوش\t1\t\t\t\t\t",
        "3\t99002\tpost\t41001\t\t\t\t\t\t",  # postal code: not a name
        "4\t99002\tlink\thttps://en.wikipedia.org/wiki/Badush\t\t\t\t\t\t",
        "5\t12345\ten\tSomewhere Else\t\t\t\t\t\t",  # place not loaded
        "6\tx\ten\tBroken\t\t\t\t\t\t",  # line 6: bad geonameid
        "7\t99002\ten",  # line 7: wrong column count
        "8\t99001\tar-old\tتل اعفر\t\t\t\t1\t\t",  # historic: kept
    ]
    path = tmp_path / "alternateNamesV2.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = geonames_load_alternate_names(path=path, quiet=True)
    assert [e.line for e in report.errors] == [6, 7]
    assert (report.read, report.created, report.filtered) == (8, 3, 3)
    badush = Place.objects.get(source_id="99002")
    assert {"Badosh Town", "بادوش"} <= set(badush.names.values_list("name", flat=True))
    assert not PlaceName.objects.filter(name__in=["41001", "Somewhere Else"]).exists()
    again = geonames_load_alternate_names(path=path, quiet=True)
    assert (again.created, again.unchanged) == (0, 3)


def test_admin_codes_txt_and_json(tmp_path, settings):
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("IQ.15\tNinawa\tNinawa\t99592\nbad line\nSY.07\tDeir ez-Zor\tDeir ez-Zor\t170792\n",
                      encoding="utf-8")
    report = geonames_load_admin_codes(path=admin1)
    assert (report.created, report.skipped, report.errors[0].line) == (2, 1, 2)
    as_json = tmp_path / "codes_in.json"
    as_json.write_text('{"admin1": [{"code": "IQ.15", "name": "Nineveh"}], '
                       '"admin2": [{"code": "IQ.15.90392", "name": "Tall Afar District"}]}', encoding="utf-8")
    report = geonames_load_admin_codes(path=as_json)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert admin_code_names()["IQ.15"] == "Nineveh"
    assert geonames_load_admin_codes(path=as_json).unchanged == 2


@pytest.fixture
def dump_server(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    with zipfile.ZipFile(served / "IQ.zip", "w") as zf:
        zf.writestr("IQ.txt", "\n".join(GOOD[:2]) + "\n")
        zf.writestr("readme.txt", "GeoNames readme")
    handler = partial(SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_download_from_local_server(dump_server):
    out = io.StringIO()
    call_command("gazetteer_load_geonames", "--download", "IQ", "--base-url", dump_server, "--quiet",
                 stdout=out)
    assert "read 2, created 2" in out.getvalue()
    assert Place.objects.filter(source=Source.GEONAMES).count() == 2
    with pytest.raises(CommandError, match="404"):
        call_command("gazetteer_load_geonames", "--download", "SY", "--base-url", dump_server, "--quiet",
                     stdout=io.StringIO())


def test_command_needs_input():
    with pytest.raises(CommandError, match="--download"):
        call_command("gazetteer_load_geonames", stdout=io.StringIO())


@pytest.mark.shared_data
def test_shared_cities500_exact_counts_and_idempotent():
    path = shared_path("data", "gazetteer", "geonames_cities500_IQ_SY.tsv")
    out = io.StringIO()
    call_command("gazetteer_load_geonames", str(path), "--quiet", stdout=out)
    assert "read 434, created 434, updated 0, unchanged 0, skipped 0" in out.getvalue()
    assert Place.objects.filter(source=Source.GEONAMES, country_code="IQ").count() == 144
    assert Place.objects.filter(source=Source.GEONAMES, country_code="SY").count() == 290
    names = PlaceName.objects.count()
    again = geonames_load_places(path=path, quiet=True)
    assert (again.created, again.updated, again.unchanged, again.skipped) == (0, 0, 434, 0)
    assert PlaceName.objects.count() == names
