"""Fetching report URLs from a local server: metadata, timeouts, size limits, content types."""

import datetime as dt
import io
import time

import pytest
from django.core.management import call_command

from incidents.models import IngestFailure, Report
from incidents.sources.document import IngestError
from incidents.sources.web import document_from_url, read_url_list, url_fetch
from incidents.tasks import url_ingest_task
from tests.local_http import serve
from tests.pages import PARAGRAPHS, SCRIPT_SECRET, article_html

ARABIC = "قصف جوي استهدف مواقع لتنظيم داعش جنوب كركوك يوم الاثنين"


@pytest.fixture
def server():
    with serve() as local:
        yield local


@pytest.fixture
def short_limits(settings):
    settings.ATLAS_FETCH_TIMEOUT = (1.0, 0.4)
    settings.ATLAS_MAX_REPORT_BYTES = 100_000
    return settings


def test_article_page_is_fetched_with_metadata_and_user_agent(server, settings):
    settings.ATLAS_USER_AGENT = "IncidentAtlas/0.1 (+mailto:atlas@example.org)"
    url = server.add("/news/strike", article_html("strike", title="Jets strike hideout",
                                                  publisher="Example Wire"))
    doc = document_from_url(url=url)
    assert doc.title == "Jets strike hideout"
    assert doc.publisher == "Example Wire"
    assert doc.published_at == dt.datetime(2021, 5, 18, 6, 30, tzinfo=dt.UTC)
    assert doc.published_at.date() == dt.date(2021, 5, 18)  # the local date is kept
    assert doc.url == url and doc.origin == url
    assert PARAGRAPHS["strike"][0] in doc.text and SCRIPT_SECRET not in doc.text
    assert server.hits("/news/strike")[0]["User-Agent"] == settings.ATLAS_USER_AGENT


def test_default_user_agent_names_the_atlas(server):
    url = server.add("/plain", "Title\n\nBody text of a report.\nMore.", content_type="text/plain")
    url_fetch(url=url)
    assert server.hits("/plain")[0]["User-Agent"].startswith("IncidentAtlas/")


def test_plain_text_with_declared_charset_keeps_arabic(server):
    body = f"عنوان الخبر\n\n{ARABIC}\n\nفقرة ثانية.".encode("cp1256")
    url = server.add("/ar.txt", body, content_type="text/plain; charset=windows-1256")
    doc = document_from_url(url=url)
    assert ARABIC in doc.text
    assert doc.title == "عنوان الخبر"


def test_slow_url_times_out_quickly(server, short_limits):
    url = server.add("/slow", article_html("ied", title="Slow"), delay=2.0)
    started = time.monotonic()
    with pytest.raises(IngestError, match="timed out"):
        document_from_url(url=url)
    assert time.monotonic() - started < 1.5


def test_streamed_response_beyond_the_limit_is_cut_off(server, short_limits):
    url = server.add("/huge", b"<p>" + b"x" * 65_536 + b"</p>", chunks=50)  # ~3 MB, no length
    with pytest.raises(IngestError, match="too large: more than 100,000 bytes"):
        document_from_url(url=url)


def test_declared_length_beyond_the_limit_is_refused(server, short_limits):
    url = server.add("/big", b"a" * 150_000, content_type="text/plain")
    with pytest.raises(IngestError, match="too large: 150,000 bytes"):
        url_fetch(url=url)


@pytest.mark.parametrize(
    ("route", "kwargs", "message"),
    [
        ("/image.png", {"content_type": "image/png"}, "unsupported content type 'image/png'"),
        ("/gone", {"status": 404}, "HTTP 404"),
        ("/empty", {"content_type": "text/html"}, "empty response"),
    ],
)
def test_unusable_answers_are_clear_errors(server, route, kwargs, message):
    url = server.add(route, b"" if route == "/empty" else b"\x89PNG....", **kwargs)
    with pytest.raises(IngestError, match=message):
        document_from_url(url=url)


def test_only_http_urls_are_fetched():
    with pytest.raises(IngestError, match="not an http"):
        url_fetch(url="file:///etc/passwd")


def test_url_list_reading():
    assert read_url_list("# reports\nhttp://a.example/1\n\n  http://a.example/2  \n") == [
        "http://a.example/1", "http://a.example/2",
    ]


@pytest.mark.django_db
def test_url_task_ingests_once_and_records_failures(server, short_limits):
    url = server.add("/news/arrest", article_html("arrest", title="Three arrested"))
    first = url_ingest_task.delay(url).get()
    second = url_ingest_task.delay(url).get()
    assert first["status"] == "ingested" and second["status"] == "duplicate"
    assert first["report_id"] == second["report_id"]
    report = Report.objects.get()
    assert report.url == url and report.title == "Three arrested"
    slow = server.add("/slow", "x", delay=2.0)
    failed = url_ingest_task.delay(slow).get()
    assert failed["status"] == "failed" and "timed out" in failed["reason"]
    assert IngestFailure.objects.get().channel == "url"


@pytest.mark.django_db
def test_ingest_command_url_list_goes_on_after_failures(server, short_limits, tmp_path):
    good = server.add("/news/ied", article_html("ied", title="Blast near patrol"))
    urls = [good, server.add("/slow", "x", delay=2.0), server.url("/missing"),
            server.add("/huge", b"y" * 65_536, chunks=10, content_type="text/plain")]
    listing = tmp_path / "urls.txt"
    listing.write_text("# test list\n" + "\n".join(urls) + "\n")
    out = io.StringIO()
    call_command("ingest", "--urls", str(listing), "--no-progress", stdout=out, stderr=io.StringIO())
    summary = out.getvalue()
    assert "Summary: 1 ingested" in summary and "3 failed" in summary
    assert Report.objects.get().title == "Blast near patrol"
    reasons = dict(IngestFailure.objects.values_list("origin", "reason"))
    assert set(reasons) == set(urls[1:])
    assert "timed out" in reasons[urls[1]]
    assert "HTTP 404" in reasons[urls[2]]
    assert "too large" in reasons[urls[3]]
