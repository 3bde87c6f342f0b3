// The dashboard: queue length, waiting time by severity, missed deadlines and dispatch acknowledgement, last 24 hours,
// with its words and dates in the interface language.
import { $ } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { t, formatDay, onLanguageChange } from "./i18n.js";
import { severityName } from "./labels.js";

function put(id, svg) { const el = $(id); el.textContent = ""; el.appendChild(svg); }

let last = null;

function draw(d) {
  HotlineCharts.configure({ day: formatDay, noData: t("noData") });
  put("chart-queue", HotlineCharts.line(d.queueLength.map((p) => ({ at: p.at, value: p.value })), d.from, d.to, t("chartQueueLabel"), t("seriesQueue")));
  put("chart-wait", HotlineCharts.bars(d.waitBySeverity.map((w) => ({
    label: severityName(w.severity) + " (" + w.count + ")",
    values: [{ name: t("median"), value: Math.round(w.medianSeconds), color: "#1f4f8a" }, { name: t("p90"), value: Math.round(w.p90Seconds), color: "#b34700" }]
  })), t("chartWaitLabel")));
  put("chart-missed", HotlineCharts.line(d.missedDeadlinesPerHour, d.from, d.to, t("chartMissed"), t("seriesMissed"), true));
  $("missed-total").textContent = t("inAll", { n: d.missedDeadlines });
  put("chart-dispatch", HotlineCharts.line(d.dispatchSeconds, d.from, d.to, t("chartDispatchLabel"), t("seriesDispatch")));
  $("dispatch-median").textContent = d.dispatchMedianSeconds != null ? t("medianSeconds", { n: Math.round(d.dispatchMedianSeconds) }) : "";
}

export function loadDashboard() {
  return api("GET", "/api/dashboard").then((d) => { last = d; draw(d); });
}

onLanguageChange(() => { if (last && state.view === "dashboard") draw(last); });
