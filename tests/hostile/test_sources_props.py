"""Hostile bytes and text through the report sources (incidents/sources/).

Random bytes with and without BOMs, mixed scripts, bidi controls, NUL and other controls,
lone surrogates, deep and malformed HTML, broken feeds, hostile CSV and JSON: every
source returns a document (or records) or raises its documented error (IngestError,
AcledFileError), never anything else, and what it returns can be stored: valid UTF-8,
no NUL character (PostgreSQL refuses both), within the field lengths.
"""

import contextlib
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incidents.sources.acled import AcledFileError, AcledRecord, RowFailure, acled_records
from incidents.sources.document import IngestError, ReportDocument
from incidents.sources.feeds import feed_parse
from incidents.sources.files import document_from_path
from incidents.sources.html import decode_html, document_from_html_text
from incidents.sources.payloads import document_from_fields, document_from_payload
from incidents.sources.text import decode_bytes, document_from_text
from tests.hostile.strategies import BOUNDED, HOSTILE_TEXT, HOSTILE_TEXT_EXTREME

BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]
HOSTILE_BYTES = st.one_of(
    st.binary(max_size=300),
    st.tuples(st.sampled_from(BOMS), st.binary(max_size=300)).map(b"".join),
    HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from(BOMS), HOSTILE_TEXT, st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]))
    .map(lambda a: a[0] + a[1].encode(a[2], "surrogatepass")),
)


def storable(value: str) -> None:
    value.encode("utf-8")  # no lone surrogate
    assert "\x00" not in value


def assert_storable(document: ReportDocument) -> None:
    for value in (document.text, document.title, document.publisher, document.url, document.origin):
        storable(value)
    assert document.text.strip()
    assert len(document.title) <= 500 and len(document.publisher) <= 200


def html_page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>{body[:40]}</title></head><body>{body}</body></html>"


@BOUNDED
@given(HOSTILE_BYTES)
def test_decode_bytes_gives_text_or_ingest_error(data):
    with contextlib.suppress(IngestError):
        storable(decode_bytes(data).replace("\x00", ""))
    with contextlib.suppress(IngestError):
        decode_html(data, charset="utf-8")


@BOUNDED
@given(HOSTILE_TEXT_EXTREME)
def test_text_reports_are_storable_or_refused(text):
    with contextlib.suppress(IngestError):
        assert_storable(document_from_text(text))


@BOUNDED
@given(HOSTILE_TEXT_EXTREME, HOSTILE_TEXT, HOSTILE_TEXT)
def test_form_fields_are_storable_or_refused(text, title, publisher):
    with contextlib.suppress(IngestError):
        assert_storable(document_from_fields(text=text, title=title, publisher=publisher))


DEEP_HTML = [
    "<div>" * 50_000 + "Clashes in Mosul." + "</div>" * 50_000,
    "<p><b><i>" * 5_000 + "Clashes in Mosul.",
    "<table>" + "<tr><td>" * 20_000,
    "<!--" + "x" * 100_000,
    "<p>" + "<![CDATA[" * 1000 + "Mosul</p>",
    "<svg><script>alert(1)</script></svg><p>" + "Clashes in Mosul. " * 30 + "</p>",
    "<p>\x00\x01\x02 Clashes \udc80 in Mosul</p>" * 20,
    "<p>" + "A" * 200_000 + "</p>",
    "<html><body>" + "<p dir='rtl'>\u202eاشتباكات في الموصل\u202c</p>" * 50,
    "<?xml version='1.0' encoding='utf-8'?><!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]>"
    "<html><body><p>&b;&b;&b; Clashes in Mosul</p></body></html>",
]


@pytest.mark.parametrize("html", DEEP_HTML, ids=range(len(DEEP_HTML)))
def test_deep_and_malformed_html_is_read_or_refused(html):
    with contextlib.suppress(IngestError):
        assert_storable(document_from_html_text(html_page(html)))


@BOUNDED
@given(st.lists(st.one_of(HOSTILE_TEXT, st.sampled_from(["<p>", "</p>", "<div>", "<script>", "</b>",
                                                         "<meta charset='x'>", "<!--", "-->", "&amp;",
                                                         "&#0;", "&#xD800;", "&#99999999;"])),
                max_size=30).map("".join))
def test_random_html_is_read_or_refused(body):
    with contextlib.suppress(IngestError):
        assert_storable(document_from_html_text(html_page(body)))


