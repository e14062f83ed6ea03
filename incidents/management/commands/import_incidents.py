"""`manage.py import_incidents FILE.csv`: load an ACLED export (or ours) into the atlas.

Idempotent by event_id_cnty: a second run of the same file changes nothing. Bad rows are
listed with their line and reason and fail alone; the rest are imported.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from incidents.services.imports import acled_import
from incidents.sources.acled import AcledFileError


class Command(BaseCommand):
    help = "Import incidents from an ACLED CSV export (either date format; extra columns ignored)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, path: Path, no_progress: bool, **options):
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        bar = tqdm(unit=" rows", disable=no_progress, file=self.stderr._out, leave=False)
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                result = acled_import(lines=handle, origin=f"file:{path.name}",
                                      progress=lambda n: bar.update(n - bar.n))
        except AcledFileError as exc:
            raise CommandError(f"{path}: {exc}; nothing imported") from None
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: not UTF-8 text ({exc}); nothing imported") from None
        finally:
            bar.close()
        for failure in result.failed:
            self.stderr.write(f"line {failure.line} {failure.event_id or '-'}: {failure.error}")
        self.stdout.write(
            f"{path.name}: {result.rows} rows: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {len(result.failed)} failed."
        )
