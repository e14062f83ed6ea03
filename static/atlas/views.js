/* Incident atlas: the map's shareable state and its views over the filters.
 *
 * AtlasViews.urlState: every filter, the centre, the zoom and the layers live in the
 *   page's query string (history.replaceState), so a copied address restores the view.
 * AtlasViews.choropleth: governorates shaded by the incidents (or fatalities) matching the
 *   filters, from the loaded boundaries; tooltips built with DOM APIs (AtlasPopup).
 * AtlasViews.play: steps the date window through the timeline's periods, one per tick.
 */
(function () {
  "use strict";

  var TEXT_FILTERS = ["date_from", "date_to", "country", "review_status", "q", "sub_event_type",
    "actor", "governorate", "district", "publisher"];
  var BOX_FILTERS = ["event_type", "geo_precision"];

  // ---- URL state -------------------------------------------------------------------------
  function readUrl(form) {
    var params = new URLSearchParams(window.location.search);
    TEXT_FILTERS.forEach(function (name) {
      var value = params.get(name);
      if (value !== null && form.elements[name]) form.elements[name].value = value;
    });
    BOX_FILTERS.forEach(function (name) {
      var values = params.getAll(name);
      var none = (params.get("none") || "").split(",").indexOf(name) >= 0;
      if (!values.length && !none) return;
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        box.checked = !none && values.indexOf(box.value) >= 0;
      });
    });
    var centre = (params.get("c") || "").split(",").map(Number);
    var zoom = Number(params.get("z"));
    var view = centre.length === 2 && centre.every(isFinite) && params.get("z") !== null && isFinite(zoom)
      ? { centre: centre, zoom: zoom } : null;
    return {
      view: view,
      layers: params.has("layers") ? params.get("layers").split(",").filter(Boolean) : null,
      metric: params.get("metric") || "count"
    };
  }

  /* filters: URLSearchParams of the filters (no bbox), or null when no event type is ticked */
  function writeUrl(filters, form, map, layers, metric) {
    var params = new URLSearchParams(filters || "");
    var none = BOX_FILTERS.filter(function (name) {
      return !form.querySelector('input[name="' + name + '"]:checked');
    });
    if (none.length) params.set("none", none.join(","));
    var centre = map.getCenter();
    params.set("c", centre.lat.toFixed(5) + "," + centre.lng.toFixed(5));
    params.set("z", String(map.getZoom()));
    params.set("layers", layers.join(","));
    if (metric !== "count") params.set("metric", metric);
    window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
  }

  // ---- choropleth ------------------------------------------------------------------------
  var RAMP = ["#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"];

  function choropleth(options) {
    var map = options.map;
    var outlines = [];
    var data = null;
    var inFlight = null;
    var loadedKey = null;
    // In the overlay pane, behind the incidents: a pane of its own below it would never
    // see the pointer (the overlay's SVG covers it), so no tooltip.
    var layer = L.geoJSON(null, {
      style: function (feature) {
        var area = data && data.byCode[feature.properties.code];
        var value = area ? area[options.metric()] : 0;
        var max = data ? data[options.metric() === "count" ? "max_count" : "max_fatalities"] : 0;
        var step = value && max ? Math.min(RAMP.length - 1, Math.floor((value / max) * RAMP.length)) : 0;
        return { color: "#52606d", weight: 0.8, fillColor: RAMP[step], fillOpacity: value ? 0.65 : 0.15 };
      },
      onEachFeature: function (feature, shape) {
        shape.options.className = "atlas-area atlas-area-" + feature.properties.code;
        shape.bindTooltip(function () {
          return window.AtlasPopup.areaTooltip(feature.properties.name, data && data.byCode[feature.properties.code]);
        }, { sticky: true });
      }
    });

    // The scale: what each shade stands for, for the measure shown.
    var key = L.control({ position: "bottomleft" });
    var keyBox = null;
    key.onAdd = function () {
      keyBox = window.AtlasPopup.el("div", "atlas-legend atlas-choropleth-key");
      fillKey();
      return keyBox;
    };
    function fillKey() {
      if (!keyBox) return;
      var el = window.AtlasPopup.el;
      while (keyBox.firstChild) keyBox.removeChild(keyBox.firstChild);
      var fatalities = options.metric() === "fatalities";
      keyBox.appendChild(el("div", "atlas-legend-title", fatalities ? "Fatalities" : "Incidents"));
      var max = data ? data[fatalities ? "max_fatalities" : "max_count"] : 0;
      if (!max) { keyBox.appendChild(el("div", null, "none for these filters")); return; }
      RAMP.forEach(function (colour, i) {
        // The shade of a value v is floor(v / max * steps) (the style above), so step i
        // holds i*max/steps <= v < (i+1)*max/steps, and the last one max itself.
        var lo = Math.max(1, Math.ceil((i * max) / RAMP.length));
        var hi = i === RAMP.length - 1 ? max : Math.ceil(((i + 1) * max) / RAMP.length) - 1;
        if (hi < lo) return;
        var row = el("div", "atlas-legend-row");
        var swatch = el("span", "atlas-swatch atlas-choropleth-swatch");
        swatch.style.background = colour;
        row.appendChild(swatch);
        var range = lo === hi ? lo.toLocaleString("en") : lo.toLocaleString("en") + "–" + hi.toLocaleString("en");
        row.appendChild(el("span", null, range));
        keyBox.appendChild(row);
      });
    }

    function draw() {
      layer.clearLayers();
      if (data) layer.addData(outlines);
      if (map.hasLayer(layer)) layer.bringToBack();
      fillKey();
    }
    return {
      setOutlines: function (features) { outlines = features; draw(); },
      show: function (visible) {
        if (visible) {
          layer.addTo(map).bringToBack();
          key.addTo(map);
        } else {
          map.removeLayer(layer);
          key.remove();
          keyBox = null;
        }
      },
      restyle: function () { layer.setStyle(layer.options.style); fillKey(); },
      load: function (params) {
        var query = params ? new URLSearchParams(params) : null;
        if (query) query.delete("bbox"); // the counts do not depend on the view
        var key = query ? query.toString() : null;
        if (key !== null && key === loadedKey) return;
        if (inFlight) inFlight.abort();
        loadedKey = key;
        if (!query) { data = null; draw(); return; }
        inFlight = new AbortController();
        options.fetchJson(options.url + "?" + query.toString(), inFlight.signal).then(function (body) {
          body.byCode = {};
          body.areas.forEach(function (area) { body.byCode[area.code] = area; });
          data = body;
          draw();
        }).catch(function (error) {
          if (error.name === "AbortError") return;
          loadedKey = null;
          options.onError(error);
        });
      }
    };
  }

  // ---- play ------------------------------------------------------------------------------
  /* options: button, buckets() (the timeline's), dates() ({from, to}), setDates(from, to), delay ms */
  function play(options) {
    var timer = null;
    var width = 1;
    var index = -1;

    function stop() {
      window.clearInterval(timer);
      timer = null;
      options.button.textContent = "Play";
      options.button.setAttribute("aria-pressed", "false");
    }
    function tick() {
      var buckets = options.buckets();
      index += 1;
      if (index + width > buckets.length) { stop(); return; }
      options.setDates(buckets[index].start, buckets[index + width - 1].end);
    }
    function start() {
      var buckets = options.buckets();
      if (!buckets.length) return;
      var dates = options.dates();
      var inside = buckets.map(function (b, i) {
        return (!dates.from || b.end >= dates.from) && (!dates.to || b.start <= dates.to) ? i : -1;
      }).filter(function (i) { return i >= 0; });
      var picked = Boolean(dates.from || dates.to) && inside.length && inside.length < buckets.length;
      // A picked period is the window's width; it moves on from there (else from the start).
      width = picked ? inside.length : 1;
      index = picked && inside[inside.length - 1] < buckets.length - 1 ? inside[0] : -1;
      options.button.textContent = "Pause";
      options.button.setAttribute("aria-pressed", "true");
      tick();
      if (timer === null && options.button.getAttribute("aria-pressed") === "true") {
        timer = window.setInterval(tick, options.delay);
      }
    }
    options.button.addEventListener("click", function () {
      if (timer !== null) stop(); else start();
    });
    return { stop: stop, playing: function () { return timer !== null; } };
  }

  window.AtlasViews = { readUrl: readUrl, writeUrl: writeUrl, choropleth: choropleth, play: play };
})();
