"""Plain-text reports -> ReportDocument: decoding, page-furniture stripping, metadata, files.

Pure functions over bytes and strings (no database): `incidents.services.ingest.report_ingest`
stores what these return. Every rejection is an `IngestError` with a message an analyst
can act on; nothing here half-writes anything.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .document import IngestError, ReportDocument, storable

TEXT_SUFFIXES = {".txt", ".text", ".md"}


# --- decoding ----------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_bytes(data: bytes) -> str:
    """Decode report bytes: BOMs, UTF-8, BOM-less UTF-16, else Windows-1256 (Arabic).

    Binary data (NUL bytes that are not UTF-16, or control characters) is rejected.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:  # a BOM, then bytes that are not that encoding
                raise IngestError(f"not {encoding} text despite its byte-order mark: {exc}") from exc
    if b"\x00" in data:
        text = _decode_bomless_utf16(data)
        if text is None:
            raise IngestError("binary file (NUL bytes): not a text report")
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError as exc:
            raise IngestError(f"unknown text encoding (not UTF-8, UTF-16 or Windows-1256): {exc}") from exc
    if _control_ratio(text) > 0.01:
        raise IngestError("binary file (control characters): not a text report")
    return text


def _decode_bomless_utf16(data: bytes) -> str | None:
    # UTF-16 text of mostly ASCII/Arabic has NULs at even (BE) or odd (LE) positions.
    sample = data[:4096]
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _control_ratio(text) > 0.01 else text


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / len(sample)


# --- cleaning ----------------------------------------------------------------------------

# Lines where a news page's comment form, share bar or related links begin: everything
# from the first of them on is page furniture, not report text.
_FURNITURE_START = re.compile(
    r"^\s*(leave a reply|leave a comment|post a comment|share this:?|related posts?:?|"
    r"related articles?:?|you may also like|read more:?|comments?\s*\(\d+\)|"
    r"fill in your details below)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_BYLINE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?")
_HEADER_LINE = re.compile(r"^(published|publisher|source|url|date)\s*:\s*(.+)$", re.IGNORECASE)
_PUBLISHER_LEAD = re.compile(r"^\s*([A-Z][\w'&.-]*(?: [A-Z][\w'&.-]*){0,4})\s+/\s+")


def strip_furniture(text: str) -> str:
    """Cut the page's trailing furniture (comment forms, share bars, related links)."""
    match = _FURNITURE_START.search(text)
    return text[: match.start()] if match else text


def normalize_whitespace(text: str) -> str:
    """Unix newlines, no trailing spaces, at most one blank line between paragraphs; no
    NUL character or lone surrogate (see document.storable)."""
    text = storable(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def document_from_text(raw: str, *, origin: str = "") -> ReportDocument:
    """Split a plain-text report into metadata and clean body text.

    Understands the first line as the title, optional `Published:`/`Publisher:`/`URL:`
    header lines, a news-site byline with a date ("... 2021-05-18 12:09 ..."), and a
    "Publisher / " lead-in on the first paragraph.
    """
    text = normalize_whitespace(strip_furniture(normalize_whitespace(raw)))
    if not text:
        raise IngestError("empty report: no text after removing page furniture")
    lines = text.split("\n")
    doc = ReportDocument(text="", origin=origin)
    body_start = 0
    if len(lines) > 2 and len(lines[0]) < 300:
        doc.title = lines[0].strip()
        body_start = 1
        for index in range(1, min(len(lines), 8)):
            line = lines[index].strip()
            header = _HEADER_LINE.match(line)
            if not line:
                continue
            if header:
                _apply_header(doc, header.group(1).lower(), header.group(2).strip())
            elif len(line) < 120 and _BYLINE_DATE.search(line) and doc.published_at is None:
                doc.published_at = _parse_datetime(line)
            else:
                break
            body_start = index + 1
    doc.text = "\n".join(lines[body_start:]).strip()
    if not doc.text:
        raise IngestError("empty report: a title but no body text")
    if not doc.publisher:
        lead = _PUBLISHER_LEAD.match(doc.text)
        if lead:
            doc.publisher = lead.group(1)
    return doc


def _apply_header(doc: ReportDocument, key: str, value: str) -> None:
    if key in {"published", "date"}:
        doc.published_at = _parse_datetime(value)
        if doc.published_at is None:
            doc.warnings.append(f"unreadable publication date {value!r}")
    elif key in {"publisher", "source"}:
        doc.publisher = value[:200]
    elif key == "url" and value.startswith(("http://", "https://")):
        doc.url = value


def _parse_datetime(value: str) -> dt.datetime | None:
    match = _BYLINE_DATE.search(value)
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=dt.UTC)
    except ValueError:
        return None


# --- files -------------------------------------------------------------------------------


def iter_report_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Text files named directly, and those under folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield path


def read_report_bytes(path: Path, *, max_bytes: int) -> bytes:
    """A report file's bytes, refusing empty, unreadable and oversized files with a reason."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror}") from exc
    if size == 0:
        raise IngestError("empty file")
    if size > max_bytes:
        raise IngestError(f"file too large: {size:,} bytes (limit {max_bytes:,})")
    return path.read_bytes()


def document_from_file(path: Path, *, max_bytes: int) -> ReportDocument:
    """Read, decode and clean one text report file; IngestError says why when it can't."""
    return document_from_text(decode_bytes(read_report_bytes(path, max_bytes=max_bytes)), origin=str(path))
