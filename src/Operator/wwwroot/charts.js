// Small SVG charts drawn here (no third-party assets): a line chart over time and a bar chart by label.
(function (global) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 520, H = 180, PAD = { l: 44, r: 12, t: 10, b: 28 };
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

  // The top of the y axis: a whole number with whole-number ticks (counts and seconds are never fractional here).
  function niceMax(v) {
    var m = Math.max(1, Math.ceil(v));
    if (m <= 4) return m;
    var step = Math.pow(10, Math.floor(Math.log10(m))) / 2;
    return Math.ceil(m / step) * step;
  }

  function axes(svg, maxY) {
    var x0 = PAD.l, y0 = H - PAD.b;
    svg.appendChild(el("line", { x1: x0, y1: PAD.t, x2: x0, y2: y0, stroke: "#55555c" }));
    svg.appendChild(el("line", { x1: x0, y1: y0, x2: W - PAD.r, y2: y0, stroke: "#55555c" }));
    var ticks = maxY <= 4 ? maxY : 4;
    for (var i = 0; i <= ticks; i++) {
      var value = Math.round(maxY * i / ticks), y = y0 - value / maxY * (y0 - PAD.t);
      if (i > 0) svg.appendChild(el("line", { x1: x0, y1: y, x2: W - PAD.r, y2: y, stroke: "#e4e4ea" }));
      svg.appendChild(el("text", { x: x0 - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#1b1b1f" }, String(value)));
    }
  }

  // Time ticks every few hours across the window, each labelled with its hour (and the day, on the first and where it changes).
  function timeAxis(svg, from, to, x) {
    var hour = 3600000, span = Math.max(hour, to - from), every = span > 12 * hour ? 4 * hour : span > 4 * hour ? hour : 15 * 60000;
    var lastDay = null;
    for (var t = Math.ceil(from / every) * every; t <= to; t += every) {
      var d = new Date(t), day = settings.day(t);
      var label = timeLabel(t) + (day !== lastDay ? " " + day : "");
      lastDay = day;
      svg.appendChild(el("line", { x1: x(t), y1: H - PAD.b, x2: x(t), y2: H - PAD.b + 4, stroke: "#55555c" }));
      svg.appendChild(el("text", { x: x(t), y: H - 8, "text-anchor": "middle", "font-size": 10, fill: "#1b1b1f" }, label));
    }
  }

  function legend(svg, items) {
    var at = PAD.l + 8;
    items.forEach(function (it) {
      svg.appendChild(el("rect", { x: at, y: PAD.t, width: 10, height: 10, fill: it.color }));
      var label = el("text", { x: at + 14, y: PAD.t + 9, "font-size": 11, fill: "#1b1b1f" }, it.name);
      svg.appendChild(label);
      at += 24 + it.name.length * 6.5;
    });
  }

  function empty(svg) {
    svg.appendChild(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "font-size": 13, fill: "#55555c" }, settings.noData));
    return svg;
  }

  function timeLabel(ms) { var d = new Date(ms); return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2); }

  // points: [{at, value}]; from/to: ms.
  function line(points, from, to, label, stepBars) {
    var svg = frame(label);
    if (!points.length) return empty(svg);
    var maxY = niceMax(Math.max.apply(null, points.map(function (p) { return p.value; })));
    axes(svg, maxY);
    var x = function (t) { return PAD.l + (t - from) / Math.max(1, to - from) * (W - PAD.l - PAD.r); };
    var y = function (v) { return H - PAD.b - v / maxY * (H - PAD.b - PAD.t); };
    if (stepBars) {
      points.forEach(function (p) {
        svg.appendChild(el("rect", { x: x(p.at), y: y(p.value), width: Math.max(3, (W - PAD.l - PAD.r) / 48), height: H - PAD.b - y(p.value), fill: "#a1141b" }));
      });
    } else {
      var d = points.map(function (p, i) { return (i ? "L" : "M") + x(p.at).toFixed(1) + " " + y(p.value).toFixed(1); }).join(" ");
      svg.appendChild(el("path", { d: d, fill: "none", stroke: "#1f4f8a", "stroke-width": 2 }));
      points.forEach(function (p) { svg.appendChild(el("circle", { cx: x(p.at), cy: y(p.value), r: 2.5, fill: "#1f4f8a" })); });
    }
    timeAxis(svg, from, to, x);
    return svg;
  }

  // groups: [{label, values: [{name, value, color}]}]
  function bars(groups, label) {
    var svg = frame(label);
    if (!groups.length) return empty(svg);
    var maxY = 1;
    groups.forEach(function (g) { g.values.forEach(function (v) { maxY = Math.max(maxY, v.value); }); });
    maxY = niceMax(maxY);
    axes(svg, maxY);
    legend(svg, groups[0].values.map(function (v) { return { name: v.name, color: v.color }; }));
    var slot = (W - PAD.l - PAD.r) / groups.length;
    groups.forEach(function (g, i) {
      var bw = Math.min(28, slot / (g.values.length + 1));
      g.values.forEach(function (v, j) {
        var h = v.value / maxY * (H - PAD.b - PAD.t);
        var bx = PAD.l + i * slot + slot / 2 - bw * g.values.length / 2 + j * bw;
        var r = el("rect", { x: bx, y: H - PAD.b - h, width: bw - 2, height: h, fill: v.color });
        r.appendChild(el("title", {}, g.label + " " + v.name + ": " + v.value));
        svg.appendChild(r);
      });
      svg.appendChild(el("text", { x: PAD.l + i * slot + slot / 2, y: H - 8, "text-anchor": "middle", "font-size": 11, fill: "#1b1b1f" }, g.label));
    });
    return svg;
  }

  global.HotlineCharts = { line: line, bars: bars, configure: configure };
})(window);
