"""What every source becomes: a `ReportDocument` (clean text + metadata), or an `IngestError`.

Pure (no database): `incidents.services.ingest.report_ingest` stores what the sources
return. Every rejection is an `IngestError` with a message an analyst can act on.
"""

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field


class IngestError(ValueError):
    """A report that cannot be ingested, with the reason."""


@dataclass(slots=True)
class ReportDocument:
    """A report ready to store: clean text plus what is known about it."""

    text: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    published_at: dt.datetime | None = None
    origin: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def storable(value: str) -> str:
    """A string both databases store: NUL characters dropped (PostgreSQL refuses them) and
    lone surrogates (a surrogateescape decode, a broken UTF-16 file) made U+FFFD."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return value


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace and case folded, so re-wrapped copies dedupe."""
    folded = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
