"""Tests of incidents.exports: CSV, GeoJSON, GeoPackage and the offline HTML map."""
