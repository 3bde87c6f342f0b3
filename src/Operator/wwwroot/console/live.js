// The live connection (SignalR): case changes, offers, hand-overs, escalation stages, surge, dispatch news, typing.
import { $ } from "./dom.js";
import { state, isSupervisor } from "./state.js";
import { t } from "./i18n.js";
import { severityName } from "./labels.js";
import { renderQueue, loadQueue, remember } from "./queue.js";
import { refreshSelected } from "./case-view.js";
import { addAlert, caseNoLongerWaiting, removeOfferAlerts, renameAlerts, renderSurge } from "./notifications.js";
import { showPersonTyping, setReplyState } from "./transcript.js";
import { refreshMe } from "./session.js";
import { loadSupervisor } from "./supervisor.js";

export function connectHub() {
  const hub = new signalR.HubConnectionBuilder()
    // After a reload the session cookie authenticates; a cookie-authenticated POST (negotiate) needs the header.
    // "rows=several": this page takes "casesChanged"; a page without it gets each row as "caseChanged".
    .withUrl("/hubs/console?rows=several", state.token ? { accessTokenFactory: () => state.token } : { headers: { "X-Hotline-Request": "1" } })
    .withAutomaticReconnect()
    .build();
  hub.on("presenceChanged", () => { refreshMe().catch(() => {}); });
  // One case's new row, or several cases' rows in one message (the relay sends those of one read together).
  hub.on("caseChanged", (c) => casesChanged([c]));
  hub.on("casesChanged", casesChanged);
  hub.on("offered", (m) => {
    addAlert(m.caseId, "offer", () => t("alertOffer"));
    if (state.selected === m.caseId) refreshSelected();
  });
  hub.on("offerWithdrawn", (m) => {
    removeOfferAlerts(m.caseId);
    if (state.selected === m.caseId) refreshSelected();
  });
  hub.on("handedTo", (m) => addAlert(m.caseId, "handed", () => t("alertHanded", { who: m.by })));
  hub.on("alert", (m) => addAlert(m.caseId, "stage" + m.stage, () => t("alertStage" + Math.min(3, Math.max(1, m.stage)))));
  hub.on("auditBroken", (m) => { if (isSupervisor()) addAlert(null, "audit", () => t("alertAuditBroken", { at: m.brokenAt })); });
  hub.on("surge", (s) => { renderSurge(s); if (s.active && isSupervisor()) addAlert(null, "surge", () => t("alertSurge")); });
  hub.on("dispatch", (m) => {
    if (state.selected === m.caseId) refreshSelected();
    addAlert(m.caseId, "dispatch", () => t("alertDispatch"));
  });
  hub.on("personTyping", (m) => showPersonTyping(m.caseId));
  hub.on("replyState", (m) => {
    const c = state.cases[state.selected] || (state.detail && state.detail.case);
    if (c && c.conversationId === m.conversationId) setReplyState(m.seq, m.state);
  });
  hub.onreconnecting(() => { $("live").textContent = t("reconnecting"); });
  hub.onreconnected(() => { $("live").textContent = t("live"); loadQueue(); });
  state.hub = hub;
  return hub.start().then(() => { $("live").textContent = t("live"); return refreshMe(); });
}

function caseChanged(c) {
  const isNew = !state.cases[c.id];
  remember(c);
  if (c.status !== "open") caseNoLongerWaiting(c.id);
  if (isNew && c.status === "open" && (c.severity === "critical" || c.severity === "high")) {
    addAlert(c.id, "new", () => t("alertNew", { sev: severityName(c.severity).toLowerCase() }), c.conversationId);
  } else renameAlerts(c.id);
}

function casesChanged(cases) {
  cases.forEach(caseChanged);
  renderQueue();
  if (cases.some((c) => c.id === state.selected)) refreshSelected();
  if (state.view === "supervisor") loadSupervisor();
}
