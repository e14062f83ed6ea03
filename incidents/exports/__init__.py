"""Export formats: `streaming` (CSV and GeoJSON responses), `gis` (GeoPackage through a
child process, export to a file), `gpkg_writer` (that child process: no Django),
`folium_map` (a standalone offline HTML map).

Keep this file free of imports: `python -m incidents.exports.gpkg_writer` imports it
in a process that must load no Django.
"""
