"""Incident URLs: the map page and its GeoJSON endpoints, exports, the "add a report" form.

The REST API (reports, incidents, places, ...) is `incidents.web.rest.urls`; the review
workspace (editors) is under /review/ (review_urls).

Exports: CSV, GeoJSON, GeoPackage, zipped Shapefile, KML and a standalone HTML map, all under /export/.
"""

from django.urls import include, path

from . import api, api_map, review_urls, views, views_import, views_reports

app_name = "incidents"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("api/incidents.geojson", api.incidents_geojson, name="incidents-geojson"),
    path("api/timeline.json", api.incidents_timeline, name="incidents-timeline"),
    path("api/map.json", api_map.map_data, name="map-data"),
    path("api/choropleth.json", api_map.choropleth, name="choropleth"),
    path("incidents/unlocated/", views.unlocated_list, name="unlocated"),
    path("api/boundaries.geojson", api.boundaries_geojson, name="boundaries-geojson"),
    path("export/incidents.csv", views.export_csv, name="export-csv"),
    path("export/incidents.geojson", views.export_geojson, name="export-geojson"),
    path("export/incidents.gpkg", views.export_gpkg, name="export-gpkg"),
    path("export/incidents.shp.zip", views.export_shp, name="export-shp"),
    path("export/incidents.kml", views.export_kml, name="export-kml"),
    path("export/incidents.html", views.export_html, name="export-html"),
    path("reports/new/", views_reports.report_new, name="report-new"),
    path("reports/mine/", views_reports.job_list, name="jobs"),
    path("import/acled/", views_import.acled_import_page, name="acled-import"),
    path("review/", include(review_urls.urlpatterns)),
]
