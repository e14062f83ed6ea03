"""RSS/Atom polling against feeds served from a local HTTP server."""

import io

import pytest
from django.core.management import call_command

from incidents.models import Feed, FeedEntry, IngestFailure, Report
from incidents.services.feeds import feed_poll, feeds_poll
from incidents.tasks import feed_poll_task
from tests.local_http import serve
from tests.pages import PARAGRAPHS, SCRIPT_SECRET, article_html, atom_feed, rss_feed

pytestmark = pytest.mark.django_db

FULL_TEXT = "".join(f"<p>{p}</p>" for p in PARAGRAPHS["ied"] * 3)  # long enough to be the article


@pytest.fixture
def server():
    with serve() as local:
        yield local


@pytest.fixture
def news(server):
    """Two article pages and an RSS feed linking to them, plus one full-text entry."""
    strike = server.add("/news/strike", article_html("strike", title="Jets strike hideout"))
    arrest = server.add("/news/arrest", article_html("arrest", title="Three arrested in Mosul"))
    items = [
        {"title": "Jets strike hideout", "link": strike},
        {"title": "Three arrested", "link": arrest},
        {"title": "Blast near patrol", "link": server.url("/news/never-fetched"),
         "guid": "urn:wire:ied-1", "content": FULL_TEXT},
    ]
    return server, server.add("/rss.xml", rss_feed(items), content_type="application/rss+xml",
                              etag='"v1"')


def test_rss_poll_ingests_each_entry_once_with_metadata(news):
    server, url = news
    feed = Feed.objects.create(url=url)
    result = feed_poll(feed=feed)
    assert result.error == "" and result.count("ingested") == 3
    titles = set(Report.objects.values_list("title", flat=True))
    assert titles == {"Jets strike hideout", "Three arrested in Mosul", "Blast near patrol"}
    strike = Report.objects.get(title="Jets strike hideout")
    assert strike.publisher == "Example Wire"  # the page's og:site_name
    assert strike.url == server.url("/news/strike")
    assert SCRIPT_SECRET not in strike.text
    ied = Report.objects.get(title="Blast near patrol")
    assert PARAGRAPHS["ied"][0] in ied.text
    assert ied.publisher == "Example Wire security"  # no page: the feed's title
    assert not server.hits("/news/never-fetched")  # full text in the feed: link not fetched
    assert FeedEntry.objects.filter(feed=feed).count() == 3
    feed.refresh_from_db()
    assert feed.title == "Example Wire security" and feed.etag == '"v1"' and feed.last_error == ""


def test_second_poll_uses_conditional_get_and_ingests_nothing(news):
    server, url = news
    feed = Feed.objects.create(url=url)
    feed_poll(feed=feed)
    again = feed_poll(feed=Feed.objects.get(pk=feed.pk))
    assert again.not_modified and again.outcomes == []
    assert server.hits("/rss.xml")[-1]["If-None-Match"] == '"v1"'
    assert Report.objects.count() == 3


def test_seen_entries_are_skipped_without_validators(news):
    server, url = news
    server.routes["/rss.xml"].etag = ""  # a server without conditional GET
    feed = Feed.objects.create(url=url, publisher="Wire (admin's name)")
    feed_poll(feed=feed)
    pages_fetched = len(server.hits("/news/strike"))
    again = feed_poll(feed=Feed.objects.get(pk=feed.pk))
    assert not again.not_modified and again.seen == 3 and again.outcomes == []
    assert len(server.hits("/news/strike")) == pages_fetched
    assert Report.objects.count() == 3
    assert set(Report.objects.values_list("publisher", flat=True)) == {"Wire (admin's name)"}


def test_atom_feed(server):
    page = server.add("/atom/1", article_html("arrest", title="Arrests in Mosul"))
    url = server.add("/atom.xml", atom_feed([{"title": "Arrests", "link": page, "id": "tag:1"}]),
                     content_type="application/atom+xml")
    result = feed_poll(feed=Feed.objects.create(url=url))
    assert result.count("ingested") == 1
    assert FeedEntry.objects.get().guid == "tag:1"
    assert Report.objects.get().title == "Arrests in Mosul"


def test_malformed_feed_is_recorded_and_other_feeds_still_polled(news):
    server, good_url = news
    broken_url = server.add(
        "/broken.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>'
        "<item><title>Unclosed & bad</title><link>http://x.invalid/1</link></item>",
        content_type="application/rss+xml",
    )
    broken = Feed.objects.create(url=broken_url)
    good = Feed.objects.create(url=good_url)
    results = feeds_poll()
    assert [r.feed_id for r in results] == [broken.pk, good.pk]
    broken.refresh_from_db()
    assert "malformed feed XML" in broken.last_error and broken.last_polled_at is not None
    failure = IngestFailure.objects.get()
    assert (failure.channel, failure.origin) == ("feed", broken_url)
    assert "malformed feed XML" in failure.reason
    assert results[1].count("ingested") == 3
    assert not FeedEntry.objects.filter(feed=broken).exists()


def test_not_a_feed_and_unreachable_feed(server):
    html = Feed.objects.create(url=server.add("/page", "<html><body>hi</body></html>",
                                              content_type="text/plain"))
    missing = Feed.objects.create(url=server.url("/gone.xml"))
    results = feeds_poll()
    assert "not an RSS or Atom feed" in results[0].error
    assert "HTTP 404" in results[1].error
    assert {f.origin for f in IngestFailure.objects.all()} == {html.url, missing.url}


def test_failed_entry_is_retried_on_the_next_poll(server, settings):
    settings.ATLAS_FETCH_TIMEOUT = (1.0, 0.3)
    url = server.add("/rss.xml", rss_feed([{"title": "Slow", "link": server.url("/news/slow")}]),
                     content_type="application/rss+xml", etag='"v1"')
    server.add("/news/slow", article_html("strike", title="Slow page"), delay=1.0)
    feed = Feed.objects.create(url=url)
    first = feed_poll(feed=feed)
    assert first.count("failed") == 1 and "timed out" in first.outcomes[0].reason
    assert not FeedEntry.objects.exists()
    feed.refresh_from_db()
    assert feed.etag == ""  # so the next poll is not answered 304
    server.routes["/news/slow"].delay = 0
    second = feed_poll(feed=feed)
    assert second.count("ingested") == 1
    assert Report.objects.get().title == "Slow page"
    assert IngestFailure.objects.get().channel == "feed"


def test_ingest_feeds_command_and_task(news):
    server, url = news
    out = io.StringIO()
    call_command("ingest_feeds", "--add", url, "--no-progress", stdout=out, stderr=io.StringIO())
    assert "3 ingested" in out.getvalue()
    assert "Summary: 1 feed(s) polled (0 failed)" in out.getvalue()
    feed = Feed.objects.get()
    assert feed_poll_task.delay(feed.pk).get()["not_modified"] is True
    out = io.StringIO()
    call_command("ingest_feeds", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "not modified" in out.getvalue()
    assert Report.objects.count() == 3
