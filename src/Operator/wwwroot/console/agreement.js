// The supervisor's section "Screener and operators": agreement between the screener's rating and the operators'
// corrections, by language, category and the operator's severity. Figures only; no message text reaches it.
import { text } from "./dom.js";
import { t } from "./i18n.js";

const percent = (rate) => Math.round(rate * 100) + "%";

export function renderAgreement(report) {
  const summary = document.getElementById("agreement-summary");
  const body = document.querySelector("#agreement-table tbody");
  if (!summary || !body) return;
  summary.textContent = report.rated === 0
    ? t("agreementNone")
    : t("agreementSummary", { n: report.rated, agree: report.agree, rate: percent(report.rate) });
  body.textContent = "";
  [[t("fLanguage"), report.byLanguage], [t("agreementCategory"), report.byCategory], [t("operatorSeverity"), report.bySeverity]].forEach(([group, rows]) => {
    rows.forEach((row) => {
      const tr = document.createElement("tr");
      const th = text("th", group + ": " + row.key); th.setAttribute("scope", "row"); tr.appendChild(th);
      [String(row.cases), row.agree + " (" + percent(row.rate) + ")", String(row.missed), String(row.extra)].forEach((v) => tr.appendChild(text("td", v)));
      body.appendChild(tr);
    });
  });
}
