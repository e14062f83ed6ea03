"""`manage.py atlas_restore FILE [--database-url URL] [--replace]`: a backup back into a database.

Into an empty database by default (a missing PostGIS database is created); `--replace`
drops what the target holds first. Stop the app and the workers before replacing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incidents.services.backup import BackupError, database_restore, database_settings


class Command(BaseCommand):
    help = "Restore a backup made by atlas_backup into an empty database (or --replace an existing one)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--database-url", help="Restore into this database instead of DATABASE_URL's.")
        parser.add_argument("--replace", action="store_true",
                            help="Drop what the target database holds and restore over it.")

    def handle(self, *args, path, database_url, replace, **options):
        db = database_settings(url=database_url)
        try:
            database_restore(path=path, db=db, replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {path} into {db['NAME']}."))
