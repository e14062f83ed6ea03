"""Report sources beyond plain text files: HTML pages, URLs, feeds, forms, API payloads.

Every channel ends in `source_ingest`, which turns one source into a stored report or one
recorded `IngestFailure` (the ingest log), never both and never a half-written report.
Channel names (`IngestFailure.channel`): file, url, feed, form, api, jsonl.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from incidents.ingest import (
    TEXT_SUFFIXES,
    IngestError,
    ReportDocument,
    document_from_file,
    document_from_text,
    normalize_whitespace,
    strip_furniture,
)

from .html import (
    HTML_SUFFIXES,
    document_from_html_file,
    document_from_html_text,
    looks_like_html,
    parse_datetime,
)

logger = logging.getLogger(__name__)

REPORT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


@dataclass(slots=True)
class Outcome:
    """What became of one source: "ingested", "duplicate" or "failed" (with the reason).

    `internal` marks a failure caused by a bug rather than by the source itself.
    """

    origin: str
    status: str
    report_id: int | None = None
    incidents: int = 0
    reason: str = ""
    internal: bool = False

    def as_dict(self) -> dict:
        return {
            "origin": self.origin,
            "status": self.status,
            "report_id": self.report_id,
            "incidents": self.incidents,
            "reason": self.reason,
        }


def source_ingest(*, load: Callable[[], ReportDocument], origin: str, channel: str) -> Outcome:
    """Load one source and store it; a failure is recorded in the ingest log, not raised.

    `load` does the reading/fetching/parsing so that its errors are caught here too.
    Unexpected exceptions are recorded as well (and logged with their traceback): one bad
    source must not stop the rest of a batch.
    """
    # Imported here: services imports the analysis stack, which the pure parsers don't need.
    from incidents.services import ingest_failure_record, report_ingest

    internal = False
    try:
        document = load()
        result = report_ingest(document=document)
    except IngestError as exc:
        reason = str(exc)
    except Exception as exc:  # recorded with its traceback, batch goes on
        logger.exception("unexpected error ingesting %s", origin)
        reason = f"internal error ({type(exc).__name__}): {exc}"
        internal = True
    else:
        return Outcome(
            origin=origin,
            status="ingested" if result.created else "duplicate",
            report_id=result.report.pk,
            incidents=result.report.incidents.count(),
        )
    ingest_failure_record(origin=origin, channel=channel, reason=reason)
    return Outcome(origin=origin, status="failed", reason=reason, internal=internal)


# --- files -------------------------------------------------------------------------------


def iter_source_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Text and HTML files named directly, and those under folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
            )
        else:
            yield path


def document_from_path(path: Path, *, max_bytes: int) -> ReportDocument:
    """A text or HTML report file (by suffix, or by content for HTML saved as .txt)."""
    if path.suffix.lower() in HTML_SUFFIXES:
        return document_from_html_file(path, max_bytes=max_bytes)
    document = document_from_file(path, max_bytes=max_bytes)
    if looks_like_html(document.title + "\n" + document.text):
        return document_from_html_file(path, max_bytes=max_bytes)
    return document


# --- structured payloads (form, API, JSONL) -------------------------------------------------


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
    document.title = title.strip() or document.title
    document.publisher = publisher.strip() or document.publisher
    document.url = url.strip() or document.url
    document.published_at = published_at or document.published_at
    return document


def document_from_payload(payload: dict, *, origin: str) -> ReportDocument:
    """A report from a JSON object {"text", "title"?, "url"?, "publisher"?, "published_at"?}."""
    if not isinstance(payload, dict):
        raise IngestError("expected a JSON object with a \"text\" field")
    fields = {}
    for key in ("text", "title", "url", "publisher", "published_at"):
        value = payload.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"field {key!r} must be a string")
        fields[key] = value or ""
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
