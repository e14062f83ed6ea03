"""`manage.py atlas_backup [--output FILE]`: the whole database to one file, checked after writing.

PostGIS: a pg_dump custom-format archive (restore with atlas_restore or pg_restore);
SpatiaLite: a consistent copy by SQLite's online backup API. Default file:
var/backups/atlas-<UTC time>.dump (PostGIS) or .sqlite3 (SpatiaLite).
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from incidents.services.backup import SPATIALITE, BackupError, database_backup, database_settings


class Command(BaseCommand):
    help = "Back up the whole database to one file (pg_dump -Fc on PostGIS, online backup on SpatiaLite)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Where to write the backup (default var/backups/).")
        parser.add_argument("--database-url", help="Back up this database instead of DATABASE_URL's.")

    def handle(self, *args, output, database_url, **options):
        db = database_settings(url=database_url)
        if output is None:
            suffix = ".sqlite3" if db["ENGINE"] == SPATIALITE else ".dump"
            stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
            output = settings.VAR_DIR / "backups" / f"atlas-{stamp}{suffix}"
        started = time.monotonic()
        try:
            result = database_backup(path=output, db=db)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {result.engine} to {result.path} ({result.size_bytes / 1e6:.1f} MB, "
            f"{time.monotonic() - started:.1f} s); restore with: manage.py atlas_restore {result.path}"))
