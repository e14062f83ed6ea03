/* Incident atlas map: Leaflet + markercluster (+ leaflet.heat), config from #atlas-config,
 * the ACLED event types, colours and precision labels from #atlas-taxonomy.
 *
 * The server answers each view (map_data.py) with exact counts per grid cell, or with the
 * incidents themselves when few match: the status line's total is always every matching
 * incident in view. Imprecise incidents draw the area they happened in. Filters, centre,
 * zoom and layers live in the address (views.js). Report text is untrusted: everything is
 * built with DOM APIs (popup.js), never innerHTML.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("atlas-config").textContent);
  var taxonomy = JSON.parse(document.getElementById("atlas-taxonomy").textContent);
  var Popup = window.AtlasPopup;
  var Views = window.AtlasViews;
  var el = Popup.el;
  var form = document.getElementById("filter-form");
  var statusEl = document.getElementById("map-status");
  var exportLinks = document.querySelectorAll("a[data-export]");
  var heatToggle = document.getElementById("heat-toggle");
  var areasToggle = document.getElementById("areas-toggle");
  var choroplethToggle = document.getElementById("choropleth-toggle");
  var metricSelect = document.getElementById("choropleth-metric");
  var exportViewOnly = document.getElementById("export-view-only");
  var layerBoxes = form.querySelectorAll("input[data-layer]");

  function setStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.classList.toggle("is-error", Boolean(isError));
  }

  // ---- map and basemap -------------------------------------------------------------------
  var map = L.map("map", { minZoom: 3, maxZoom: 17, zoomSnap: 0.5 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 18 }).addTo(map);
  } else {
    map.getContainer().classList.add("atlas-offline");
  }
  map.createPane("boundaries");
  map.getPane("boundaries").style.zIndex = 350;
  map.getPane("boundaries").style.pointerEvents = "none";
  map.createPane("areas");
  map.getPane("areas").style.zIndex = 380;
  map.getPane("areas").style.pointerEvents = "none";

  var BOUNDARY_STYLES = {
    country: { color: "#7b8794", weight: 1.2, fill: !config.tileUrl, fillColor: "#f7f5ef", fillOpacity: 1 },
    admin1: { color: "#a9b3bd", weight: 0.6, fill: false },
    border: { color: "#c0392b", weight: 2.5, dashArray: "8 6", fill: false }
  };
  var areaOutlines = {}; // governorate P-code -> GeoJSON feature (precision-3 hover, choropleth)

  var choropleth = Views.choropleth({
    map: map, url: config.choroplethUrl, fetchJson: fetchJson,
    metric: function () { return metricSelect.value; },
    onError: function (error) { setStatus("Could not load the choropleth: " + error.message, true); }
  });

  fetch(config.boundariesUrl + "?admin1=1", { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) {
      var governorates = data.features.filter(function (f) { return f.properties.kind === "admin1"; });
      governorates.forEach(function (f) { areaOutlines[f.properties.code] = f; });
      choropleth.setOutlines(governorates);
      // One canvas, not an SVG path per outline: governorate outlines have many vertices.
      var outlineRenderer = L.canvas({ pane: "boundaries" });
      L.geoJSON(data, {
        pane: "boundaries",
        renderer: outlineRenderer,
        interactive: false,
        style: function (feature) {
          return BOUNDARY_STYLES[feature.properties.kind] || BOUNDARY_STYLES.admin1;
        },
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, {
            pane: "boundaries", renderer: outlineRenderer, radius: 2.5, color: "#52606d", weight: 1, fillOpacity: 1, interactive: false
          }).bindTooltip(el("span", null, feature.properties.name), {
            permanent: true, direction: "right", offset: [4, 0], className: "atlas-town-label"
          });
        }
      }).addTo(map);
    })
    .catch(function () {
      map.attributionControl.addAttribution("Boundaries unavailable");
    });

  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () { return Popup.legend(taxonomy); };
  legend.addTo(map);
  document.querySelectorAll(".atlas-swatch[data-colour]").forEach(function (swatch) {
    swatch.style.background = swatch.getAttribute("data-colour");
  });

  // ---- incident layers -------------------------------------------------------------------
  var clusters = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, disableClusteringAtZoom: 11
  });
  var cellLayer = L.layerGroup();
  var areaLayer = L.layerGroup();
  var hoverArea = L.layerGroup().addTo(map);
  var heat = typeof L.heatLayer === "function"
    ? L.heatLayer([], { radius: 22, blur: 18, maxZoom: 11, minOpacity: 0.35 }) : null;
  if (!heat) heatToggle.disabled = true;

  function layerNames() {
    return Array.prototype.filter.call(layerBoxes, function (b) { return b.checked; })
      .map(function (b) { return b.getAttribute("data-layer"); });
  }

  function showLayers() {
    var useHeat = heat && heatToggle.checked;
    [clusters, cellLayer].forEach(function (layer) {
      if (useHeat) map.removeLayer(layer); else map.addLayer(layer);
    });
    if (heat) { if (useHeat) heat.addTo(map); else map.removeLayer(heat); }
    if (areasToggle.checked && !useHeat) map.addLayer(areaLayer); else map.removeLayer(areaLayer);
    choropleth.show(choroplethToggle.checked);
  }

  // The area an imprecise incident happened in: a ring of its radius around the best
  // estimate, or (coded to a governorate) the governorate's outline while hovered.
  function areaFor(p) {
    if (!p.radius_km) return null;
    return L.circle([p.centre[1], p.centre[0]], {
      pane: "areas", radius: p.radius_km * 1000, color: p.colour, weight: 1, dashArray: "4 4",
      fillColor: p.colour, fillOpacity: 0.08, interactive: false,
      className: "atlas-uncertainty atlas-uncertainty-" + Number(p.id)
    });
  }

  function makeMarker(feature) {
    var c = feature.geometry.coordinates;
    var p = feature.properties;
    var marker = L.circleMarker([c[1], c[0]], {
      radius: p.geo_precision > 1 ? 6 : 7, color: p.geo_precision > 1 ? p.colour : "#ffffff",
      weight: p.geo_precision > 1 ? 2.5 : 1.5, dashArray: p.geo_precision > 1 ? "3 2" : null,
      fillColor: p.colour, fillOpacity: p.geo_precision > 1 ? 0.55 : 0.92,
      className: "atlas-marker atlas-precision-" + Number(p.geo_precision) + " atlas-incident-" + Number(p.id)
    });
    marker.bindPopup(function () { return Popup.incident(p, taxonomy); }, { maxWidth: 340, minWidth: 240 });
    marker.on("mouseover popupopen", function () {
      var shape = p.area_code && areaOutlines[p.area_code];
      if (!shape) return;
      hoverArea.clearLayers();
      L.geoJSON(shape, { pane: "areas", interactive: false, className: "atlas-hover-area",
        style: { color: p.colour, weight: 2, dashArray: "5 4", fillColor: p.colour, fillOpacity: 0.1 } }).addTo(hoverArea);
    });
    marker.on("mouseout popupclose", function () { hoverArea.clearLayers(); });
    return marker;
  }

  function makeCell(cell, data) {
    var marker = L.marker([cell.lat, cell.lon], { icon: Popup.cellIcon(cell, data.types, taxonomy), keyboard: true });
    marker.bindTooltip(function () { return Popup.cellTooltip(cell, data.types, taxonomy); }, { direction: "top" });
    marker.on("click", function () {
      var s = data.size;
      map.fitBounds([[cell.y * s, cell.x * s], [(cell.y + 1) * s, (cell.x + 1) * s]]);
    });
    return marker;
  }

  var markersByKey = new Map();
  function render(data) {
    var next = new Map();
    var added = [];
    var heatPoints = [];
    areaLayer.clearLayers();
    (data.features || []).forEach(function (feature) {
      var key = JSON.stringify([feature.geometry.coordinates, feature.properties]);
      var marker = markersByKey.get(key) || makeMarker(feature);
      if (!markersByKey.has(key)) added.push(marker);
      next.set(key, marker);
      var area = areaFor(feature.properties);
      if (area) areaLayer.addLayer(area);
      var c = feature.geometry.coordinates;
      heatPoints.push([c[1], c[0], 1]);
    });
    var removed = [];
    markersByKey.forEach(function (marker, key) { if (!next.has(key)) removed.push(marker); });
    clusters.removeLayers(removed);
    clusters.addLayers(added);
    markersByKey = next;

    cellLayer.clearLayers();
    var max = (data.cells || []).reduce(function (m, c) { return Math.max(m, c.n); }, 1);
    (data.cells || []).forEach(function (cell) {
      cellLayer.addLayer(makeCell(cell, data));
      heatPoints.push([cell.lat, cell.lon, cell.n / max]);
    });
    if (heat) heat.setLatLngs(heatPoints);

    var n = data.total || 0;
    var text = n === 0 ? "No incidents in this view." : Popup.plural(n, "incident") + " in view";
    if (data.mode === "cells") text += " (counted per area; zoom in to see each one)";
    setStatus(text, false);
    statusEl.setAttribute("data-total", String(n));
    showUnlocated(data.unlocated || 0);
  }

  // Incidents that match the filters but have no location: a list every map user can open.
  function showUnlocated(count) {
    if (!count) return;
    statusEl.appendChild(document.createTextNode(" · "));
    var link = el("a", "atlas-unlocated", Popup.plural(count, "incident") + " without a location");
    var params = filterParams();
    link.href = config.unlocatedUrl + (params && params.toString() ? "?" + params.toString() : "");
    statusEl.appendChild(link);
  }

  // ---- filters ---------------------------------------------------------------------------
  function clamp(value, lo, hi) { return Math.min(hi, Math.max(lo, value)); }

  function bboxParam() {
    var b = map.getBounds();
    var west = clamp(b.getWest(), -180, 180);
    var east = clamp(b.getEast(), -180, 180);
    var south = clamp(b.getSouth(), -90, 90);
    var north = clamp(b.getNorth(), -90, 90);
    if (west >= east || south >= north) return null;
    return [west, south, east, north].map(function (v) { return v.toFixed(5); }).join(",");
  }

  // The form's filters (no bbox); null when every box of a group is unticked: "show nothing".
  function filterParams() {
    var params = new URLSearchParams();
    var data = new FormData(form);
    ["date_from", "date_to", "country", "review_status", "q", "sub_event_type", "actor",
      "governorate", "district", "publisher"].forEach(function (name) {
      var value = (data.get(name) || "").trim();
      if (value) params.set(name, value);
    });
    var empty = false;
    ["event_type", "geo_precision"].forEach(function (name) {
      var boxes = form.querySelectorAll('input[name="' + name + '"]');
      var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; });
      if (ticked.length === 0) empty = true;
      if (ticked.length < boxes.length) ticked.forEach(function (b) { params.append(name, b.value); });
    });
    return empty ? null : params;
  }

  function updateExportLink(params, bbox) {
    var query = "";
    if (params) {
      var exportParams = new URLSearchParams(params);
      if (exportViewOnly.checked && bbox) exportParams.set("bbox", bbox);
      query = exportParams.toString();
    }
    exportLinks.forEach(function (link) {
      var base = (config.exportUrls || {})[link.getAttribute("data-export")];
      if (!params || !base) {
        link.removeAttribute("href");
        link.setAttribute("aria-disabled", "true");
        return;
      }
      link.href = base + (query ? "?" + query : "");
      link.removeAttribute("aria-disabled");
    });
  }

  function fetchJson(url, signal) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: signal })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.status === 401) throw new Error("Session expired: reload the page and sign in again.");
          if (!response.ok) throw new Error(body.error || "HTTP " + response.status);
          return body;
        });
      });
  }

  // ---- timeline and play -----------------------------------------------------------------
  function setDates(from, to) {
    form.elements.date_from.value = from;
    form.elements.date_to.value = to;
    load();
  }
  var timeline = window.AtlasTimeline.create({
    root: document.getElementById("timeline"), url: config.timelineUrl,
    colours: taxonomy.eventColours, otherColour: taxonomy.otherColour, fetchJson: fetchJson,
    onPick: function (from, to) { player.stop(); setDates(from, to); },
    onClear: function () { player.stop(); setDates("", ""); }
  });
  var player = Views.play({
    button: document.getElementById("play-toggle"), delay: config.playDelayMs || 1500,
    buckets: timeline.buckets, setDates: setDates,
    dates: function () { return { from: form.elements.date_from.value, to: form.elements.date_to.value }; }
  });

  var inFlight = null;
  var lastQuery = null;
  var idle = false;
  function load() {
    var params = filterParams();
    var bbox = bboxParam();
    updateExportLink(params, bbox);
    Views.writeUrl(params, form, map, layerNames(), metricSelect.value);
    var dates = { from: form.elements.date_from.value, to: form.elements.date_to.value };
    choropleth.load(params && choroplethToggle.checked ? params : null);
    var query = params ? new URLSearchParams(params) : null;
    if (query && bbox) query.set("bbox", bbox);
    // The same view asked again (the move that follows the first fit, a popup's pan back):
    // what is drawn, or on its way, is already its answer.
    if (query && query.toString() === lastQuery) return;
    if (inFlight) inFlight.abort();
    lastQuery = query ? query.toString() : null;
    if (!query) {
      render({ features: [], cells: [], total: 0 });
      timeline.load(null, dates);
      setStatus("Nothing selected: tick an event type and a precision.", false);
      return;
    }
    timeline.load(query, dates);
    inFlight = new AbortController();
    setStatus("Loading…", false);
    fetchJson(config.mapDataUrl + "?" + query.toString(), inFlight.signal)
      .then(function (data) {
        render(data);
        if (!idle) {
          idle = true;
          document.documentElement.setAttribute("data-map-idle", "1");
          document.dispatchEvent(new CustomEvent("atlas:idle"));
        }
      })
      .catch(function (error) {
        if (error.name === "AbortError") return;
        lastQuery = null; // asking again may work
        setStatus("Could not load incidents: " + error.message, true);
      });
  }

  var timer = null;
  function scheduleLoad() {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 200);
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "governorate-preset") {
      var area = config.governorates.filter(function (a) { return a.code === target.value; })[0];
      if (area) map.fitBounds(area.bounds);
      return;
    }
    if (target.hasAttribute("data-layer") || target === metricSelect) {
      showLayers();
      if (target === metricSelect) choropleth.restyle();
      scheduleLoad(); // the address records the layers; the choropleth loads when shown
      return;
    }
    scheduleLoad();
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "search") scheduleLoad();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { showLayers(); load(); }, 0);
  });

  document.querySelectorAll("[data-preset]").forEach(function (button) {
    button.addEventListener("click", function () {
      var preset = config.presets[button.getAttribute("data-preset")];
      if (preset) map.fitBounds(preset.bounds);
    });
  });

  var state = Views.readUrl(form);
  if (state.layers) {
    layerBoxes.forEach(function (box) { box.checked = state.layers.indexOf(box.getAttribute("data-layer")) >= 0; });
  }
  if (state.metric) metricSelect.value = state.metric === "fatalities" ? "fatalities" : "count";
  if (state.view) map.setView([state.view.centre[0], state.view.centre[1]], state.view.zoom);
  else map.fitBounds(config.presets[config.initialPreset].bounds);
  showLayers();
  map.on("moveend", scheduleLoad);
  load();
})();
