"""Reports given as fields (the web form) or JSON objects (the API, JSONL files, tasks).

What the fields leave out is read from the text itself, as for a text file.
"""

from __future__ import annotations

import datetime as dt

from .document import IngestError, ReportDocument, storable
from .html import document_from_html_text, looks_like_html, parse_datetime
from .text import document_from_text, normalize_whitespace, strip_furniture


def document_from_fields(
    *,
    text: str,
    title: str = "",
    publisher: str = "",
    url: str = "",
    published_at: dt.datetime | None = None,
    origin: str = "",
) -> ReportDocument:
    """A report given as fields; what the fields leave out is read from the text itself.

    With a title, the text is all body; without one, its first line may be the headline
    (as in a text file). Pasted HTML has its page furniture and scripts removed.
    """
    if not text or not text.strip():
        raise IngestError("empty report: no text")
    if looks_like_html(text):
        document = document_from_html_text(text, url=url, origin=origin)
    elif title.strip():
        body = normalize_whitespace(strip_furniture(normalize_whitespace(text)))
        if not body:
            raise IngestError("empty report: no text after removing page furniture")
        document = ReportDocument(text=body, origin=origin)
    else:
        document = document_from_text(text, origin=origin)
    document.title = storable(title.strip()) or document.title
    document.publisher = storable(publisher.strip()) or document.publisher
    document.url = storable(url.strip()) or document.url
    document.published_at = published_at or document.published_at
    return document


def _checked(key: str, value: str) -> str:
    """A JSON string the databases can store: no unpaired surrogates, no NUL characters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise IngestError(f"field {key!r} is not valid Unicode (an unpaired surrogate escape)") from None
    if "\x00" in value:
        raise IngestError(f"field {key!r} contains a NUL character")
    return value


def document_from_payload(payload: dict, *, origin: str) -> ReportDocument:
    """A report from a JSON object {"text", "title"?, "url"?, "publisher"?, "published_at"?}."""
    if not isinstance(payload, dict):
        raise IngestError("expected a JSON object with a \"text\" field")
    fields = {}
    for key in ("text", "title", "url", "publisher", "published_at"):
        value = payload.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"field {key!r} must be a string")
        fields[key] = _checked(key, value or "")
    if not fields["text"].strip():
        raise IngestError("missing or empty \"text\" field")
    if fields["url"] and not fields["url"].startswith(("http://", "https://")):
        raise IngestError(f"field 'url' must be an http(s) address, not {fields['url'][:80]!r}")
    published_at = None
    if fields["published_at"]:
        published_at = parse_datetime(fields["published_at"])
        if published_at is None:
            raise IngestError(
                f"field 'published_at' is not an ISO 8601 date: {fields['published_at'][:40]!r}"
            )
    return document_from_fields(
        text=fields["text"],
        title=fields["title"],
        publisher=fields["publisher"],
        url=fields["url"],
        published_at=published_at,
        origin=origin,
    )
