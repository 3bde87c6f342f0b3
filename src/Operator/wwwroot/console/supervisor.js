// The supervisor's view: operators and their load, every case with reassign and take over, canned answers, the audit log.
import { $, text, enc, button } from "./dom.js";
import { api } from "./api.js";
import { state, isSupervisor } from "./state.js";
import { t } from "./i18n.js";
import { select, showError } from "./case-view.js";
import { showView } from "./views.js";
import { renderAgreement } from "./agreement.js";

export function loadSupervisor() {
  if (!isSupervisor()) return Promise.resolve();
  api("GET", "/api/supervisor/screening-agreement").then(renderAgreement).catch(showError);
  return Promise.all([api("GET", "/api/supervisor/overview"), api("GET", "/api/audit?last=50")]).then((r) => {
    const o = r[0], tb = document.querySelector("#ops-table tbody");
    tb.textContent = "";
    o.operators.forEach((m) => {
      const tr = document.createElement("tr"), w = m.wellbeing;
      [m.username, m.status, m.load + "/" + m.capacity, String(w.criticalThisShift), w.minutesSinceBreak + " min", w.pauseSuggested ? "pause suggested" : "ok"]
        .forEach((v, i) => tr.appendChild(text(i === 0 ? "th" : "td", v)));
      tr.firstChild.setAttribute("scope", "row");
      tb.appendChild(tr);
    });
    const cb = document.querySelector("#all-table tbody");
    cb.textContent = "";
    o.cases.forEach((c) => {
      const tr = document.createElement("tr");
      const th = text("th", c.id); th.setAttribute("scope", "row"); tr.appendChild(th);
      tr.appendChild(text("td", c.severity)); tr.appendChild(text("td", c.status)); tr.appendChild(text("td", c.holder || "—"));
      const td = document.createElement("td"), sel = document.createElement("select");
      sel.setAttribute("aria-label", "Reassign case " + c.id + " to");
      o.operators.forEach((m) => { const opt = text("option", m.username); opt.value = m.username; sel.appendChild(opt); });
      const go = button("Reassign", null, () => api("POST", "/api/supervisor/cases/" + enc(c.id) + "/assign", { to: sel.value }).then(loadSupervisor).catch(showError));
      td.appendChild(sel); td.appendChild(go); tr.appendChild(td);
      const td2 = document.createElement("td");
      const take = button("Take over", null, () => api("POST", "/api/supervisor/cases/" + enc(c.id) + "/takeover").then(() => { showView("work"); select(c.id); }).catch(showError));
      take.setAttribute("aria-label", "Take over case " + c.id);
      td2.appendChild(take); tr.appendChild(td2);
      cb.appendChild(tr);
    });
    $("canned-json").value = state.canned.map((a) => [a.id, a.language, a.title, a.text].join(" | ")).join("\n");
    const v = r[1].verification;
    $("audit-status").textContent = v.intact ? "Chain intact: " + v.entries + " entries." : "CHAIN BROKEN at " + v.brokenAt + ".";
    const ol = $("audit");
    ol.textContent = "";
    r[1].entries.slice().reverse().forEach((e) => {
      ol.appendChild(text("li", new Date(e.at).toLocaleTimeString() + " · " + e.actor + " · " + e.action + (e.caseId ? " · " + e.caseId : "") + (e.detail ? " · " + e.detail : "")));
    });
  }).catch(showError);
}

$("canned-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const answers = $("canned-json").value.split("\n").filter((l) => l.trim()).map((l) => {
    const p = l.split("|").map((s) => s.trim());
    return { id: p[0], language: p[1], title: p[2], text: p.slice(3).join(" | ") };
  });
  api("PUT", "/api/canned", { answers: answers }).then((saved) => { state.canned = saved; $("canned-status").textContent = t("saved"); })
    .catch((err) => { $("canned-status").textContent = err.message; });
});
