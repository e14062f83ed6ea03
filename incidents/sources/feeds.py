"""RSS/Atom feeds -> report documents: parsing a feed, and one entry's document.

An entry's report text is its own full content (content:encoded, or a long summary) when
the feed carries the article, else the page its link points to. Polling (conditional
GET, entries remembered in FeedEntry) is `incidents.services.feeds`.
"""

from __future__ import annotations

import calendar
import datetime as dt

import feedparser
import lxml.html
from lxml import etree

from .document import IngestError, ReportDocument
from .html import document_from_html_text
from .web import document_from_url

# Entry content at least this long (characters of text) is the article itself, so the
# link is not fetched; shorter content is a teaser.
FULL_TEXT_MIN_CHARS = 500


def feed_parse(body: bytes, *, content_type: str, charset: str | None):
    """The feed as feedparser reads it; IngestError when it is no readable RSS or Atom."""
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


def entry_identity(entry) -> tuple[str, str]:
    """(link, guid) of a feed entry: its id, else its link, else its title."""
    link = _text(entry.get("link"))
    guid = (_text(entry.get("id")) or link)[:1000]
    if not guid:
        guid = f"untitled:{_text(entry.get('title'))[:900]}"
    return link, guid


def feed_title(parsed) -> str:
    """The feed's own title, as the parser read it."""
    return _text(parsed.feed.get("title"))


def entry_document(feed, entry, *, link: str, session) -> ReportDocument:
    """The report of one entry; `feed` (a Feed row) gives the publisher and a fallback title."""
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
    # A feed's link is untrusted: only a web address is kept (it becomes a link on pages).
    document.url = link if link.startswith(("http://", "https://")) else document.url
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
