"""Incident URLs: the map page, GeoJSON API, exports, adding reports (form and API).

Exports: CSV, GeoJSON, GeoPackage and a standalone HTML map, all under /export/. The
review workspace (editors) is under /review/ (review_urls).
"""

from django.urls import include, path

from . import api, api_reports, review_urls, views, views_reports

app_name = "incidents"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("api/incidents.geojson", api.incidents_geojson, name="incidents-geojson"),
    path("api/timeline.json", api.incidents_timeline, name="incidents-timeline"),
    path("api/boundaries.geojson", api.boundaries_geojson, name="boundaries-geojson"),
    path("export/incidents.csv", views.export_csv, name="export-csv"),
    path("export/incidents.geojson", views.export_geojson, name="export-geojson"),
    path("export/incidents.gpkg", views.export_gpkg, name="export-gpkg"),
    path("export/incidents.html", views.export_html, name="export-html"),
    path("reports/new/", views_reports.report_new, name="report-new"),
    path("api/reports", api_reports.reports_create, name="api-reports"),
    path("review/", include(review_urls.urlpatterns)),
]
