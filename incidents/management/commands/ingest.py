"""`manage.py ingest`: report files and folders (text, HTML), JSONL and URL lists.

A progress bar (counts and rate) goes to stderr, a summary to stdout: ingested,
duplicates, and each failure with its reason (also recorded in the ingest log).
Ingesting the same sources twice changes nothing. Sources go in batches (--batch-size):
one transaction and a handful of queries per batch; a bad source still fails alone.
"""

import json
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from incidents.services.ingest import Outcome, Source, sources_ingest
from incidents.services.jobs import jobs_submit_urls
from incidents.sources.document import IngestError, ReportDocument
from incidents.sources.files import document_from_path, iter_source_files
from incidents.sources.payloads import document_from_payload
from incidents.sources.web import read_url_list

BATCH_SIZE = 100  # reports per transaction: ~2 KB each, so a batch holds ~200 KB of text


class Command(BaseCommand):
    help = (
        "Ingest reports: text/HTML files and folders (recursively), --jsonl files "
        "(one JSON report per line) and --urls files (one URL per line). Ingesting twice "
        "changes nothing; failures are listed at the end and kept in the ingest log."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Report files or folders.")
        parser.add_argument("--jsonl", action="append", type=Path, default=[], metavar="FILE",
                            help='JSON lines: {"text", "title"?, "url"?, "publisher"?, '
                                 '"published_at"?} per line.')
        parser.add_argument("--urls", action="append", type=Path, default=[], metavar="FILE",
                            help="A list of report URLs to fetch, one per line (# comments).")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                            help=f"Reports stored per transaction (default {BATCH_SIZE}; 1: one by one).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, paths, jsonl, urls, no_progress, batch_size, **options):
        if not (paths or jsonl or urls):
            raise CommandError("nothing to ingest: give files/folders, --jsonl or --urls")
        missing = [str(p) for p in [*paths, *jsonl, *urls] if not p.exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        sources = [*self._files(paths)]
        total = len(sources) + sum(_count_lines(path) for path in jsonl)
        outcomes: list[Outcome] = self._urls_submit(urls)
        verbose = options["verbosity"] >= 2
        # tqdm needs the raw stream: Django's wrapper would end every redraw with a newline.
        stream = getattr(self.stderr, "_out", self.stderr)
        bar = tqdm(total=total, unit="report", file=stream, disable=no_progress,
                   dynamic_ncols=True)
        with bar:
            for batch in _batches(chain(sources, self._jsonl(jsonl)), batch_size):
                for outcome in sources_ingest(sources=batch):
                    outcomes.append(outcome)
                    bar.update()
                    if outcome.status == "failed":
                        bar.write(f"failed   {outcome.origin}: {outcome.reason}", file=stream)
                    elif verbose:
                        bar.write(f"{outcome.status:<10}{outcome.origin}: {outcome.incidents} incident(s)",
                                  file=stream)
                bar.set_postfix(_counts(outcomes), refresh=False)
        self._summary(outcomes)

    @staticmethod
    def _files(paths: list[Path]) -> Iterator[Source]:
        limit = settings.ATLAS_MAX_REPORT_BYTES
        for path in iter_source_files(paths):
            yield str(path), "file", lambda path=path: document_from_path(path, max_bytes=limit)

    def _urls_submit(self, files: list[Path]) -> list[Outcome]:
        # URLs go through the task queue as jobs (retried fetches); in-process when eager.
        urls = [url for file in files
                for url in read_url_list(file.read_text(encoding="utf-8", errors="replace"))]
        outcomes, pending = jobs_submit_urls(urls=urls)
        if pending:
            unsent = sum(job.status == "unsent" for job in pending)
            self.stdout.write(f"{len(pending)} URL(s) queued as jobs ({unsent} unsent: queue "
                              "unavailable); follow them with manage.py ingest_jobs")
        return outcomes

    @staticmethod
    def _jsonl(files: list[Path]) -> Iterator[Source]:
        # Read lazily: a JSONL file may hold more reports than fit in memory at once.
        for file in files:
            with file.open(encoding="utf-8", errors="replace") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    origin = f"{file}:{number}"
                    yield origin, "jsonl", lambda line=line, origin=origin: _json_document(
                        line, origin=origin
                    )

    def _summary(self, outcomes: list[Outcome]) -> None:
        counts = _counts(outcomes)
        incidents = sum(o.incidents for o in outcomes if o.status == "ingested")
        self.stdout.write(
            f"Summary: {counts['ingested']} ingested ({incidents} incidents), "
            f"{counts['duplicates']} duplicate(s), {counts['failed']} failed"
        )
        for outcome in outcomes:
            if outcome.status == "failed":
                self.stdout.write(f"  failed {outcome.origin}: {outcome.reason}")


def _json_document(line: str, *, origin: str) -> ReportDocument:
    try:
        payload = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(f"invalid JSON: {exc}") from exc
    return document_from_payload(payload, origin=origin)


def _batches(sources: Iterable[Source], size: int) -> Iterator[list[Source]]:
    # Lazy: the JSONL sources are read one batch at a time.
    it = iter(sources)
    while batch := list(islice(it, size)):
        yield batch


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _counts(outcomes: list[Outcome]) -> dict[str, int]:
    return {
        "ingested": sum(o.status == "ingested" for o in outcomes),
        "duplicates": sum(o.status == "duplicate" for o in outcomes),
        "failed": sum(o.status == "failed" for o in outcomes),
    }
