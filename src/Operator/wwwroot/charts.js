// Small SVG charts drawn here (no third-party assets): a line chart over time and a bar chart by label.
(function (global) {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 520, H = 180, PAD = { l: 44, r: 12, t: 10, b: 28 };

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

  function axes(svg, maxY) {
    var x0 = PAD.l, y0 = H - PAD.b;
    svg.appendChild(el("line", { x1: x0, y1: PAD.t, x2: x0, y2: y0, stroke: "#55555c" }));
    svg.appendChild(el("line", { x1: x0, y1: y0, x2: W - PAD.r, y2: y0, stroke: "#55555c" }));
    [0, 0.5, 1].forEach(function (f) {
      var y = y0 - f * (y0 - PAD.t);
      svg.appendChild(el("text", { x: x0 - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#1b1b1f" }, String(Math.round(maxY * f * 10) / 10)));
    });
  }

  function empty(svg) {
    svg.appendChild(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "font-size": 13, fill: "#55555c" }, "No data yet"));
    return svg;
  }

  function timeLabel(ms) { var d = new Date(ms); return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2); }

  // points: [{at, value}]; from/to: ms.
  function line(points, from, to, label, stepBars) {
    var svg = frame(label);
    if (!points.length) return empty(svg);
    var maxY = Math.max(1, Math.max.apply(null, points.map(function (p) { return p.value; })));
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
    svg.appendChild(el("text", { x: PAD.l, y: H - 8, "font-size": 11, fill: "#1b1b1f" }, timeLabel(from)));
    svg.appendChild(el("text", { x: W - PAD.r, y: H - 8, "text-anchor": "end", "font-size": 11, fill: "#1b1b1f" }, timeLabel(to)));
    return svg;
  }

  // groups: [{label, values: [{name, value, color}]}]
  function bars(groups, label) {
    var svg = frame(label);
    if (!groups.length) return empty(svg);
    var maxY = 1;
    groups.forEach(function (g) { g.values.forEach(function (v) { maxY = Math.max(maxY, v.value); }); });
    axes(svg, maxY);
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

  global.HotlineCharts = { line: line, bars: bars };
})(window);
