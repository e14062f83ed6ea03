/* Incident atlas timeline: stacked bars of incidents per day, week, month or year under the map.
 *
 * The counts come from the timeline API with the map's filters (all but the dates, so
 * the bars span the whole record). Dragging across the bars, or clicking one, sets the
 * map's date filter (so do the arrow keys and Enter, with the chart focused); the chosen
 * period stays highlighted. Drawn as SVG with DOM APIs:
 * every label is textContent, nothing is parsed as HTML.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var MARGIN = { left: 34, right: 8, top: 8, bottom: 20 };
  var UNIT_WORDS = { day: "one bar a day", week: "one bar a week", month: "one bar a month", year: "one bar a year" };
  var PERIOD_LENGTH = { month: 7, year: 4 }; // characters of the ISO date that name the period

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function label(bucket, unit) {
    if (PERIOD_LENGTH[unit]) return bucket.start.slice(0, PERIOD_LENGTH[unit]);
    return bucket.start === bucket.end ? bucket.start : bucket.start + " to " + bucket.end;
  }

  /* options: root (section), url, colours ({type: colour}), otherColour (of a type without
   * one), fetchJson(url, signal) (the map's: body or Error), onPick(from, to), onClear() */
  function create(options) {
    var chart = options.root.querySelector("svg");
    var status = options.root.querySelector("[data-timeline-status]");
    var clear = options.root.querySelector("[data-timeline-clear]");
    var data = { unit: "day", buckets: [], event_types: [], total: 0 };
    var range = { from: "", to: "" };
    var inFlight = null;
    var loadedKey = null;
    var drag = null;

    clear.addEventListener("click", function () { options.onClear(); });

    function geometry() {
      var width = chart.clientWidth || 600;
      var height = chart.clientHeight || 90;
      var n = Math.max(data.buckets.length, 1);
      var plot = Math.max(width - MARGIN.left - MARGIN.right, 10);
      return { width: width, height: height, n: n, step: plot / n, plotHeight: height - MARGIN.top - MARGIN.bottom };
    }

    function indexAt(clientX) {
      var g = geometry();
      var x = clientX - chart.getBoundingClientRect().left - MARGIN.left;
      return Math.min(g.n - 1, Math.max(0, Math.floor(x / g.step)));
    }

    function selected(bucket) {
      return (!range.from || bucket.end >= range.from) && (!range.to || bucket.start <= range.to);
    }

    function draw() {
      while (chart.firstChild) chart.removeChild(chart.firstChild);
      var ranged = Boolean(range.from || range.to);
      clear.hidden = !ranged;
      // No viewBox: user units are CSS pixels, so pointer positions map straight onto
      // buckets; a resize redraws instead of scaling.
      var g = geometry();
      var max = data.buckets.reduce(function (m, b) { return Math.max(m, b.total); }, 0);
      if (!data.buckets.length) return;

      var axis = svgEl("line", {
        x1: MARGIN.left, x2: g.width - MARGIN.right,
        y1: MARGIN.top + g.plotHeight, y2: MARGIN.top + g.plotHeight, class: "atlas-tl-axis"
      });
      chart.appendChild(axis);
      var top = svgEl("text", { x: MARGIN.left - 4, y: MARGIN.top + 8, class: "atlas-tl-tick", "text-anchor": "end" });
      top.textContent = String(max);
      chart.appendChild(top);

      data.buckets.forEach(function (bucket, i) {
        var group = svgEl("g", {
          class: "atlas-tl-bucket" + (ranged ? (selected(bucket) ? " is-selected" : " is-dimmed") : ""),
          "data-start": bucket.start, "data-end": bucket.end
        });
        var x = MARGIN.left + i * g.step;
        var width = Math.max(g.step - (g.step > 4 ? 1 : 0), 1);
        // The whole column catches the pointer, so thin or empty bars are easy to pick.
        group.appendChild(svgEl("rect", {
          x: x, y: MARGIN.top, width: g.step, height: g.plotHeight, class: "atlas-tl-hit"
        }));
        var y = MARGIN.top + g.plotHeight;
        var parts = [];
        data.event_types.forEach(function (type) {
          var n = bucket.counts[type] || 0;
          if (!n) return;
          var h = max ? (n / max) * g.plotHeight : 0;
          y -= h;
          group.appendChild(svgEl("rect", {
            x: x, y: y, width: width, height: h, fill: options.colours[type] || options.otherColour, class: "atlas-tl-bar"
          }));
          parts.push(type + " " + n);
        });
        var title = svgEl("title");
        title.textContent = label(bucket, data.unit) + ": " + bucket.total +
          (bucket.total === 1 ? " incident" : " incidents") + (parts.length ? " (" + parts.join(", ") + ")" : "");
        group.appendChild(title);
        chart.appendChild(group);
      });

      // Period labels under the axis: at least 110 px apart; the first and the last are
      // always there, aligned with the plot's edges so they are never cut off.
      var every = Math.max(1, Math.ceil(110 / g.step));
      var last = data.buckets.length - 1;
      var shown = [];
      for (var k = 0; k <= last; k += every) shown.push(k);
      if (shown[shown.length - 1] !== last) {
        if (shown.length > 1 && (last + 0.5 - shown[shown.length - 1]) * g.step < 100) shown.pop();
        shown.push(last);
      }
      shown.forEach(function (i) {
        var anchor = i === 0 ? "start" : i === last ? "end" : "middle";
        var x = MARGIN.left + (i === 0 ? 0 : i === last ? i + 1 : i + 0.5) * g.step;
        var tick = svgEl("text", { x: x, y: g.height - 5, class: "atlas-tl-tick", "text-anchor": anchor });
        var bucket = data.buckets[i];
        tick.textContent = PERIOD_LENGTH[data.unit] ? bucket.start.slice(0, PERIOD_LENGTH[data.unit]) : bucket.start;
        chart.appendChild(tick);
      });

      if (drag) {
        var lo = Math.min(drag.from, drag.to);
        var hi = Math.max(drag.from, drag.to);
        chart.appendChild(svgEl("rect", {
          x: MARGIN.left + lo * g.step, y: MARGIN.top, width: (hi - lo + 1) * g.step,
          height: g.plotHeight, class: "atlas-tl-brush"
        }));
      }
    }

    function describe() {
      var text = data.total === 0
        ? "No incidents in view."
        : data.total + (data.total === 1 ? " incident" : " incidents") + " in view over all dates, " + UNIT_WORDS[data.unit] +
          "; drag across the bars to pick a period.";
      status.textContent = text;
      chart.setAttribute("aria-label", "Timeline: " + text);
    }

    chart.addEventListener("pointerdown", function (event) {
      if (!data.buckets.length || event.button !== 0) return;
      var i = indexAt(event.clientX);
      drag = { from: i, to: i };
      chart.setPointerCapture(event.pointerId);
      draw();
    });
    chart.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var i = indexAt(event.clientX);
      if (i !== drag.to) {
        drag.to = i;
        draw();
      }
    });
    function pick() {
      var lo = Math.min(drag.from, drag.to);
      var hi = Math.max(drag.from, drag.to);
      drag = null;
      options.onPick(data.buckets[lo].start, data.buckets[hi].end);
    }
    chart.addEventListener("pointerup", function (event) {
      if (!drag) return;
      if (chart.hasPointerCapture(event.pointerId)) chart.releasePointerCapture(event.pointerId);
      pick();
    });
    chart.addEventListener("pointercancel", function () { drag = null; draw(); });

    // Keyboard: the arrows move a one-bar brush, Shift+arrows stretch it, Enter picks the
    // period, Escape drops the brush. The status line reads the brushed period out.
    chart.addEventListener("keydown", function (event) {
      if (!data.buckets.length) return;
      var last = data.buckets.length - 1;
      if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
        var step = event.key === "ArrowLeft" ? -1 : 1;
        if (!drag) {
          var start = step > 0 ? 0 : last;
          drag = { from: start, to: start };
        } else {
          drag.to = Math.min(last, Math.max(0, drag.to + step));
          if (!event.shiftKey) drag.from = drag.to;
        }
        event.preventDefault();
        draw();
        var lo = data.buckets[Math.min(drag.from, drag.to)];
        var hi = data.buckets[Math.max(drag.from, drag.to)];
        var count = data.buckets.slice(Math.min(drag.from, drag.to), Math.max(drag.from, drag.to) + 1)
          .reduce(function (n, b) { return n + b.total; }, 0);
        status.textContent = (lo === hi ? label(lo, data.unit) : lo.start + " to " + hi.end) + ": " + count +
          (count === 1 ? " incident" : " incidents") + "; Enter picks this period.";
      } else if ((event.key === "Enter" || event.key === " ") && drag) {
        event.preventDefault();
        pick();
      } else if (event.key === "Escape" && drag) {
        drag = null;
        draw();
        describe();
      }
    });
    chart.addEventListener("blur", function () {
      if (!drag) return;
      drag = null;
      draw();
      describe();
    });

    // Redraw when the chart's box changes (window resize, panel layout), not by scaling.
    var size = { width: 0, height: 0 };
    new ResizeObserver(function () {
      if (chart.clientWidth === size.width && chart.clientHeight === size.height) return;
      size = { width: chart.clientWidth, height: chart.clientHeight };
      draw();
    }).observe(chart);

    return {
      buckets: function () { return data.buckets; },
      /* params: URLSearchParams of the map's filters, or null for "nothing selected" */
      load: function (params, dates) {
        range = dates;
        // The bars do not depend on the dates: a new date window only moves the highlight.
        var query = params ? new URLSearchParams(params) : null;
        if (query) { query.delete("date_from"); query.delete("date_to"); }
        var key = query ? query.toString() : null;
        if (key !== null && key === loadedKey) {
          draw();
          return;
        }
        if (inFlight) inFlight.abort();
        loadedKey = null;
        if (!params) {
          data = { unit: "day", buckets: [], event_types: [], total: 0 };
          draw();
          describe();
          return;
        }
        inFlight = new AbortController();
        options.fetchJson(options.url + "?" + key, inFlight.signal)
          .then(function (body) {
            data = body;
            loadedKey = key;
            drag = null; // its bar indexes belong to the old bars
            draw();
            describe();
          })
          .catch(function (error) {
            if (error.name === "AbortError") return;
            status.textContent = "Timeline unavailable: " + error.message;
          });
      }
    };
  }

  window.AtlasTimeline = { create: create };
})();
