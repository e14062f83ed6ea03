"""Decoding, furniture stripping and metadata parsing of report files (no database)."""

import datetime as dt

import pytest

from incidents.sources.document import IngestError, content_hash
from incidents.sources.text import (
    decode_bytes,
    document_from_file,
    document_from_text,
    iter_report_files,
    strip_furniture,
)

ARABIC = "قصف جوي قرب تلعفر"


def test_decode_utf8_utf16_and_windows_1256():
    assert decode_bytes(ARABIC.encode("utf-8")) == ARABIC
    assert decode_bytes(ARABIC.encode("utf-16")) == ARABIC  # with BOM
    assert decode_bytes(ARABIC.encode("utf-16-le")) == ARABIC  # without BOM
    assert decode_bytes(("Mosul " + ARABIC).encode("cp1256")) == "Mosul " + ARABIC
    assert decode_bytes("\ufeffMosul".encode()) == "Mosul"


def test_binary_is_rejected_with_a_reason():
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(bytes(range(256)) * 4)


def test_strip_furniture_cuts_from_comment_form():
    text = "Air strike near Mosul.\n\nLeave a Reply\n\nYou are commenting using your account."
    assert strip_furniture(text).strip() == "Air strike near Mosul."


def test_document_header_lines_and_title():
    doc = document_from_text(
        "Clashes west of Mosul\nPublished: 2021-05-16\nPublisher: Demo Wire (demo)\n\n"
        "Clashes broke out west of Mosul on Sunday.\nShare this:\nFacebook"
    )
    assert doc.title == "Clashes west of Mosul"
    assert doc.publisher == "Demo Wire (demo)"
    assert doc.published_at == dt.datetime(2021, 5, 16, tzinfo=dt.UTC)
    assert doc.text == "Clashes broke out west of Mosul on Sunday."


def test_news_site_byline_and_publisher_lead():
    doc = document_from_text(
        "Strike reported\n\nSecurity 2021-05-18 12:09 A-AA +\n\n"
        "Wire Agency / An air strike hit a hideout near Tal Afar today."
    )
    assert doc.published_at == dt.datetime(2021, 5, 18, 12, 9, tzinfo=dt.UTC)
    assert doc.publisher == "Wire Agency"
    assert doc.text.startswith("Wire Agency / An air strike")


@pytest.mark.parametrize("raw", ["", "   \n\n  ", "Leave a Reply\nLog Out"])
def test_empty_reports_are_rejected(raw):
    with pytest.raises(IngestError, match="empty"):
        document_from_text(raw)


def test_hash_ignores_wrapping_and_case():
    assert content_hash("Air strike\nnear  Mosul") == content_hash("air strike near mosul ")
    assert content_hash("Air strike near Mosul") != content_hash("Air strike near Tal Afar")


def test_files_empty_huge_and_folders(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"a" * 2048)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "ok.txt").write_text("Title\n\nAn IED exploded near Sinjar.\n", encoding="utf-8")
    (sub / "image.png").write_bytes(b"\x89PNG")
    files = list(iter_report_files([tmp_path]))
    assert [f.name for f in files] == ["big.txt", "empty.txt", "ok.txt"]
    with pytest.raises(IngestError, match="empty file"):
        document_from_file(tmp_path / "empty.txt", max_bytes=1024)
    with pytest.raises(IngestError, match="too large"):
        document_from_file(tmp_path / "big.txt", max_bytes=1024)
    assert document_from_file(sub / "ok.txt", max_bytes=1024).text == "An IED exploded near Sinjar."
