// Small SVG charts drawn here (no third-party assets): a line chart over time and a bar chart by label, each with a
// legend above the plot, whole-number y ticks and a time axis in the page's language.
(function (global) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  // Drawn at about the size it is shown, so its words stay readable (12 units is about 12 px on a laptop's dashboard).
  var W = 440, H = 210, PAD = { l: 40, r: 14, t: 30, b: 30 }, FONT = 12;
  // The page's interface language, not the browser's: its way of writing a day, and its words for an empty chart.
  var settings = { day: function (t) { return new Date(t).toLocaleDateString("en-GB", { day: "numeric", month: "short" }); }, noData: "No data yet" };
  function configure(options) { Object.keys(options || {}).forEach(function (k) { settings[k] = options[k]; }); }

  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }

  function frame(label) {
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": label, class: "chart" });
    svg.appendChild(el("title", {}, label));
    return svg;
  }

  // The y axis in whole numbers (counts and seconds are never fractional here): a step of 1, 2 or 5 times a power of
  // ten, at most five steps, and the top a whole number of steps, so every tick is an integer and they are evenly spaced.
  function scale(v) {
    var m = Math.max(1, Math.ceil(v)), k = 0, step = 1;
    while (m / step > 5) { k++; step = [1, 2, 5][k % 3] * Math.pow(10, Math.floor(k / 3)); }
    return { max: Math.ceil(m / step) * step, step: step };
  }

  function axes(svg, y) {
    var x0 = PAD.l, y0 = H - PAD.b;
    svg.appendChild(el("line", { x1: x0, y1: PAD.t, x2: x0, y2: y0, stroke: "#55555c" }));
    svg.appendChild(el("line", { x1: x0, y1: y0, x2: W - PAD.r, y2: y0, stroke: "#55555c" }));
    for (var value = 0; value <= y.max; value += y.step) {
      var at = y0 - value / y.max * (y0 - PAD.t);
      if (value > 0) svg.appendChild(el("line", { x1: x0, y1: at, x2: W - PAD.r, y2: at, stroke: "#e4e4ea" }));
      svg.appendChild(el("text", { x: x0 - 6, y: at + 4, "text-anchor": "end", "font-size": FONT, fill: "#1b1b1f", class: "tick-y" }, String(value)));
    }
  }

  function timeLabel(ms) { var d = new Date(ms); return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2); }

  // Ticks on whole hours (or quarter hours over a short window) across the window, each labelled with its time, and
  // with the day on the first tick and where the day changes.
  function timeAxis(svg, from, to, x) {
    var hour = 3600000, span = Math.max(hour, to - from), every = span > 12 * hour ? 6 * hour : span > 4 * hour ? 2 * hour : 15 * 60000;
    var lastDay = null;
    for (var t = Math.ceil(from / every) * every; t <= to; t += every) {
      var day = settings.day(t), first = lastDay === null;
      var label = timeLabel(t) + (day !== lastDay ? " " + day : "");
      lastDay = day;
      svg.appendChild(el("line", { x1: x(t), y1: H - PAD.b, x2: x(t), y2: H - PAD.b + 4, stroke: "#55555c" }));
      // The first label starts at its tick, so it never runs off the left edge.
      svg.appendChild(el("text", { x: x(t), y: H - 10, "text-anchor": first && x(t) < PAD.l + 40 ? "start" : "middle", "font-size": FONT, fill: "#1b1b1f", class: "tick-x" }, label));
    }
  }

  // The legend, above the plot: a swatch and the series' name for each series.
  function legend(svg, items) {
    var at = PAD.l;
    items.forEach(function (it) {
      var g = el("g", { class: "legend-item" });
      g.appendChild(el("rect", { x: at, y: 8, width: 12, height: 12, fill: it.color }));
      g.appendChild(el("text", { x: at + 17, y: 18, "font-size": FONT, fill: "#1b1b1f" }, it.name));
      svg.appendChild(g);
      at += 34 + it.name.length * 6.8;
    });
  }

  function empty(svg) {
    svg.appendChild(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "font-size": 14, fill: "#55555c" }, settings.noData));
    return svg;
  }

  // points: [{at, value}]; from/to: ms; series: the legend's name for the values.
  function line(points, from, to, label, series, stepBars) {
    var svg = frame(label);
    if (!points.length) return empty(svg);
    var y = scale(Math.max.apply(null, points.map(function (p) { return p.value; })));
    axes(svg, y);
    var color = stepBars ? "#a1141b" : "#1f4f8a";
    legend(svg, [{ name: series, color: color }]);
    var x = function (t) { return PAD.l + (t - from) / Math.max(1, to - from) * (W - PAD.l - PAD.r); };
    var py = function (v) { return H - PAD.b - v / y.max * (H - PAD.b - PAD.t); };
    if (stepBars) {
      points.forEach(function (p) {
        svg.appendChild(el("rect", { x: x(p.at), y: py(p.value), width: Math.max(3, (W - PAD.l - PAD.r) / 48), height: H - PAD.b - py(p.value), fill: color }));
      });
    } else {
      var d = points.map(function (p, i) { return (i ? "L" : "M") + x(p.at).toFixed(1) + " " + py(p.value).toFixed(1); }).join(" ");
      svg.appendChild(el("path", { d: d, fill: "none", stroke: color, "stroke-width": 2 }));
      points.forEach(function (p) { svg.appendChild(el("circle", { cx: x(p.at), cy: py(p.value), r: 3, fill: color })); });
    }
    timeAxis(svg, from, to, x);
    return svg;
  }

  // groups: [{label, values: [{name, value, color}]}]
  function bars(groups, label) {
    var svg = frame(label);
    if (!groups.length) return empty(svg);
    var top = 1;
    groups.forEach(function (g) { g.values.forEach(function (v) { top = Math.max(top, v.value); }); });
    var y = scale(top);
    axes(svg, y);
    legend(svg, groups[0].values.map(function (v) { return { name: v.name, color: v.color }; }));
    var slot = (W - PAD.l - PAD.r) / groups.length;
    groups.forEach(function (g, i) {
      var bw = Math.min(28, slot / (g.values.length + 1));
      g.values.forEach(function (v, j) {
        var h = v.value / y.max * (H - PAD.b - PAD.t);
        var bx = PAD.l + i * slot + slot / 2 - bw * g.values.length / 2 + j * bw;
        var r = el("rect", { x: bx, y: H - PAD.b - h, width: bw - 2, height: h, fill: v.color });
        r.appendChild(el("title", {}, g.label + " " + v.name + ": " + v.value));
        svg.appendChild(r);
      });
      svg.appendChild(el("text", { x: PAD.l + i * slot + slot / 2, y: H - 10, "text-anchor": "middle", "font-size": FONT, fill: "#1b1b1f", class: "tick-x" }, g.label));
    });
    return svg;
  }

  global.HotlineCharts = { line: line, bars: bars, configure: configure };
})(window);
