/* Incident atlas map: Leaflet + markercluster (+ leaflet.heat), config from #atlas-config,
 * the ACLED event types, colours and precision labels from #atlas-taxonomy.
 *
 * Report text is untrusted: every popup is built with DOM APIs and textContent, never
 * innerHTML, and source links are only emitted for http(s) URLs.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("atlas-config").textContent);
  var taxonomy = JSON.parse(document.getElementById("atlas-taxonomy").textContent);
  var form = document.getElementById("filter-form");
  var statusEl = document.getElementById("map-status");
  // Every export link (CSV, GeoJSON, GeoPackage, HTML map) carries the current filters.
  var exportLinks = document.querySelectorAll("a[data-export]");
  var heatToggle = document.getElementById("heat-toggle");
  var exportViewOnly = document.getElementById("export-view-only");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHttpUrl(value) {
    if (!value) return null;
    try {
      var url = new URL(value); // no base: relative or scheme-less values are rejected
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

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
  // Boundaries sit above tiles but below markers, and never catch clicks.
  map.createPane("boundaries");
  map.getPane("boundaries").style.zIndex = 350;
  map.getPane("boundaries").style.pointerEvents = "none";

  var BOUNDARY_STYLES = {
    country: { color: "#7b8794", weight: 1.2, fill: !config.tileUrl, fillColor: "#f7f5ef", fillOpacity: 1 },
    admin1: { color: "#a9b3bd", weight: 0.6, fill: false },
    border: { color: "#c0392b", weight: 2.5, dashArray: "8 6", fill: false }
  };

  fetch(config.boundariesUrl, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) {
      L.geoJSON(data, {
        pane: "boundaries",
        interactive: false,
        style: function (feature) {
          return BOUNDARY_STYLES[feature.properties.kind] || BOUNDARY_STYLES.admin1;
        },
        // Reference towns: a dot and a label (a DOM node, so a name is never parsed as HTML).
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, {
            pane: "boundaries", radius: 2.5, color: "#52606d", weight: 1, fillOpacity: 1, interactive: false
          }).bindTooltip(el("span", null, feature.properties.name), {
            permanent: true, direction: "right", offset: [4, 0], className: "atlas-town-label"
          });
        }
      }).addTo(map);
    })
    .catch(function () {
      // The map still works without outlines; say so rather than fail silently.
      map.attributionControl.addAttribution("Boundaries unavailable");
    });

  // ---- legend ----------------------------------------------------------------------------
  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    var box = el("div", "atlas-legend");
    box.appendChild(el("div", "atlas-legend-title", "Event type"));
    taxonomy.eventTypes.forEach(function (name) {
      var row = el("div", "atlas-legend-row");
      var swatch = el("span", "atlas-swatch");
      swatch.style.background = taxonomy.eventColours[name] || taxonomy.otherColour;
      row.appendChild(swatch);
      row.appendChild(el("span", null, name));
      box.appendChild(row);
    });
    var border = el("div", "atlas-legend-row");
    border.appendChild(el("span", "atlas-legend-border"));
    border.appendChild(el("span", null, "Iraq–Syria border"));
    box.appendChild(border);
    return box;
  };
  legend.addTo(map);

  document.querySelectorAll(".atlas-swatch[data-colour]").forEach(function (swatch) {
    swatch.style.background = swatch.getAttribute("data-colour");
  });

  // ---- popups ----------------------------------------------------------------------------
  // ACLED geo_precision codes, in words an analyst skims (incidents/extraction/taxonomy.py).
  var PRECISION = taxonomy.geoPrecision;

  function popupContent(p) {
    var root = el("div", "atlas-popup");
    var head = el("div", "atlas-popup-head");
    var swatch = el("span", "atlas-swatch");
    swatch.style.background = p.colour;
    head.appendChild(swatch);
    head.appendChild(el("strong", "atlas-popup-type", p.event_type));
    root.appendChild(head);
    root.appendChild(el("div", "atlas-popup-subtype", p.sub_event_type));

    var meta = el("div", "atlas-popup-meta");
    meta.appendChild(el("span", "atlas-popup-date", p.event_date));
    if (p.location_name) meta.appendChild(el("span", "atlas-popup-location", p.location_name));
    root.appendChild(meta);

    root.appendChild(el("p", "atlas-popup-summary", p.summary));

    var facts = el("dl", "atlas-popup-facts");
    function fact(label, value) {
      if (value === null || value === undefined || value === "") return;
      facts.appendChild(el("dt", null, label));
      facts.appendChild(el("dd", null, value));
    }
    fact("Actors", [p.actor1, p.actor2].filter(Boolean).join(" vs. "));
    fact("Fatalities", p.fatalities === null ? "unknown" : p.fatalities);
    fact("Precision", PRECISION[p.geo_precision] || p.geo_precision);
    fact("Review", p.review_status.replace("_", " "));
    root.appendChild(facts);

    var source = el("div", "atlas-popup-source");
    var label = p.publisher || p.report_title || "Source";
    var href = safeHttpUrl(p.report_url);
    if (href) {
      var link = el("a", null, label);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      if (p.report_title) link.title = p.report_title;
      source.appendChild(link);
    } else {
      source.appendChild(el("span", null, label));
    }
    root.appendChild(source);
    return root;
  }

  // ---- incident layers -------------------------------------------------------------------
  var clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    disableClusteringAtZoom: 11
  });
  map.addLayer(clusters);
  var heat = typeof L.heatLayer === "function"
    ? L.heatLayer([], { radius: 22, blur: 18, maxZoom: 11, minOpacity: 0.35 })
    : null;
  if (!heat) heatToggle.disabled = true;

  function showLayers() {
    var useHeat = heat && heatToggle.checked;
    if (useHeat) {
      map.removeLayer(clusters);
      heat.addTo(map);
    } else {
      if (heat) map.removeLayer(heat);
      map.addLayer(clusters);
    }
  }

  // Markers are kept across reloads (keyed by their content), so a reload triggered by a
  // popup's auto-pan does not tear down the marker and close the popup it just opened.
  var markersByKey = new Map();

  function makeMarker(feature) {
    var c = feature.geometry.coordinates;
    var p = feature.properties;
    var marker = L.circleMarker([c[1], c[0]], {
      radius: 7,
      color: "#ffffff",
      weight: 1.5,
      fillColor: p.colour,
      fillOpacity: 0.92,
      className: "atlas-marker atlas-incident-" + Number(p.id)
    });
    marker.bindPopup(function () { return popupContent(p); }, { maxWidth: 320, minWidth: 220 });
    return marker;
  }

  function render(collection) {
    var next = new Map();
    var added = [];
    var points = [];
    collection.features.forEach(function (feature) {
      var key = JSON.stringify([feature.geometry.coordinates, feature.properties]);
      var marker = markersByKey.get(key);
      if (!marker) {
        marker = makeMarker(feature);
        added.push(marker);
      }
      next.set(key, marker);
      var c = feature.geometry.coordinates;
      points.push([c[1], c[0], 1]);
    });
    var removed = [];
    markersByKey.forEach(function (marker, key) {
      if (!next.has(key)) removed.push(marker);
    });
    clusters.removeLayers(removed);
    clusters.addLayers(added);
    markersByKey = next;
    if (heat) heat.setLatLngs(points);
    var n = collection.features.length;
    var text = n === 0 ? "No incidents in this view." : n + (n === 1 ? " incident" : " incidents") + " in view";
    if (collection.truncated) text += " (newest shown only; zoom in or narrow the filters)";
    setStatus(text, false);
    showUnlocated(collection.unlocated || 0);
  }

  // Incidents that match the filters but have no location are on no map: say how many,
  // and let staff open them in the admin to place them.
  function showUnlocated(count) {
    if (!count) return;
    var words = count + (count === 1 ? " incident" : " incidents") + " without a location";
    statusEl.appendChild(document.createTextNode(" · "));
    if (config.unlocatedUrl) {
      var link = el("a", "atlas-unlocated", words);
      link.href = config.unlocatedUrl;
      statusEl.appendChild(link);
    } else {
      statusEl.appendChild(el("span", "atlas-unlocated", words));
    }
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

  // Returns null when no event type is ticked: that means "show nothing", not "all".
  function filterParams() {
    var params = new URLSearchParams();
    var data = new FormData(form);
    ["date_from", "date_to", "country", "review_status", "q"].forEach(function (name) {
      var value = (data.get(name) || "").trim();
      if (value) params.set(name, value);
    });
    var boxes = form.querySelectorAll('input[name="event_type"]');
    var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; });
    if (ticked.length === 0) return null;
    if (ticked.length < boxes.length) {
      ticked.forEach(function (b) { params.append("event_type", b.value); });
    }
    return params;
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

  // A GET of the map's JSON APIs: the body, or an Error with the API's own message.
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

  // ---- timeline (timeline.js): picks the date filter ----------------------------------
  function setDates(from, to) {
    form.elements.date_from.value = from;
    form.elements.date_to.value = to;
    load();
  }
  var timeline = window.AtlasTimeline.create({
    root: document.getElementById("timeline"),
    url: config.timelineUrl,
    colours: taxonomy.eventColours,
    otherColour: taxonomy.otherColour,
    fetchJson: fetchJson,
    onPick: setDates,
    onClear: function () { setDates("", ""); }
  });

  var inFlight = null;
  function load() {
    var params = filterParams();
    var bbox = bboxParam();
    updateExportLink(params, bbox);
    if (inFlight) inFlight.abort();
    var dates = { from: form.elements.date_from.value, to: form.elements.date_to.value };
    if (!params) {
      render({ features: [], truncated: false });
      timeline.load(null, dates);
      setStatus("No event type selected.", false);
      return;
    }
    if (bbox) params.set("bbox", bbox);
    timeline.load(params, dates);
    inFlight = new AbortController();
    setStatus("Loading…", false);
    fetchJson(config.incidentsUrl + "?" + params.toString(), inFlight.signal)
      .then(render)
      .catch(function (error) {
        if (error.name === "AbortError") return;
        setStatus("Could not load incidents: " + error.message, true);
      });
  }

  var timer = null;
  function scheduleLoad() {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 200);
  }

  form.addEventListener("change", function (event) {
    if (event.target === heatToggle) {
      showLayers();
      return;
    }
    scheduleLoad();
  });
  form.addEventListener("input", function (event) {
    if (event.target.name === "q") scheduleLoad();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load();
  });
  form.addEventListener("reset", function () {
    // The reset happens after this event; read the form once it is done.
    window.setTimeout(function () { showLayers(); load(); }, 0);
  });

  document.querySelectorAll("[data-preset]").forEach(function (button) {
    button.addEventListener("click", function () {
      var preset = config.presets[button.getAttribute("data-preset")];
      if (preset) map.fitBounds(preset.bounds);
    });
  });

  map.fitBounds(config.presets[config.initialPreset].bounds);
  map.on("moveend", scheduleLoad);
  load();
})();
