"""RSS/Atom polling: conditional GET, entries remembered in FeedEntry, one report each.

An entry's report text is its own full content (content:encoded, or a long summary) when
the feed carries the article, else the page its link points to. A feed that cannot be
fetched or parsed records the reason in `Feed.last_error` and the ingest log; the other
feeds are polled all the same. An entry that fails is not remembered, so the next poll
tries it again (failures are often transient: timeouts, a server error).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import feedparser
import lxml.html
import requests
from django.utils import timezone
from lxml import etree

from incidents.ingest import IngestError, ReportDocument
from incidents.models import Feed, FeedEntry

from . import Outcome, source_ingest
from .html import document_from_html_text
from .web import FEED_TYPES, TEXT_TYPES, document_from_url, url_fetch

logger = logging.getLogger(__name__)

# Entry content at least this long (characters of text) is the article itself, so the
# link is not fetched; shorter content is a teaser.
FULL_TEXT_MIN_CHARS = 500


@dataclass(slots=True)
class FeedPollResult:
    """One feed's poll: entries ingested/duplicate/failed, or why the feed itself failed."""

    feed_id: int
    url: str
    not_modified: bool = False
    error: str = ""
    seen: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


def feed_add(*, url: str, publisher: str = "") -> Feed:
    """Register a feed to poll (or update the publisher of one already registered)."""
    if not url.startswith(("http://", "https://")):
        raise IngestError(f"not an http(s) URL: {url[:200]!r}")
    feed, created = Feed.objects.get_or_create(url=url, defaults={"publisher": publisher})
    if not created and publisher and feed.publisher != publisher:
        feed.publisher = publisher
        feed.save(update_fields=["publisher"])
    return feed


def feeds_poll(
    *,
    feeds: Iterable[Feed] | None = None,
    session: requests.Session | None = None,
    on_entry: Callable[[Outcome], None] | None = None,
) -> list[FeedPollResult]:
    """Poll the given feeds (default: every active one); one feed's failure stops no other."""
    feeds = Feed.objects.filter(active=True).order_by("pk") if feeds is None else feeds
    results = []
    for feed in feeds:
        try:
            results.append(feed_poll(feed=feed, session=session, on_entry=on_entry))
        except Exception as exc:  # recorded; the next feed is still polled
            logger.exception("polling feed %s failed", feed.url)
            reason = f"internal error ({type(exc).__name__}): {exc}"
            _feed_failed(feed, reason)
            results.append(FeedPollResult(feed_id=feed.pk, url=feed.url, error=reason))
    return results


def feed_poll(
    *,
    feed: Feed,
    session: requests.Session | None = None,
    on_entry: Callable[[Outcome], None] | None = None,
) -> FeedPollResult:
    """Fetch one feed (conditionally) and ingest the entries it has not seen before."""
    result = FeedPollResult(feed_id=feed.pk, url=feed.url)
    conditional = {}
    if feed.etag:
        conditional["If-None-Match"] = feed.etag
    if feed.last_modified:
        conditional["If-Modified-Since"] = feed.last_modified
    try:
        page = url_fetch(
            url=feed.url, accept=FEED_TYPES | TEXT_TYPES, headers=conditional, session=session
        )
        if page.status == 304:
            result.not_modified = True
            parsed = None
        else:
            parsed = _parse(page.body, content_type=page.content_type, charset=page.charset)
    except IngestError as exc:
        result.error = str(exc)
        _feed_failed(feed, result.error)
        return result
    if parsed is not None:
        feed.title = feed.title or _text(parsed.feed.get("title"))[:300]
        for entry in reversed(parsed.entries):  # feeds list newest first; store in order
            outcome = _entry_ingest(feed, entry, session=session)
            if outcome is None:
                result.seen += 1
                continue
            result.outcomes.append(outcome)
            if on_entry:
                on_entry(outcome)
        # Validators are saved only once every entry went in: after a crash mid-poll or a
        # failed entry, the next poll fetches the whole feed again and retries.
        complete = not result.count("failed")
        feed.etag = page.headers.get("ETag", "")[:300] if complete else ""
        feed.last_modified = page.headers.get("Last-Modified", "")[:100] if complete else ""
    feed.last_polled_at = timezone.now()
    feed.last_error = ""
    feed.save(update_fields=["title", "etag", "last_modified", "last_polled_at", "last_error"])
    return result


def _parse(body: bytes, *, content_type: str, charset: str | None):
    headers = {"content-type": content_type + (f"; charset={charset}" if charset else "")}
    parsed = feedparser.parse(body, response_headers=headers)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # A wrong declared encoding that feedparser worked around is not a broken feed.
    if problem is not None and not isinstance(
        problem, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType
    ):
        line = getattr(problem, "getLineNumber", lambda: None)()
        where = f" (line {line})" if line else ""
        raise IngestError(f"malformed feed XML{where}: {problem}")
    if not parsed.get("version"):
        raise IngestError("not an RSS or Atom feed")
    return parsed


def _feed_failed(feed: Feed, reason: str) -> None:
    from incidents.services import ingest_failure_record

    feed.last_error = reason
    feed.last_polled_at = timezone.now()
    feed.save(update_fields=["last_error", "last_polled_at"])
    ingest_failure_record(origin=feed.url, channel="feed", reason=reason)


def _entry_ingest(feed: Feed, entry, *, session) -> Outcome | None:
    """Ingest one entry unless already seen (None); remember it when it went in."""
    link = _text(entry.get("link"))
    guid = (_text(entry.get("id")) or link)[:1000]
    if not guid:
        guid = f"untitled:{_text(entry.get('title'))[:900]}"
    if FeedEntry.objects.filter(feed=feed, guid=guid).exists():
        return None
    outcome = source_ingest(
        load=lambda: _entry_document(feed, entry, link=link, session=session),
        origin=link or f"{feed.url}#{guid}",
        channel="feed",
    )
    if outcome.status != "failed":
        FeedEntry.objects.get_or_create(feed=feed, guid=guid, defaults={"report_id": outcome.report_id})
    return outcome


def _entry_document(feed: Feed, entry, *, link: str, session) -> ReportDocument:
    full = _full_text_html(entry)
    if full is None and link:
        document = document_from_url(url=link, session=session)
    else:
        fragment = full or _text(entry.get("summary"))
        if not fragment.strip():
            raise IngestError("feed entry has neither a link nor any text")
        # No url: trafilatura would name the host as the publisher, the feed knows better.
        document = document_from_html_text(_as_page(fragment), origin=link)
    document.title = document.title or _text(entry.get("title"))
    # The admin's name for the feed's publisher wins, then the page's own, then the feed's.
    document.publisher = feed.publisher or document.publisher or feed.title
    document.url = link or document.url
    document.published_at = document.published_at or _entry_time(entry)
    return document


def _full_text_html(entry) -> str | None:
    """The entry's own article HTML when it is long enough to be the full text."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(_text(entry.get("summary")))
    for html in candidates:
        if html and len(_visible_text(html)) >= FULL_TEXT_MIN_CHARS:
            return html
    return None


def _visible_text(html: str) -> str:
    try:
        return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split())
    except (ValueError, etree.ParserError):
        return ""


def _as_page(fragment: str) -> str:
    return f"<!DOCTYPE html><html><head></head><body><article>{fragment}</article></body></html>"


def _entry_time(entry) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
