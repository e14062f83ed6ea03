"""`manage.py gazetteer_index`: build the gazetteer index file ahead of the workers."""

import time

from django.core.management.base import BaseCommand, CommandError

from gazetteer.index import gazetteer_index_file_refresh


class Command(BaseCommand):
    help = ("Build the geoparser's gazetteer index file for the current gazetteer (once per change; "
            "workers load it) into GAZETTEER_INDEX_DIR.")

    def handle(self, *args, **options):
        start = time.perf_counter()
        path = gazetteer_index_file_refresh()
        if path is None:
            raise CommandError("GAZETTEER_INDEX_DIR is empty: index files are off")
        size = sum(f.stat().st_size for f in path.iterdir()) / 2**20
        seconds = time.perf_counter() - start
        self.stdout.write(f"gazetteer index: {path} ({size:.1f} MB) ready in {seconds:.1f} s")
