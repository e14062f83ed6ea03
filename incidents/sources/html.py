"""HTML pages -> ReportDocument: the article text (trafilatura) and the page's metadata.

Title, publication time and publisher come from the page's own metadata (Open Graph,
`article:published_time`, JSON-LD `NewsArticle`, `<time datetime>`), falling back to what
trafilatura infers. Scripts, styles, navigation and footers never reach the report text.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree

from incidents.sources.document import IngestError, ReportDocument
from incidents.sources.text import decode_bytes, normalize_whitespace, read_report_bytes, strip_furniture

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Below this many characters trafilatura's result is replaced by our stricter fallback.
_SHORT_PAGE_CHARS = 200
# Elements that are never report text, whatever trafilatura decides.
_NOISE_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "button",
               "nav", "header", "footer", "aside")


def looks_like_html(text: str) -> bool:
    """True when a text starts like an HTML document (doctype, <html>, <head> or <body>)."""
    return bool(_HTML_START.match(text[:2000]))


def decode_html(data: bytes, *, charset: str | None = None) -> str:
    """Decode page bytes: the HTTP charset, else a BOM or <meta charset>, else sniffed."""
    for candidate in (charset, _meta_charset(data)):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue  # a wrong or unknown declaration: fall back to sniffing
    return decode_bytes(data)


def _meta_charset(data: bytes) -> str | None:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # a BOM outranks the declaration; decode_bytes reads it
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def document_from_html_file(path: Path, *, max_bytes: int) -> ReportDocument:
    """Read, decode and extract one saved web page; IngestError says why when it can't."""
    data = read_report_bytes(path, max_bytes=max_bytes)
    return document_from_html_text(decode_html(data), origin=str(path))


def document_from_html_text(html: str, *, url: str = "", origin: str = "") -> ReportDocument:
    """The article text and metadata of one HTML page."""
    if not html.strip():
        raise IngestError("empty page")
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"unreadable HTML: {exc}") from exc
    meta = page_metadata(tree)
    extracted = trafilatura.bare_extraction(
        lxml.html.tostring(tree, encoding="unicode"),
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    title = meta.get("title") or (extracted.title if extracted else "") or ""
    text = (extracted.text if extracted else "") or ""
    if len(text) < _SHORT_PAGE_CHARS:
        # On tiny pages trafilatura falls back to any text, menus included; ours skips them.
        text = _fallback_text(tree)
    text = _drop_leading_title(normalize_whitespace(strip_furniture(_paragraphs(text))), title)
    if not text:
        raise IngestError("no article text found in the HTML page")
    published_at = meta.get("published_at")
    if published_at is None and extracted and extracted.date:
        published_at = parse_datetime(extracted.date)
    publisher = meta.get("publisher") or (extracted.sitename if extracted else "") or ""
    return ReportDocument(
        text=text,
        title=title.strip()[:500],
        publisher=publisher.strip()[:200],
        url=url or meta.get("url", ""),
        published_at=published_at,
        origin=origin or url,
    )


def _paragraphs(text: str) -> str:
    # trafilatura puts one paragraph per line; a blank line between them reads like a
    # text report and keeps paragraph boundaries for sentence splitting.
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _drop_leading_title(text: str, title: str) -> str:
    first, _, rest = text.partition("\n")
    if title and first.strip().casefold() == title.strip().casefold() and rest.strip():
        return rest.strip()
    return text


def _fallback_text(tree) -> str:
    """Visible body text without page furniture, for pages too short for trafilatura."""
    body = tree.find("body")
    if body is None:
        return ""
    body = copy.deepcopy(body)  # the caller's tree stays whole
    for element in list(body.iter(*_NOISE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    blocks = []
    for element in body.iter("p", "h1", "h2", "h3", "li", "blockquote", "pre"):
        words = " ".join(element.text_content().split())
        if words:
            blocks.append(words)
    if not blocks:
        blocks = [" ".join(body.text_content().split())]
    return "\n".join(blocks)


# --- metadata ----------------------------------------------------------------------------

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title")
_PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "datepublished",
                   "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date",
                   "sailthru.date", "parsely-pub-date")
_PUBLISHER_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")


def page_metadata(tree) -> dict:
    """Title, published_at (aware datetime), publisher and canonical url found in the page."""
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "")
        content = element.get("content")
        if key and content and key.lower() not in metas:
            metas[key.lower()] = content.strip()
    ld = _json_ld_article(tree)
    result: dict = {}
    result["title"] = _first(metas, _TITLE_KEYS) or _text(ld.get("headline")) or _title_tag(tree)
    published = _first(metas, _PUBLISHED_KEYS) or _text(ld.get("datePublished"))
    if not published:
        time_tag = tree.find(".//time[@datetime]")
        published = time_tag.get("datetime") if time_tag is not None else ""
    result["published_at"] = parse_datetime(published)
    result["publisher"] = _first(metas, _PUBLISHER_KEYS) or _ld_name(ld.get("publisher"))
    canonical = tree.find(".//link[@rel='canonical']")
    href = (canonical.get("href") if canonical is not None else "") or metas.get("og:url", "")
    if href.startswith(("http://", "https://")):
        result["url"] = href
    return result


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((metas[key] for key in keys if metas.get(key)), "")


def _title_tag(tree) -> str:
    title = tree.find(".//title")
    if title is None or not title.text_content().strip():
        return ""
    # "Headline | Site" and "Headline - Site": the site name is not part of the headline.
    return re.split(r"\s+[|\u2013\u2014-]\s+", " ".join(title.text_content().split()))[0]


def _json_ld_article(tree) -> dict:
    """The first JSON-LD object that looks like an article (NewsArticle, Article, ...)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except json.JSONDecodeError:
            continue  # broken JSON-LD is common; the other sources still apply
        for item in _ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return item
    return {}


def _ld_items(data):
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _ld_items(data["@graph"])


def _ld_name(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_datetime(value: str | None) -> dt.datetime | None:
    """An ISO 8601 date or date-time (naive means UTC); None when unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if not match:
            return None
        try:
            parsed = dt.datetime(*map(int, match.groups()))
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
