"""Feed polling: conditional GET, entries remembered in FeedEntry, one report each.

A feed that cannot be fetched or parsed records the reason in `Feed.last_error` and the
ingest log; the other feeds are polled all the same. An entry that fails is not
remembered, so the next poll tries it again (failures are often transient: timeouts, a
server error). Reading a feed and its entries is `incidents.sources.feeds`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import requests
from django.utils import timezone

from incidents.models import Feed, FeedEntry
from incidents.services.ingest import Outcome, ingest_failure_record, source_ingest
from incidents.sources.document import IngestError
from incidents.sources.feeds import entry_document, entry_identity, feed_parse, feed_title
from incidents.sources.web import FEED_TYPES, TEXT_TYPES, url_fetch

logger = logging.getLogger(__name__)


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


def feed_update(*, feed: Feed, publisher: str | None = None, active: bool | None = None) -> Feed:
    """Change a feed's publisher name or switch its polling on or off."""
    if publisher is not None:
        feed.publisher = publisher
    if active is not None:
        feed.active = active
    feed.save(update_fields=["publisher", "active"])
    return feed


def feed_remove(*, feed: Feed) -> None:
    """Stop polling a feed for good (its reports stay)."""
    feed.delete()


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
            parsed = feed_parse(page.body, content_type=page.content_type, charset=page.charset)
    except IngestError as exc:
        result.error = str(exc)
        _feed_failed(feed, result.error)
        return result
    if parsed is not None:
        feed.title = feed.title or feed_title(parsed)[:300]
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


def _feed_failed(feed: Feed, reason: str) -> None:
    feed.last_error = reason
    feed.last_polled_at = timezone.now()
    feed.save(update_fields=["last_error", "last_polled_at"])
    ingest_failure_record(origin=feed.url, channel="feed", reason=reason)


def _entry_ingest(feed: Feed, entry, *, session) -> Outcome | None:
    """Ingest one entry unless already seen (None); remember it when it went in."""
    link, guid = entry_identity(entry)
    if FeedEntry.objects.filter(feed=feed, guid=guid).exists():
        return None
    outcome = source_ingest(
        load=lambda: entry_document(feed, entry, link=link, session=session),
        origin=link or f"{feed.url}#{guid}",
        channel="feed",
    )
    if outcome.status != "failed":
        FeedEntry.objects.get_or_create(feed=feed, guid=guid, defaults={"report_id": outcome.report_id})
    return outcome
