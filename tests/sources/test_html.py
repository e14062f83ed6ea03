"""HTML pages -> report documents: main text without page furniture, metadata from the head."""

import datetime as dt

import pytest

from incidents.sources.document import IngestError
from incidents.sources.files import document_from_path
from incidents.sources.html import decode_html, document_from_html_text, looks_like_html
from incidents.sources.payloads import document_from_fields
from tests.pages import FOOTER_TEXT, NAV_TEXT, PARAGRAPHS, SCRIPT_SECRET, article_html


def test_article_text_keeps_paragraphs_and_drops_scripts_and_furniture():
    doc = document_from_html_text(article_html("strike", title="Jets strike hideout"))
    for paragraph in PARAGRAPHS["strike"]:
        assert paragraph in doc.text
    for furniture in (SCRIPT_SECRET, "STYLE_TEXT", "font-family", NAV_TEXT, FOOTER_TEXT,
                      "Unrelated story about football"):
        assert furniture not in doc.text
    assert not doc.text.startswith("Jets strike hideout")  # the headline is the title
    assert "\n\n" in doc.text  # paragraph boundaries survive


def test_metadata_from_open_graph():
    doc = document_from_html_text(
        article_html("strike", title="Jets strike hideout", publisher="Kurdistan 24",
                     published="2021-05-18T09:30:00+03:00"),
        url="http://news.example/strike",
    )
    assert doc.title == "Jets strike hideout"
    assert doc.publisher == "Kurdistan 24"
    assert doc.published_at == dt.datetime(2021, 5, 18, 6, 30, tzinfo=dt.UTC)
    assert doc.url == "http://news.example/strike"


def test_metadata_from_json_ld():
    doc = document_from_html_text(
        article_html("arrest", title="Three arrested in Mosul", publisher="Rudaw",
                     published="2021-06-01T12:00:00Z", json_ld=True)
    )
    assert doc.title == "Three arrested in Mosul"
    assert doc.publisher == "Rudaw"
    assert doc.published_at == dt.datetime(2021, 6, 1, 12, 0, tzinfo=dt.UTC)
    assert SCRIPT_SECRET not in doc.text


def test_title_tag_and_time_element_when_no_meta():
    page = (
        "<html><head><title>Blast near patrol - Some Site</title></head><body>"
        '<article><time datetime="2020-02-03">3 Feb</time>'
        f"<p>{PARAGRAPHS['ied'][0]}</p></article></body></html>"
    )
    doc = document_from_html_text(page)
    assert doc.title == "Blast near patrol"
    assert doc.published_at == dt.datetime(2020, 2, 3, tzinfo=dt.UTC)
    assert PARAGRAPHS["ied"][0] in doc.text


def test_short_page_still_gives_its_text():
    page = "<html><body><nav>Menu</nav><p>Gunmen attacked a checkpoint in Diyala.</p></body></html>"
    doc = document_from_html_text(page)
    assert "Gunmen attacked a checkpoint in Diyala." in doc.text
    assert "Menu" not in doc.text


@pytest.mark.parametrize(
    "page",
    ["", "   ", "<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>"],
)
def test_pages_without_article_text_are_rejected(page):
    with pytest.raises(IngestError):
        document_from_html_text(page)


def test_decode_html_uses_meta_charset_for_arabic():
    arabic = "قصف جوي على مواقع داعش في الموصل"
    page = f'<html><head><meta charset="windows-1256"></head><body><p>{arabic}</p></body></html>'
    assert arabic in decode_html(page.encode("cp1256"))


def test_http_charset_wins_over_sniffing():
    # Latin-1 bytes that also decode (differently) as Windows-1256, the sniffing fallback.
    data = "<html><body><p>Þórður</p></body></html>".encode("latin-1")
    assert "Þórður" in decode_html(data, charset="iso-8859-1")
    assert "Þórður" not in decode_html(data)


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html><html><body></body></html>")
    assert looks_like_html("  <!-- saved page -->\n<html lang='ar'>")
    assert not looks_like_html("Air strike kills 5 <b>near</b> Kirkuk")


def test_html_file_and_html_saved_as_txt(tmp_path):
    html = article_html("ied", title="Blast near patrol")
    for name in ("page.html", "page.txt"):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        doc = document_from_path(path, max_bytes=1_000_000)
        assert doc.title == "Blast near patrol"
        assert SCRIPT_SECRET not in doc.text
        assert PARAGRAPHS["ied"][0] in doc.text


def test_pasted_html_is_cleaned_and_fields_win():
    doc = document_from_fields(
        text=article_html("arrest", title="Page title"), title="Analyst title", origin="form:x"
    )
    assert doc.title == "Analyst title"
    assert SCRIPT_SECRET not in doc.text
    assert PARAGRAPHS["arrest"][0] in doc.text
