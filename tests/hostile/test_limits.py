"""Limits that refuse hostile files and bodies before they cost memory or time.

- Zip archives the gazetteer loaders open (GeoNames dumps, zipped boundaries): too many
  members, too many bytes once unzipped, or a member that compresses like a zip bomb is
  a LoaderError before anything is decompressed (ATLAS_ZIP_MAX_*).
- The ACLED import page refuses a file over ATLAS_MAX_IMPORT_BYTES with a form error;
  the report form and the REST API take a report up to ATLAS_MAX_REPORT_BYTES
  (DATA_UPLOAD_MAX_MEMORY_SIZE leaves room for it) and refuse a larger one with a clear
  4xx, never a 500; nothing is stored.
"""

import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from gazetteer.loaders import LoaderError
from gazetteer.loaders.boundaries import boundaries_read
from gazetteer.loaders.geonames import geonames_load_places
from gazetteer.models import Place
from incidents.models import Incident, Report

GEONAMES_LINE = "\t".join([
    "99072", "Mosul", "Mosul", "", "36.335", "43.11889", "P", "PPLA", "IQ", "", "15", "", "", "", "1739800",
    "", "223", "Asia/Baghdad", "2020-01-01",
]) + "\n"


def make_zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def bombs(tmp_path):
    return {
        "members": make_zip(tmp_path / "IQ.zip", {f"f{i}.txt": b"x" for i in range(1001)} | {
            "IQ.txt": GEONAMES_LINE.encode()}),
        "ratio": make_zip(tmp_path / "IQ2.zip", {"IQ2.txt": GEONAMES_LINE.encode() + b"\0" * 20_000_000}),
        "size": make_zip(tmp_path / "IQ3.zip", {"IQ3.txt": GEONAMES_LINE.encode() * 40_000}),  # ~3.6 MB
    }


@pytest.mark.parametrize(("bomb", "max_bytes", "message"), [
    ("members", None, "1,002 files in the zip"), ("ratio", None, "a zip bomb"),
    ("size", 1024 * 1024, "ATLAS_ZIP_MAX_BYTES"),
])
def test_zip_bombs_are_refused_before_decompressing(db, settings, bombs, bomb, max_bytes, message):
    if max_bytes:
        settings.ATLAS_ZIP_MAX_BYTES = max_bytes
    with pytest.raises(LoaderError, match=message):
        geonames_load_places(path=bombs[bomb], quiet=True)
    with pytest.raises(LoaderError, match=message):
        boundaries_read(path=bombs[bomb])
    assert not Place.objects.exists()


def test_a_normal_zip_still_loads(db, tmp_path):
    path = make_zip(tmp_path / "IQ.zip", {"IQ.txt": GEONAMES_LINE.encode() * 3, "readme.txt": b"GeoNames"})
    assert geonames_load_places(path=path, quiet=True).read == 3


def test_a_member_that_lies_about_its_size_is_never_read_past_it(db, tmp_path):
    # The sizes checked are the declared ones: zipfile stops at the declared size and fails
    # the CRC check if the data goes on, so a lie cannot smuggle a bomb past the limits.
    path = make_zip(tmp_path / "IQ.zip", {"IQ.txt": GEONAMES_LINE.encode() * 3})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("IQ.txt")
    small = (len(GEONAMES_LINE)).to_bytes(4, "little")
    real = info.file_size.to_bytes(4, "little")
    path.write_bytes(bytes(data).replace(real, small))
    with pytest.raises(LoaderError, match="damaged zip"):
        geonames_load_places(path=path, quiet=True)


@override_settings(ATLAS_MAX_IMPORT_BYTES=1000)
def test_the_acled_import_page_refuses_a_file_over_the_limit(client, role_user):
    client.force_login(role_user("editor"))
    row = "IRQ1,2021-05-18,Battles,Armed clash\n"
    csv = "event_id_cnty,event_date,event_type,sub_event_type\n" + row * 40
    upload = SimpleUploadedFile("acled.csv", csv.encode(), content_type="text/csv")
    response = client.post(reverse("incidents:acled-import"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "File too large" in html and "ATLAS_MAX_IMPORT_BYTES" in html
    assert not Incident.objects.exists()


REPORT = "Clashes broke out in Mosul on Monday between the army and gunmen. "


@override_settings(ATLAS_MAX_REPORT_BYTES=300_000, DATA_UPLOAD_MAX_MEMORY_SIZE=300_000 + 1024 * 1024)
@pytest.mark.parametrize(("size", "accepted"), [(250_000, True), (400_000, False), (3_000_000, False)])
def test_the_report_form_takes_reports_up_to_the_limit_and_refuses_larger(client, role_user, size, accepted):
    client.force_login(role_user("editor"))
    text = (REPORT * (size // len(REPORT) + 1))[:size]
    response = client.post(reverse("incidents:report-new"), {"text": text, "title": "T"})
    assert response.status_code in (200, 302, 400, 413)
    assert Report.objects.exists() == accepted
    if not accepted and response.status_code == 200:
        assert "too large" in response.content.decode()


def test_the_default_body_limit_leaves_room_for_a_whole_report(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > settings.ATLAS_MAX_REPORT_BYTES


@override_settings(ATLAS_MAX_REPORT_BYTES=300_000, DATA_UPLOAD_MAX_MEMORY_SIZE=300_000 + 1024 * 1024)
@pytest.mark.parametrize("size", [400_000, 3_000_000])
def test_the_rest_api_refuses_an_oversized_report(client, role_user, size):
    client.force_login(role_user("editor"))
    payload = json.dumps({"text": (REPORT * (size // len(REPORT) + 1))[:size]})
    response = client.post("/api/v1/reports/", payload, content_type="application/json")
    assert response.status_code in (400, 413), response.status_code
    assert not Report.objects.exists()
