"""`manage.py ingest PATH...`: ingest report files and folders; a summary at the end."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from incidents.ingest import IngestError, document_from_file, iter_report_files
from incidents.services import report_ingest


class Command(BaseCommand):
    help = "Ingest text reports (files or folders, recursively). Ingesting twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)

    def handle(self, *args, paths, **options):
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}")
        ingested = duplicates = incidents = 0
        failures: list[tuple[Path, str]] = []
        for path in iter_report_files(paths):
            try:
                document = document_from_file(path, max_bytes=settings.ATLAS_MAX_REPORT_BYTES)
                result = report_ingest(document=document)
            except IngestError as exc:
                failures.append((path, str(exc)))
                self.stderr.write(f"failed  {path}: {exc}")
                continue
            if result.created:
                ingested += 1
                count = result.report.incidents.count()
                incidents += count
                self.stdout.write(f"ingested {path}: {count} incident(s)")
            else:
                duplicates += 1
                self.stdout.write(f"skipped  {path}: already ingested (report {result.report.pk})")
        self.stdout.write(
            f"Summary: {ingested} ingested ({incidents} incidents), "
            f"{duplicates} duplicate(s), {len(failures)} failed"
        )
        for path, reason in failures:
            self.stdout.write(f"  failed {path}: {reason}")
