// The live connection (SignalR): case changes, offers, hand-overs, escalation stages, surge, dispatch news, typing.
import { $, text } from "./dom.js";
import { state, isSupervisor } from "./state.js";
import { renderQueue, loadQueue, remember } from "./queue.js";
import { refreshSelected, decline } from "./case-view.js";
import { addAlert, removeOfferAlerts, renderSurge } from "./notifications.js";
import { showPersonTyping } from "./transcript.js";
import { refreshMe } from "./session.js";
import { loadSupervisor } from "./supervisor.js";

export function connectHub() {
  const hub = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/console", { accessTokenFactory: () => state.token })
    .withAutomaticReconnect()
    .build();
  hub.on("caseChanged", (c) => {
    const isNew = !state.cases[c.id];
    remember(c);
    if (c.status !== "open") removeOfferAlerts(c.id);
    if (isNew && c.status === "open" && (c.severity === "critical" || c.severity === "high")) {
      addAlert(c.id, "new", "New " + c.severity + " case waiting: " + (c.categories.join(", ") || "uncategorised") + " (" + c.language + ", " + c.channel + ")", c.conversationId);
    }
    renderQueue();
    if (state.selected === c.id) refreshSelected();
    if (state.view === "supervisor") loadSupervisor();
  });
  hub.on("offered", (m) => {
    const li = addAlert(m.caseId, "offer", "A case is offered to you first: claim it if you can, or decline it so a colleague is asked at once.");
    const no = text("button", "Decline", "secondary");
    no.type = "button";
    no.addEventListener("click", () => decline(m.caseId));
    li.insertBefore(no, li.lastChild);
    if (state.selected === m.caseId) refreshSelected();
  });
  hub.on("offerWithdrawn", (m) => {
    removeOfferAlerts(m.caseId);
    if (state.selected === m.caseId) refreshSelected();
  });
  hub.on("handedTo", (m) => addAlert(m.caseId, "handed", m.by + " handed you a case."));
  hub.on("alert", (m) => {
    const what = m.stage === 1 ? "Deadline missed: nobody has claimed this case. Every online operator is alerted."
      : m.stage === 2 ? "Still unclaimed: supervisors are alerted." : "Still unclaimed: the on-call supervisor was alerted by SMS.";
    addAlert(m.caseId, "stage" + m.stage, what);
  });
  hub.on("surge", (s) => { renderSurge(s); if (s.active && isSupervisor()) addAlert(null, "surge", "Surge: more urgent cases than free operators."); });
  hub.on("dispatch", (m) => {
    if (state.selected === m.caseId) refreshSelected();
    addAlert(m.caseId, "dispatch", "Dispatch news on this case.");
  });
  hub.on("personTyping", (m) => showPersonTyping(m.caseId));
  hub.onreconnecting(() => { $("live").textContent = "Reconnecting…"; });
  hub.onreconnected(() => { $("live").textContent = "Live"; loadQueue(); });
  state.hub = hub;
  return hub.start().then(() => { $("live").textContent = "Live"; return refreshMe(); });
}
