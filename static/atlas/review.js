/* Correction screen: the candidates and the incident on a small Leaflet map (served from
   npm, no CDN); a click on a candidate's marker picks it; dragging the incident's marker
   sets the point; the place search box asks /review/places.json and picks a result.
   Everything from the server is put in with textContent, never innerHTML. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("review-config").textContent);

  // Keys, as in the queue: c confirms as it is and goes on, s skips to the next.
  document.addEventListener("keydown", (event) => {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "select", "textarea", "button"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "c") { event.preventDefault(); document.getElementById("confirm-form").requestSubmit(); }
    if (event.key === "s") { event.preventDefault(); window.location.assign(document.getElementById("skip-link").href); }
  });
  const editForm = document.getElementById("edit-form");

  // The selected mention in view inside the report's scrolling box (not the page).
  const report = document.getElementById("report-text");
  const selected = report.querySelector(".review-mention.selected");
  if (selected) report.scrollTop = Math.max(0, selected.offsetTop - report.clientHeight / 3);
  const mapEl = document.getElementById("review-map");

  // Sub-types follow the chosen type (the one taxonomy, from the page's config).
  const typeSelect = editForm.querySelector("select[name=event_type]");
  const subSelect = editForm.querySelector("select[name=sub_event_type]");
  function fillSubTypes() {
    const keep = subSelect.value;
    const subs = config.subTypes[typeSelect.value] || [];
    subSelect.replaceChildren(...subs.map((name) => {
      const option = document.createElement("option");
      option.value = name; option.textContent = name; option.selected = name === keep;
      return option;
    }));
  }
  typeSelect.addEventListener("change", fillSubTypes);
  fillSubTypes();

  function setPoint(lat, lon) {
    editForm.querySelector("input[name=lat]").value = lat.toFixed(6);
    editForm.querySelector("input[name=lon]").value = lon.toFixed(6);
  }

  const map = L.map(mapEl, { zoomControl: true, attributionControl: Boolean(config.tileUrl) });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(map);
  } else {
    fetch(config.boundariesUrl, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((data) => { if (data) L.geoJSON(data, { style: { color: "#9aa5b1", weight: 1, fill: false } }).addTo(map); })
      .catch(() => {});
  }
  const bounds = [];
  config.candidates.forEach((c) => {
    const marker = L.circleMarker([c.lat, c.lon], { radius: 8, color: "#0b6e69", fillOpacity: 0.6 }).addTo(map);
    // A string tooltip is HTML to Leaflet; a place name is text (an editor may have typed it).
    const tip = document.createElement("span");
    tip.textContent = `${c.rank}. ${c.name} (${c.score})`;
    marker.bindTooltip(tip);
    marker.on("click", () => {
      const form = document.querySelector(`.pick-form[data-place="${c.place_id}"]`);
      if (form) form.requestSubmit();
    });
    bounds.push([c.lat, c.lon]);
  });
  let incidentMarker = null;
  const start = config.incident || (bounds[0] ? { lat: bounds[0][0], lon: bounds[0][1] } : { lat: 35.5, lon: 42.5 });
  incidentMarker = L.marker([start.lat, start.lon], { draggable: true, title: "The incident: drag to set its point" })
    .addTo(map);
  incidentMarker.on("dragend", () => { const p = incidentMarker.getLatLng(); setPoint(p.lat, p.lng); });
  bounds.push([start.lat, start.lon]);
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
  else map.setView(bounds[0], 9);

  const useMarker = document.getElementById("use-marker");
  if (useMarker) {
    useMarker.addEventListener("click", () => {
      const p = incidentMarker.getLatLng();
      const placeForm = document.getElementById("place-form");
      placeForm.querySelector("input[name=lat]").value = p.lat.toFixed(6);
      placeForm.querySelector("input[name=lon]").value = p.lng.toFixed(6);
    });
  }

  // Place search: results as buttons; a click picks the place for the selected mention.
  const search = document.getElementById("place-search");
  const results = document.getElementById("place-results");
  const searchPick = document.getElementById("search-pick-form");
  let timer = null;
  if (search) {
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = search.value.trim();
        results.replaceChildren();
        if (!q) return;
        const response = await fetch(`${config.placesUrl}?q=${encodeURIComponent(q)}`, { credentials: "same-origin" });
        const body = await response.json();
        if (!response.ok) { const li = document.createElement("li"); li.textContent = body.error; results.append(li); return; }
        body.results.forEach((place) => {
          const li = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button"; button.className = "search-pick"; button.textContent = "Pick";
          button.addEventListener("click", () => {
            searchPick.querySelector("input[name=place]").value = place.id;
            searchPick.requestSubmit();
          });
          const label = document.createElement("span");
          label.textContent = ` ${place.name} (${place.matched_name}) · ${place.admin1 || ""} ${place.country}`;
          li.append(button, label);
          results.append(li);
        });
      }, 200);
    });
  }
})();
