"""A standalone, offline HTML map of the filtered incidents, built with folium.

The file must open on an analyst's laptop with no network, so it carries everything:

- Leaflet's JS and CSS are inlined from ``node_modules/leaflet/dist`` (served as
  ``vendor/leaflet/`` static files), its few CSS images as data: URIs. folium's ``Map``
  declares CDN links (Leaflet, jQuery, Bootstrap, awesome-markers, Font Awesome) in the
  class attributes ``default_js``/``default_css``, which ``JSCSSMixin.render`` turns into
  ``<script src>``/``<link href>`` tags; ``OfflineMap`` overrides both with empty lists.
- Markers are CircleMarkers (vector paths), so no icon fonts or images are needed.
- The basemap is the country outlines, the Iraq-Syria border and reference towns from
  the database (simplified, as on the map page); ``MAP_TILE_URL`` adds a tile layer when
  it is configured (that one URL is then the only remote reference).

Report text is untrusted. folium's own ``Popup`` and ``Tooltip`` paste their HTML into a
JavaScript template literal, where ``${...}`` in a summary would run as code, and Popup
needs jQuery; so popups and tooltips here are bound with a JSON-encoded string (``<``,
``>``, ``&`` and ``'`` as \\u escapes) whose content is built with ``html.escape``.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
from django.conf import settings
from django.contrib.staticfiles import finders
from folium.elements import MacroElement
from folium.template import Template, tojavascript

from incidents.extraction.taxonomy import (
    EVENT_COLOURS,
    EVENT_TYPES,
    GEO_PRECISION_SHORT,
    OTHER_COLOUR,
    precision_short,
)
from incidents.filters import IncidentFilter
from incidents.selectors.boundaries import boundary_features
from incidents.selectors.map import incident_counts, incident_features

# Thousands of markers stay smooth in a browser; beyond that use the GeoPackage.
HTML_MAX_INCIDENTS = 5_000
# More markers than this draw on one canvas instead of one SVG node each.
CANVAS_FROM = 1_000
# [[south, west], [north, east]]: the Iraq-Syria border region, used when nothing matched.
DEFAULT_BOUNDS = [[33.0, 38.5], [37.5, 43.5]]
LEAFLET_JS = "vendor/leaflet/leaflet.js"
LEAFLET_CSS = "vendor/leaflet/leaflet.css"
# ACLED geo_precision codes, in words an analyst skims (as on the map page).
PRECISION = {code: precision_short(code) for code in GEO_PRECISION_SHORT}

BOUNDARY_STYLES = {
    "country": {"color": "#7b8794", "weight": 1.2, "fillColor": "#f7f5ef", "fillOpacity": 1},
    "admin1": {"color": "#a9b3bd", "weight": 0.6, "fill": False},
    "border": {"color": "#c0392b", "weight": 2.5, "dashArray": "8 6", "fill": False},
}

PAGE_CSS = """
html, body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.leaflet-container { background: #dde5ea; }
.atlas-popup { font-size: 13px; line-height: 1.35; }
.atlas-popup p { margin: .4em 0; }
.atlas-popup dl { display: grid; grid-template-columns: auto 1fr; gap: 0 .6em; margin: .4em 0; }
.atlas-popup dt { color: #52606d; }
.atlas-popup dd { margin: 0; }
.atlas-swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
  margin-right: .4em; vertical-align: -0.05em; border: 1px solid #fff; box-shadow: 0 0 0 1px #999; }
.atlas-town-label { background: transparent; border: 0; box-shadow: none; padding: 0;
  color: #323f4b; font-size: 11px; text-shadow: 0 0 2px #fff, 0 0 2px #fff; }
.atlas-town-label::before { display: none; }
.atlas-info { background: rgba(255,255,255,.94); padding: 6px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font-size: 12px; max-width: 340px; line-height: 1.4; }
.leaflet-control-layers { font-size: 12px; }
.atlas-info strong { font-size: 13px; }
.atlas-legend-border { display: inline-block; width: 1.6em; border-top: 2.5px dashed #c0392b;
  vertical-align: middle; margin-right: .4em; }
"""


class MapAssetsMissing(RuntimeError):
    """Leaflet's files are not installed, so no offline map can be written."""


@dataclass(frozen=True)
class RenderedMap:
    """The HTML document and what it shows: markers drawn, matches, matches without location."""

    html: str
    shown: int
    total: int
    unlocated: int


class OfflineMap(folium.Map):
    """A folium Map that links no CDN: its Leaflet is inlined into the page instead."""

    # Own (empty) lists: JSCSSMixin.add_js_link mutates these in place, and folium's are
    # module-level lists shared by every Map.
    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - deliberately empty class data
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


def js_string(text: str) -> str:
    """``text`` as a JavaScript string literal that is safe twice over: in an inline
    <script> (``<``, ``>``, ``&``, ``'`` as \\u escapes, as folium's ``tojavascript``) and as
    Jinja source. branca renders a macro's output, then wraps it in a new ``Element`` whose
    template is that output, and renders it again: a "{{ ... }}" in report text would run
    as Jinja (server-side template injection). Braces as \\u escapes leave Jinja nothing."""
    return tojavascript(text).replace("{", "\\u007b").replace("}", "\\u007d")


class _BoundText(MacroElement):
    """``bindPopup``/``bindTooltip`` with HTML passed as a JSON string (escape the content first)."""

    method = ""
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.{{ this.method }}(
                {{ this.js_html }}, {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, **options: Any):
        super().__init__()
        self._name = type(self).__name__
        self.js_html = js_string(html_text)
        self.options = options


class TextPopup(_BoundText):
    """A popup whose (already escaped) HTML cannot break out of its JavaScript string."""

    method = "bindPopup"


class TextTooltip(_BoundText):
    """A tooltip whose (already escaped) HTML cannot break out of its JavaScript string."""

    method = "bindTooltip"


class InfoBox(MacroElement):
    """A Leaflet control showing fixed HTML (title, counts, filters, legend)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function () {
                var control = L.control({{ this.options|tojavascript }});
                control.onAdd = function () {
                    var box = L.DomUtil.create("div", "atlas-info");
                    box.innerHTML = {{ this.js_html }};
                    L.DomEvent.disableClickPropagation(box);
                    return box;
                };
                control.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, *, position: str):
        super().__init__()
        self._name = "InfoBox"
        self.js_html = js_string(html_text)
        self.options = {"position": position}


def _data_uri(match: re.Match, folder: Path) -> str:
    image = folder / match.group(1)
    if not image.is_file():
        return "none"  # a missing control icon is cosmetic; a relative URL would not resolve
    return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode('ascii')})"


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS (images inlined), read once per process."""
    js_path, css_path = finders.find(LEAFLET_JS), finders.find(LEAFLET_CSS)
    if not js_path or not css_path:
        raise MapAssetsMissing("Leaflet is not installed (node_modules/leaflet); run `make setup`.")
    js = Path(js_path).read_text(encoding="utf-8")
    css_file = Path(css_path)
    css = re.sub(
        r"url\((images/[\w.-]+\.png)\)",
        lambda m: _data_uri(m, css_file.parent),
        css_file.read_text(encoding="utf-8"),
    )
    # Inlined text must not end its own element early.
    if "</script" in js.lower() or "</style" in css.lower():
        raise MapAssetsMissing("Leaflet's files contain a closing tag and cannot be inlined.")
    return js, css


def _safe_http_url(value: str) -> str | None:
    try:
        parts = urlsplit(value or "")
    except ValueError:
        return None
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def popup_html(properties: dict[str, Any]) -> str:
    """The popup of one incident, every value escaped (report text is untrusted)."""
    p, e = properties, html.escape
    colour = EVENT_COLOURS.get(p["event_type"], OTHER_COLOUR)
    facts = [
        ("Actors", " vs. ".join(a for a in (p["actor1"], p["actor2"]) if a)),
        ("Fatalities", "unknown" if p["fatalities"] is None else str(p["fatalities"])),
        ("Precision", PRECISION.get(p["geo_precision"], str(p["geo_precision"]))),
        ("Review", str(p["review_status"]).replace("_", " ")),
    ]
    facts_html = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts if v)
    label = p["publisher"] or p["report_title"] or "Source"
    href = _safe_http_url(p["report_url"])
    source = (
        f'<a href="{e(href)}" target="_blank" rel="noopener noreferrer">{e(label)}</a>' if href else e(label)
    )
    place = f" · {e(p['location_name'])}" if p["location_name"] else ""
    return (
        '<div class="atlas-popup">'
        f'<div><span class="atlas-swatch" style="background:{e(colour)}"></span>'
        f"<strong>{e(p['event_type'])}</strong></div>"
        f"<div>{e(p['sub_event_type'])}</div>"
        f"<div>{e(p['event_date'])}{place}</div>"
        f"<p>{e(p['summary'])}</p><dl>{facts_html}</dl><div>{source}</div></div>"
    )


def _filters_text(filters: IncidentFilter) -> str:
    parts = []
    if filters.date_from or filters.date_to:
        parts.append(f"{filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.event_types:
        parts.append(", ".join(filters.event_types))
    if filters.country:
        parts.append(filters.country)
    if filters.review_statuses:
        parts.append("review: " + ", ".join(filters.review_statuses))
    if filters.bbox:
        parts.append("area " + ",".join(f"{v:g}" for v in filters.bbox))
    if filters.q:
        parts.append(f"search “{filters.q}”")
    return " · ".join(parts) or "all incidents"


def _info_html(*, filters: IncidentFilter, shown: int, total: int, unlocated: int) -> str:
    e = html.escape
    lines = [
        f"<strong>Incident atlas</strong> · {shown} incident{'s' if shown != 1 else ''} on the map",
        f"Filters: {e(_filters_text(filters))}",
    ]
    if total - unlocated > shown:
        located = total - unlocated
        lines.append(f"Newest {shown} of {located} shown: narrow the filters or export a GeoPackage.")
    if unlocated:
        plural = "s" if unlocated != 1 else ""
        lines.append(f"{unlocated} matching incident{plural} without a location not shown.")
    lines.append(f"Exported {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    return "<br>".join(lines)


def _add_basemap(fmap: folium.Map) -> None:
    collection = boundary_features()
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for feature in collection["features"]:
        by_kind.setdefault(feature["properties"]["kind"], []).append(feature)
    for kind in ("country", "admin1", "border"):
        if by_kind.get(kind):
            style = BOUNDARY_STYLES[kind]
            if kind == "country" and settings.MAP_TILE_URL:
                style = {**style, "fill": False}  # let the tiles show through
            folium.GeoJson(
                {"type": "FeatureCollection", "features": by_kind[kind]},
                name=kind,
                style_function=lambda _feature, style=style: style,
                control=False,
                interactive=False,
            ).add_to(fmap)
    if by_kind.get("town"):
        towns = folium.FeatureGroup(name="Towns", control=True)
        for town in by_kind["town"]:
            lon, lat = town["geometry"]["coordinates"]
            marker = folium.CircleMarker(
                [lat, lon], radius=2.5, color="#52606d", weight=1, fill=True, fill_opacity=1
            )
            marker.options["interactive"] = False  # path_options drops it; labels are not clickable
            marker.add_child(
                TextTooltip(
                    html.escape(town["properties"]["name"]),
                    permanent=True,
                    direction="right",
                    offset=[4, 0],
                    class_name="atlas-town-label",
                )
            )
            marker.add_to(towns)
        towns.add_to(fmap)


def incidents_map(*, filters: IncidentFilter, limit: int = HTML_MAX_INCIDENTS) -> RenderedMap:
    """The standalone HTML map of the filtered incidents (newest ``limit`` with a location)."""
    leaflet_js, leaflet_css = leaflet_assets()
    collection = incident_features(filters=filters, limit=limit)
    features = collection["features"]
    total, unlocated = incident_counts(filters=filters)

    fmap = OfflineMap(tiles=None, prefer_canvas=len(features) > CANVAS_FROM, control_scale=True)
    fmap.get_root().header.add_child(
        folium.Element(
            f"<style>{leaflet_css}</style>\n<script>{leaflet_js}</script>\n<style>{PAGE_CSS}</style>"
        ),
        name="leaflet_inline",
    )
    fmap.get_root().title = "Incident atlas export"
    if settings.MAP_TILE_URL:
        folium.TileLayer(
            tiles=settings.MAP_TILE_URL, attr=settings.MAP_TILE_ATTRIBUTION or "Basemap", max_zoom=18
        ).add_to(fmap)
    _add_basemap(fmap)

    counts = Counter(f["properties"]["event_type"] for f in features)
    groups = {}
    for event_type in (*EVENT_TYPES, *sorted(set(counts) - set(EVENT_TYPES))):
        if counts[event_type]:
            colour = EVENT_COLOURS.get(event_type, OTHER_COLOUR)
            label = (
                f'<span class="atlas-swatch" style="background:{html.escape(colour)}"></span>'
                f"{html.escape(event_type)} ({counts[event_type]})"
            )
            groups[event_type] = folium.FeatureGroup(name=label).add_to(fmap)
    # Oldest first, so the newest incidents are drawn on top.
    for feature in reversed(features):
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        marker = folium.CircleMarker(
            [lat, lon],
            radius=7,
            color="#ffffff",
            weight=1.5,
            fill=True,
            fill_color=p["colour"],
            fill_opacity=0.92,
            class_name=f"atlas-marker atlas-incident-{int(p['id'])}",
        )
        marker.add_child(TextPopup(popup_html(p), max_width=320, min_width=220))
        tip = " · ".join(str(v) for v in (p["event_date"], p["sub_event_type"], p["location_name"]) if v)
        marker.add_child(TextTooltip(html.escape(tip)))
        marker.add_to(groups[p["event_type"]])

    info = _info_html(filters=filters, shown=len(features), total=total, unlocated=unlocated)
    fmap.add_child(InfoBox(info, position="topright"))
    legend = '<span class="atlas-legend-border"></span>Iraq–Syria border'
    fmap.add_child(InfoBox(legend, position="bottomleft"))
    if groups:
        folium.LayerControl(position="topright", collapsed=False).add_to(fmap)

    if features:
        lons = [f["geometry"]["coordinates"][0] for f in features]
        lats = [f["geometry"]["coordinates"][1] for f in features]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30), max_zoom=10)
    else:
        fmap.fit_bounds(DEFAULT_BOUNDS)
    return RenderedMap(html=fmap.get_root().render(), shown=len(features), total=total, unlocated=unlocated)
