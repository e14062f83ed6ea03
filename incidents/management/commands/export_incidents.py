"""`manage.py export_incidents --format FMT --output PATH [filters]`: export incidents to a file.

Formats: csv (ACLED columns), geojson (RFC 7946), gpkg (GeoPackage), shp (zipped
Shapefile), kml (these three written by a child process) and html (standalone offline
folium map). The filters are the map's and the web exports' (``IncidentFilter``): the
options are turned into a query dict and parsed by
``IncidentFilter.from_query``, so they validate and mean exactly the same.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incidents.exports.folium_map import MapAssetsMissing
from incidents.exports.gis import FORMATS, ExportError, export_write
from incidents.filters import FilterError, IncidentFilter


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
        try:
            count = export_write(filters=filters, fmt=fmt, path=output)
        except (ExportError, MapAssetsMissing, OSError) as exc:
            raise CommandError(f"export failed, nothing written: {exc}") from None
        size = output.stat().st_size
        noun = "incident" if count == 1 else "incidents"
        where = " on the map" if fmt == "html" else ""
        self.stdout.write(f"Wrote {count} {noun}{where} to {output} ({size:,} bytes).")
