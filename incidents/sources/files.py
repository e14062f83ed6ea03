"""Report files: text and HTML files named directly or found under folders."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .document import ReportDocument
from .html import HTML_SUFFIXES, document_from_html_file, looks_like_html
from .text import TEXT_SUFFIXES, document_from_file

REPORT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES



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
