"""`manage.py export_incidents --format FMT --output PATH [filters]`: export incidents to a file.

Formats: csv (ACLED columns), geojson (RFC 7946), gpkg (GeoPackage), shp (zipped
Shapefile), kml (these three written by a child process) and html (standalone offline
folium map). The filters are the map's and the web exports' (``IncidentFilter``): the
options are turned into a query dict and parsed by
``IncidentFilter.from_query``, so they validate and mean exactly the same.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from incidents.exports.folium_map import MapAssetsMissing
from incidents.exports.gis import FORMATS, ExportError, export_write
from incidents.filters import FilterError, IncidentFilter
from incidents.selectors.exports import export_count


class Command(BaseCommand):
    help = "Export the (filtered) incidents as CSV, GeoJSON, GeoPackage, Shapefile (zip), KML or HTML map."

    def add_arguments(self, parser):
        parser.add_argument("--format", dest="fmt", required=True, choices=FORMATS)
        parser.add_argument("--output", required=True, type=Path, help="File to write (replaced at the end).")
        parser.add_argument("--bbox", help="minlon,minlat,maxlon,maxlat (WGS 84 degrees).")
        parser.add_argument("--date-from", help="YYYY-MM-DD, inclusive.")
        parser.add_argument("--date-to", help="YYYY-MM-DD, inclusive.")
        parser.add_argument("--event-type", action="append", default=[], help="ACLED event type; repeatable.")
        parser.add_argument(
            "--review-status", action="append", default=[], help="auto, needs_review, confirmed, corrected."
        )
        parser.add_argument("--country", help="IQ or SY.")
        parser.add_argument("--q", help="Text searched in the summary and location name.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, fmt, output, **options):
        query = {
            "bbox": options["bbox"],
            "date_from": options["date_from"],
            "date_to": options["date_to"],
            "event_type": options["event_type"],
            "review_status": options["review_status"],
            "country": options["country"],
            "q": options["q"],
        }
        try:
            filters = IncidentFilter.from_query({k: v for k, v in query.items() if v})
        except FilterError as exc:
            raise CommandError(str(exc)) from None
        total = export_count(filters=filters)
        bar = tqdm(total=total, unit=" rows", disable=options["no_progress"], file=self.stderr._out,
                   leave=False)
        try:
            count = export_write(filters=filters, fmt=fmt, path=output,
                                 progress=lambda n: bar.update(min(n, total) - bar.n))
        except (ExportError, MapAssetsMissing, OSError) as exc:
            raise CommandError(f"export failed, nothing written: {exc}") from None
        finally:
            bar.close()
        size = output.stat().st_size
        noun = "incident" if count == 1 else "incidents"
        where = " on the map" if fmt == "html" else ""
        self.stdout.write(f"Wrote {count} {noun}{where} to {output} ({size:,} bytes).")
