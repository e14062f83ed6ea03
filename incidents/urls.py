"""Incident URLs: the map page, GeoJSON API, CSV export, adding reports (form and API)."""

from django.urls import path

from . import api, api_reports, views, views_reports

app_name = "incidents"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("api/incidents.geojson", api.incidents_geojson, name="incidents-geojson"),
    path("api/boundaries.geojson", api.boundaries_geojson, name="boundaries-geojson"),
    path("export/incidents.csv", views.export_csv, name="export-csv"),
    path("reports/new/", views_reports.report_new, name="report-new"),
    path("api/reports", api_reports.reports_create, name="api-reports"),
]
