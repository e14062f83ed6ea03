"""Load a CSV place list with a column mapping, or a preset such as --preset iom-dtm."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gazetteer.loaders import LoaderError
from gazetteer.loaders.csv_places import PRESETS, csv_load_places, csv_mapping
from gazetteer.models import Source


def _columns(value: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in value.split(",") if c.strip())


class Command(BaseCommand):
    help = "Load places from a CSV file with a column mapping (or --preset iom-dtm)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The CSV file (UTF-8, header row).")
        parser.add_argument("--preset", choices=sorted(PRESETS), help="A known column mapping.")
        parser.add_argument("--name-col", default="", help="Column of the preferred name.")
        parser.add_argument("--alt-name-cols", type=_columns, default=(),
                            help="Comma-separated columns of other names (any script).")
        parser.add_argument("--lat-col", default="", help="Latitude column (WGS 84).")
        parser.add_argument("--lon-col", default="", help="Longitude column (WGS 84).")
        parser.add_argument("--admin-cols", type=_columns, default=(),
                            help="Comma-separated admin1,admin2 name or code columns.")
        parser.add_argument("--id-col", default="",
                            help="Column of a stable id (default: a hash of name and coordinates).")
        parser.add_argument("--country", default="", help="ISO 3166-1 alpha-2 code of every row.")
        parser.add_argument("--source", choices=[s.value for s in Source], default="",
                            help="Source label stored on the places (default: csv).")
        parser.add_argument("--feature-code", default="", help="GeoNames feature code (default PPL).")
        parser.add_argument("--delimiter", default="", help="Field delimiter (default ',').")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        try:
            mapping = csv_mapping(
                preset=options["preset"], name_col=options["name_col"],
                alt_name_cols=options["alt_name_cols"], lat_col=options["lat_col"],
                lon_col=options["lon_col"], admin_cols=options["admin_cols"],
                id_col=options["id_col"], country=options["country"], source=options["source"],
                feature_code=options["feature_code"], delimiter=options["delimiter"],
            )
            report = csv_load_places(path=options["path"], mapping=mapping, quiet=options["quiet"])
        except LoaderError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)
        style = self.style.WARNING if report.skipped else self.style.SUCCESS
        self.stdout.write(style("loaded" + (", with skipped rows (listed above)" if report.skipped else "")))
