/*
 * Offline Leaflet geometry widget for the admin (templates/widgets/leaflet_geometry.html).
 * The hidden textarea holds GeoJSON; for points, a draggable marker, map clicks and the
 * latitude/longitude inputs all edit the same value and stay in sync. Other geometry
 * types are displayed read-only. Basemap: the configured tile URL, else the loaded
 * country/governorate outlines from the boundaries API, so it works air-gapped.
 */
(function () {
  "use strict";

  // Iraq and Syria, for an empty field.
  var REGION_BOUNDS = [[29.0, 35.5], [37.6, 48.8]];
  var DIGITS = 6;

  function parseGeoJSON(text) {
    if (!text || !text.trim()) { return null; }
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function addBasemap(map, el) {
    var tiles = el.dataset.tileUrl;
    if (tiles) {
      L.tileLayer(tiles, { attribution: el.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
      return;
    }
    var url = el.dataset.boundariesUrl;
    if (!url || !window.fetch) { return; }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var outlines = L.geoJSON(data, {
          interactive: false,
          style: { color: "#666", weight: 1, fillColor: "#f4f1ea", fillOpacity: 0.6 }
        }).addTo(map);
        outlines.bringToBack();
      })
      .catch(function () { /* no basemap is still a usable map */ });
  }

  function initPoint(map, el, textarea, value) {
    var id = el.dataset.textarea;
    var latInput = document.getElementById(id + "_lat");
    var lonInput = document.getElementById(id + "_lon");
    var editable = el.dataset.editable === "true";
    var marker = null;

    function write(latlng) {
      textarea.value = latlng ? JSON.stringify({
        type: "Point", coordinates: [latlng.lng, latlng.lat]
      }) : "";
    }

    function place(latlng, fromInputs) {
      if (!latlng) {
        if (marker) { map.removeLayer(marker); marker = null; }
        write(null);
        return;
      }
      if (!marker) {
        marker = L.marker(latlng, { draggable: editable, autoPan: true, keyboard: true }).addTo(map);
        marker.on("dragend", function () { place(marker.getLatLng(), false); });
      } else {
        marker.setLatLng(latlng);
      }
      if (!fromInputs && latInput && lonInput) {
        latInput.value = latlng.lat.toFixed(DIGITS);
        lonInput.value = latlng.lng.toFixed(DIGITS);
      }
      write(latlng);
    }

    if (value && value.type === "Point") {
      var ll = L.latLng(value.coordinates[1], value.coordinates[0]);
      place(ll, true);
      // Without tiles only outlines surround the point: a wider view keeps it readable.
      map.setView(ll, el.dataset.tileUrl ? 12 : 8);
    } else {
      map.fitBounds(REGION_BOUNDS);
    }
    if (!editable) { return; }

    map.on("click", function (e) { place(e.latlng, false); });

    function fromInputs() {
      var lat = parseFloat(latInput.value);
      var lon = parseFloat(lonInput.value);
      if (latInput.value === "" && lonInput.value === "") { place(null, true); return; }
      // Out-of-range numbers are left for the server to reject with a clear message.
      if (isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        place(L.latLng(lat, lon), true);
        map.panTo([lat, lon]);
      }
    }
    if (latInput && lonInput) {
      latInput.addEventListener("input", fromInputs);
      lonInput.addEventListener("input", fromInputs);
    }
    var clear = el.querySelector(".atlas-geometry-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        latInput.value = "";
        lonInput.value = "";
        place(null, true);
      });
    }
  }

  function initShape(map, value) {
    if (!value) { map.fitBounds(REGION_BOUNDS); return; }
    var layer = L.geoJSON(value, { style: { color: "#c0392b", weight: 2, fillOpacity: 0.15 } }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); } else { map.fitBounds(REGION_BOUNDS); }
  }

  function init(el) {
    if (el.dataset.ready) { return; }
    el.dataset.ready = "1";
    var textarea = document.getElementById(el.dataset.textarea);
    var map = L.map(el.querySelector(".atlas-geometry-map"), { scrollWheelZoom: false });
    addBasemap(map, el);
    var value = parseGeoJSON(textarea.value);
    if (el.dataset.geomType.toUpperCase() === "POINT") {
      initPoint(map, el, textarea, value);
    } else {
      initShape(map, value);
    }
  }

  function initAll() {
    if (!window.L) { return; }
    document.querySelectorAll(".atlas-geometry-widget").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
}());
