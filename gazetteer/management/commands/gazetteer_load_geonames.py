"""Load GeoNames dumps: country/allCountries files, alternate names, admin code tables."""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gazetteer.loaders import LoaderError
from gazetteer.loaders.geonames import geonames_download, geonames_load


class Command(BaseCommand):
    help = (
        "Load GeoNames dump files (IQ.txt/.zip, allCountries with --country, alternateNamesV2.txt, "
        "admin1CodesASCII.txt, admin2Codes.txt or their JSON form), or --download IQ SY."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Dump files, loaded in the order given.")
        parser.add_argument("--country", action="append", default=[], metavar="CC",
                            help="Keep only this country code (repeatable); for allCountries.")
        parser.add_argument("--download", nargs="+", default=[], metavar="CC",
                            help="Fetch {base-url}/{CC}.zip for these countries, then load them.")
        parser.add_argument("--base-url", default="",
                            help="Dump server (default: setting GEONAMES_DUMP_URL or download.geonames.org).")
        parser.add_argument("--timeout", type=float, default=60.0, help="Download timeout, seconds.")
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")

    def handle(self, *args, **options):
        paths = list(options["paths"])
        if not paths and not options["download"]:
            raise CommandError("give dump files to load or --download CC [CC ...]")
        failed = False
        with tempfile.TemporaryDirectory(prefix="geonames-") as tmp:
            try:
                if options["download"]:
                    paths = geonames_download(
                        countries=tuple(options["download"]), dest_dir=Path(tmp),
                        base_url=options["base_url"] or None, timeout=options["timeout"],
                    ) + paths
                for path in paths:
                    report = geonames_load(
                        path=path, countries=tuple(options["country"]), quiet=options["quiet"]
                    )
                    for line in report.lines():
                        self.stdout.write(line)
                    failed = failed or bool(report.skipped)
            except LoaderError as exc:
                raise CommandError(str(exc)) from exc
        if failed:
            self.stdout.write(self.style.WARNING("loaded, with skipped lines (listed above)"))
        else:
            self.stdout.write(self.style.SUCCESS("loaded"))
