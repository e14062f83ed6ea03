/* Incident atlas: what the map shows about an incident or a cell, built with DOM APIs.
 *
 * Report text is untrusted: every node is made with createElement and textContent, never
 * innerHTML, and links are only emitted for http(s) URLs. Labels (event types, colours,
 * geo_precision words) come from the page's #atlas-taxonomy JSON, passed in.
 */
(function () {
  "use strict";

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

  function plural(n, one, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? one : many || one + "s");
  }

  // One line per report the incident is linked to: publisher, date, and a link.
  function sources(reports) {
    var list = el("ul", "atlas-popup-sources");
    reports.forEach(function (report) {
      var item = el("li", "atlas-popup-source");
      var label = report.publisher || report.title || "Source";
      var href = safeHttpUrl(report.url);
      var node = href ? el("a", null, label) : el("span", null, label);
      if (href) {
        node.href = href;
        node.target = "_blank";
        node.rel = "noopener noreferrer";
      }
      if (report.title) node.title = report.title;
      item.appendChild(node);
      if (report.date) item.appendChild(el("span", "atlas-popup-source-date", " · " + report.date));
      list.appendChild(item);
    });
    return list;
  }

  function incident(p, taxonomy) {
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
    if (p.place) meta.appendChild(el("span", "atlas-popup-location", p.place));
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
    fact("Precision", taxonomy.geoPrecision[p.geo_precision] || p.geo_precision);
    if (p.radius_km) fact("Within", p.radius_km + " km");
    fact("Review", p.review_status.replace("_", " "));
    root.appendChild(facts);
    root.appendChild(el("div", "atlas-popup-sources-head", p.reports.length === 1 ? "Report" : plural(p.reports.length, "report")));
    root.appendChild(sources(p.reports));
    return root;
  }

  // A cell of the grid: a disc sized by its count, its ring split by event type.
  function colourOf(type, taxonomy) {
    return taxonomy.eventColours[type] || taxonomy.otherColour;
  }

  // A cell's counts follow the answer's event types (map_data.py): [[type, n], ...] of those present.
  function cellCounts(cell, types) {
    return types.map(function (type, i) { return [type, cell.counts[i]]; })
      .filter(function (pair) { return pair[1] > 0; });
  }

  function cellIcon(cell, types, taxonomy) {
    var size = Math.min(42, Math.round(22 + 5 * Math.log10(Math.max(cell.n, 1)))); // within a cell
    var stops = [];
    var from = 0;
    cellCounts(cell, types).forEach(function (pair) {
      var to = from + (pair[1] / cell.n) * 360;
      stops.push(colourOf(pair[0], taxonomy) + " " + from.toFixed(1) + "deg " + to.toFixed(1) + "deg");
      from = to;
    });
    var node = el("div", "atlas-cell");
    node.style.width = node.style.height = size + "px";
    node.style.background = "conic-gradient(" + stops.join(", ") + ")";
    var label = el("span", "atlas-cell-count", cell.n.toLocaleString("en"));
    label.setAttribute("data-n", String(cell.n));
    node.appendChild(label);
    return L.divIcon({ html: node, className: "atlas-cell-icon", iconSize: [size, size] });
  }

  function cellTooltip(cell, types, taxonomy) {
    var root = el("div", "atlas-cell-tip");
    root.appendChild(el("strong", null, plural(cell.n, "incident")));
    cellCounts(cell, types).forEach(function (pair) {
      var row = el("div", "atlas-legend-row");
      var swatch = el("span", "atlas-swatch");
      swatch.style.background = colourOf(pair[0], taxonomy);
      row.appendChild(swatch);
      row.appendChild(el("span", null, pair[0] + ": " + pair[1].toLocaleString("en")));
      root.appendChild(row);
    });
    root.appendChild(el("div", "atlas-cell-hint", "Click to zoom in"));
    return root;
  }

  function areaTooltip(name, area) {
    var root = el("div", "atlas-area-tip");
    root.appendChild(el("strong", null, name));
    root.appendChild(el("div", null, area ? plural(area.count, "incident") + ", " + plural(area.fatalities, "fatality", "fatalities") : "No incidents"));
    return root;
  }

  function legend(taxonomy) {
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
    box.appendChild(el("div", "atlas-legend-title", "Where"));
    Object.keys(taxonomy.geoPrecision).forEach(function (code) {
      var row = el("div", "atlas-legend-row");
      row.appendChild(el("span", "atlas-legend-precision atlas-precision-" + code));
      row.appendChild(el("span", null, taxonomy.geoPrecision[code]));
      box.appendChild(row);
    });
    var ring = el("div", "atlas-legend-row");
    ring.appendChild(el("span", "atlas-legend-area"));
    ring.appendChild(el("span", null, "area it happened in (radius or governorate on hover)"));
    box.appendChild(ring);
    var cell = el("div", "atlas-legend-row");
    cell.appendChild(el("span", "atlas-legend-cell"));
    cell.appendChild(el("span", null, "exact count in a grid cell, by type"));
    box.appendChild(cell);
    var border = el("div", "atlas-legend-row");
    border.appendChild(el("span", "atlas-legend-border"));
    border.appendChild(el("span", null, "Iraq–Syria border"));
    box.appendChild(border);
    return box;
  }

  window.AtlasPopup = {
    el: el, safeHttpUrl: safeHttpUrl, plural: plural, incident: incident,
    cellIcon: cellIcon, cellTooltip: cellTooltip, areaTooltip: areaTooltip, legend: legend
  };
})();
