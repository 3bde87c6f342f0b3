// The dashboard: queue length, waiting time by severity, missed deadlines and dispatch acknowledgement, last 24 hours.
import { $ } from "./dom.js";
import { api } from "./api.js";

function put(id, svg) { const el = $(id); el.textContent = ""; el.appendChild(svg); }

export function loadDashboard() {
  return api("GET", "/api/dashboard").then((d) => {
    put("chart-queue", HotlineCharts.line(d.queueLength.map((p) => ({ at: p.at, value: p.value })), d.from, d.to, "Queue length over the last 24 hours"));
    put("chart-wait", HotlineCharts.bars(d.waitBySeverity.map((w) => ({
      label: w.severity + " (" + w.count + ")",
      values: [{ name: "median", value: Math.round(w.medianSeconds), color: "#1f4f8a" }, { name: "p90", value: Math.round(w.p90Seconds), color: "#b34700" }]
    })), "Waiting time before claim by severity"));
    put("chart-missed", HotlineCharts.line(d.missedDeadlinesPerHour, d.from, d.to, "Deadlines missed per hour", true));
    $("missed-total").textContent = "(" + d.missedDeadlines + " in all)";
    put("chart-dispatch", HotlineCharts.line(d.dispatchSeconds, d.from, d.to, "Seconds from dispatch confirmation to acknowledgement"));
    $("dispatch-median").textContent = d.dispatchMedianSeconds != null ? "(median " + Math.round(d.dispatchMedianSeconds) + " s)" : "";
  });
}
