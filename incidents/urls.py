"""Incident URLs: the map page, GeoJSON API and CSV export."""

from django.urls import path

from . import api, views

app_name = "incidents"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("api/incidents.geojson", api.incidents_geojson, name="incidents-geojson"),
    path("api/boundaries.geojson", api.boundaries_geojson, name="boundaries-geojson"),
    path("export/incidents.csv", views.export_csv, name="export-csv"),
]
