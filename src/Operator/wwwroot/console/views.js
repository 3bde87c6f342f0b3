// The three views behind the tabs: cases, dashboard, supervisor.
import { $ } from "./dom.js";
import { state } from "./state.js";
import { loadDashboard } from "./dashboard.js";
import { loadSupervisor } from "./supervisor.js";

export function showView(view) {
  state.view = view;
  $("console-view").hidden = view !== "work";
  $("dashboard-view").hidden = view !== "dashboard";
  $("supervisor-view").hidden = view !== "supervisor";
  document.querySelectorAll("#tabs button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === view)));
  if (view === "dashboard") loadDashboard();
  if (view === "supervisor") loadSupervisor();
}
document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => showView(b.dataset.view)));
