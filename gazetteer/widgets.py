"""An offline Leaflet map widget for geometry fields (Django's admin widget loads OpenLayers from a CDN).

Points are editable: a draggable marker, click-to-move, and latitude/longitude inputs kept in
sync with it. Other geometries are shown read-only. The value travels as GeoJSON in a hidden
textarea; for points the posted latitude/longitude inputs win, because they are what a
browser without JavaScript can edit.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.gis.forms.widgets import BaseGeometryWidget
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

BOUNDARIES_URL_NAME = "incidents:boundaries-geojson"


def _boundaries_url() -> str:
    try:
        return reverse(BOUNDARIES_URL_NAME)
    except NoReverseMatch:
        return ""


class LeafletGeometryWidget(BaseGeometryWidget):
    """Leaflet map for a geometry field, using only this site's static files."""

    template_name = "widgets/leaflet_geometry.html"
    map_srid = 4326
    map_readonly = False

    class Media:
        css = {"all": ("vendor/leaflet/leaflet.css", "admin_map/geometry_widget.css")}
        js = ("vendor/leaflet/leaflet.js", "admin_map/geometry_widget.js")

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs.setdefault("map_readonly", self.map_readonly)

    def serialize(self, value):
        return value.json if value else ""

    def _is_point(self) -> bool:
        return str(self.attrs.get("geom_type", "")).upper() == "POINT"

    def value_from_datadict(self, data, files, name):
        if self._is_point() and (f"{name}_lat" in data or f"{name}_lon" in data):
            lat = (data.get(f"{name}_lat") or "").strip()
            lon = (data.get(f"{name}_lon") or "").strip()
            # Both emptied means "no location"; the hidden textarea would still hold the old one.
            return _point_text(lat=lat, lon=lon) if lat or lon else ""
        return super().value_from_datadict(data, files, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # After a validation error the value is the posted text, not a geometry.
        geom = self.deserialize(value) if isinstance(value, str) and value else value or None
        editable = self._is_point() and not context.get("disabled") and not self.attrs.get("map_readonly")
        point = geom if geom is not None and geom.geom_type == "Point" else None
        context.update(
            editable=editable,
            show_latlon=self._is_point(),
            # repr() round-trips exactly, so re-posting an untouched form is not a move.
            lat=repr(point.y) if point else "",
            lon=repr(point.x) if point else "",
            tile_url=getattr(settings, "MAP_TILE_URL", ""),
            tile_attribution=getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
            boundaries_url=_boundaries_url(),
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The form renderer only searches app template folders; our widget template lives
        # in the project's templates/ like every other template, so use the main engine.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308


def _point_text(*, lat: str, lon: str) -> str:
    """WKT for the posted coordinates; text GEOS cannot parse when they are not numbers."""
    try:
        x, y = float(lon), float(lat)
    except ValueError:
        x = y = math.nan
    if not (math.isfinite(x) and math.isfinite(y)):
        # GeometryField reports "Invalid geometry value." for this.
        return "INVALID"
    return f"POINT ({x!r} {y!r})"