@BOUNDED
@given(st.one_of(HOSTILE_BYTES, HOSTILE_TEXT.map(lambda t: (
    f"<?xml version='1.0'?><rss version='2.0'><channel><title>{t}</title>"
    f"<item><title>{t}</title><description>{t}</description></item></channel></rss>"
).encode("utf-8", "surrogatepass"))))
def test_feeds_parse_or_are_refused(body):
    with contextlib.suppress(IngestError):
        feed_parse(body, content_type="application/rss+xml", charset=None)


CSV_HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,location,notes,latitude,longitude,"
              "fatalities\n")
CELL = st.one_of(HOSTILE_TEXT, st.sampled_from([
    "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "1e309", "nan", "-0", "99999999999999999999999",
    "2021-02-30", "0000-00-00", "Battles", "Armed clash", '"', '""', "\x00", "\r", "\n",
]))


@BOUNDED
@given(st.lists(st.lists(CELL, min_size=1, max_size=12), max_size=6))
def test_acled_csv_rows_become_records_or_row_failures(rows):
    text = CSV_HEADER + "\n".join(",".join(cells) for cells in rows)
    try:
        for item in acled_records(io.StringIO(text, newline="")):
            assert isinstance(item, AcledRecord | RowFailure)
            if isinstance(item, AcledRecord):
                for value in (item.event_id, item.actor1, item.location, item.notes):
                    storable(value)
                assert item.fatalities is None or 0 <= item.fatalities < 2**31
    except AcledFileError:
        pass


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), HOSTILE_TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@BOUNDED
@given(st.one_of(JSON_VALUE, st.fixed_dictionaries({}, optional={
    "text": st.one_of(HOSTILE_TEXT_EXTREME, JSON_VALUE), "title": st.one_of(HOSTILE_TEXT, JSON_VALUE),
    "url": st.sampled_from(["javascript:alert(1)", "http://x", "https://" + "a" * 3000, "\x00", ""]),
    "publisher": HOSTILE_TEXT, "published_at": st.sampled_from(["2021-13-45", "99999-01-01", "now", ""]),
})))
def test_json_payloads_are_storable_or_refused(payload):
    json.dumps(payload, default=str)
    with contextlib.suppress(IngestError):
        assert_storable(document_from_payload(payload, origin="api"))


@BOUNDED
@given(HOSTILE_BYTES, st.sampled_from([".txt", ".html", ".md"]))
def test_report_files_are_read_or_refused(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("reports") / f"report{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(IngestError):
        assert_storable(document_from_path(path, max_bytes=10_000))


@pytest.mark.parametrize("cell", ["Mo\x00sul", "a\x00b\udc80", "\x00"])
def test_acled_cells_with_nul_or_surrogates_are_stored_clean(cell):
    text = CSV_HEADER + f"IRQ1,2021-05-18,Battles,Armed clash,Army,{cell},{cell},,,0\n"
    (record,) = acled_records(io.StringIO(text, newline=""))
    assert isinstance(record, AcledRecord)
    storable(record.location)
    storable(record.notes)


@pytest.mark.parametrize("data", [b"\xff\xfeA", b"\xfe\xff\x00", b"\xff\xfe\x00\xd8"])
def test_a_byte_order_mark_before_broken_bytes_is_an_ingest_error(data):
    with pytest.raises(IngestError, match="byte-order mark"):
        decode_bytes(data)


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                  " javascript:alert(1)", "vbscript:x"])
def test_a_feed_entry_link_that_is_no_web_address_is_not_kept(link):
    from types import SimpleNamespace

    from incidents.sources.feeds import entry_document

    body = "<p>" + "Clashes broke out in Mosul on Monday between the army and gunmen. " * 10 + "</p>"
    xml = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title><item><title>T</title>"
           f"<link>{link.replace('<', '&lt;')}</link><description><![CDATA[{body}]]></description>"
           f"</item></channel></rss>").encode()
    parsed = feed_parse(xml, content_type="application/rss+xml", charset=None)
    feed = SimpleNamespace(publisher="P", title="F")
    document = entry_document(feed, parsed.entries[0], link=parsed.entries[0].get("link", ""), session=None)
    assert not document.url or document.url.startswith(("http://", "https://"))


@BOUNDED
@given(HOSTILE_TEXT_EXTREME)
def test_cleaning_is_idempotent(text):
    from incidents.sources.document import content_hash, storable
    from incidents.sources.text import normalize_whitespace, strip_furniture

    once = normalize_whitespace(text)
    assert normalize_whitespace(once) == once
    assert storable(storable(text)) == storable(text)
    cut = strip_furniture(once)
    assert strip_furniture(cut) == cut
    # Re-wrapping a report (other line breaks and spaces) is the same report.
    assert content_hash(once) == content_hash(" \n".join(storable(text).split()))
