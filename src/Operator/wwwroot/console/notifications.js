// Alerts for the operator: new urgent cases, offers, hand-overs, escalation stages, surge and dispatch news.
import { $, text, button } from "./dom.js";
import { showView } from "./views.js";
import { select } from "./case-view.js";

// Alerts as they reached this page (case id and time), for the latency measurement in the tests.
window.hlAlertLog = [];

export function addAlert(caseId, kind, message, conversationId) {
  window.hlAlertLog.push({ caseId: caseId, conversationId: conversationId, kind: kind, at: Date.now() });
  const li = text("li", null, "alert " + kind);
  if (caseId) li.dataset.caseId = caseId;
  li.dataset.kind = kind;
  li.appendChild(text("span", message + (caseId ? " (" + caseId + ")" : "")));
  if (caseId) li.appendChild(button("Open", null, () => { showView("work"); select(caseId); }));
  li.appendChild(button("Dismiss", "secondary", () => li.remove()));
  const list = $("alerts");
  list.insertBefore(li, list.firstChild);
  while (list.children.length > 8) list.removeChild(list.lastChild);
  return li;
}

export function removeOfferAlerts(caseId) {
  document.querySelectorAll("#alerts li.offer").forEach((li) => { if (li.dataset.caseId === caseId) li.remove(); });
}

export function clearAlerts() { $("alerts").textContent = ""; }

export function renderSurge(s) {
  const p = $("surge");
  p.hidden = !s.active;
  p.textContent = s.active ? "Surge: " + s.waiting + " urgent case" + (s.waiting === 1 ? "" : "s") + " waiting, " + s.free + " operator" + (s.free === 1 ? "" : "s") + " free. Waiting people have been told their place." : "";
}
