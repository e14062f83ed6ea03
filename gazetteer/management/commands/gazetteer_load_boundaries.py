"""Load OCHA COD-AB boundaries (GeoJSON, Shapefile, GeoPackage), then admin places, links, border."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gazetteer.loaders import LoaderError
from gazetteer.loaders.boundaries import boundaries_load


class Command(BaseCommand):
    help = (
        "Load OCHA COD-AB admin boundaries (files or folders; ADM0-ADM3, level from the ADMn_PCODE "
        "columns), add ADM1-3 places, assign admin1/admin2 to every place, re-derive the IQ-SY border."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Boundary files or folders of them.")
        parser.add_argument("--level", type=int, choices=range(0, 5), help="Admin level of every file.")
        parser.add_argument("--layer", default=None, help="Layer name inside a GeoPackage.")
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")

    def handle(self, *args, **options):
        try:
            reports = boundaries_load(
                paths=options["paths"], level=options["level"], layer=options["layer"],
                quiet=options["quiet"],
            )
        except LoaderError as exc:
            raise CommandError(str(exc)) from exc
        skipped = 0
        for report in reports:
            skipped += report.skipped
            for line in report.lines():
                self.stdout.write(line)
        style = self.style.WARNING if skipped else self.style.SUCCESS
        self.stdout.write(style("loaded" + (", with skipped features (listed above)" if skipped else "")))
