// The queue: waiting cases first, by severity then waiting time (the server's order), then the cases colleagues hold.
import { $, text } from "./dom.js";
import { api } from "./api.js";
import { state, knownCases } from "./state.js";
import { select } from "./case-view.js";

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, none: 4 };

export function loadQueue() {
  return api("GET", "/api/cases").then((list) => {
    state.cases = {};
    list.forEach((c) => { state.cases[c.id] = c; });
    renderQueue();
  });
}

/** A case as the server reports it: kept while open or held, forgotten once closed. */
export function remember(c) {
  if (c.status === "closed") delete state.cases[c.id]; else state.cases[c.id] = c;
}

function ordered() {
  return knownCases().sort((a, b) => {
    const waitingA = a.status === "open" ? 0 : 1, waitingB = b.status === "open" ? 0 : 1;
    return waitingA - waitingB || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || new Date(a.openedAt) - new Date(b.openedAt);
  });
}

function waited(c) {
  const s = Math.max(0, Math.round((Date.now() - new Date(c.openedAt)) / 1000));
  return s < 120 ? s + " s" : Math.round(s / 60) + " min";
}

// A waiting case's place: its rank among waiting cases, in the order the server's queue keeps (severity, then waiting time).
function places(list) {
  const place = {};
  let n = 0;
  list.forEach((c) => { if (c.status === "open") place[c.id] = ++n; });
  return place;
}

export function renderQueue() {
  const list = ordered(), ul = $("queue"), place = places(list);
  ul.textContent = "";
  $("queue-count").textContent = "(" + list.length + ")";
  $("queue-empty").hidden = list.length > 0;
  list.forEach((c) => {
    const li = document.createElement("li"), b = document.createElement("button");
    b.type = "button";
    b.dataset.caseId = c.id;
    if (place[c.id]) b.dataset.place = String(place[c.id]);
    if (state.selected === c.id) b.setAttribute("aria-current", "true");
    const line1 = document.createElement("span");
    line1.appendChild(text("span", c.severity, "sev " + c.severity));
    line1.appendChild(document.createTextNode(" " + (c.categories.join(", ") || "uncategorised") + (c.minor ? " · minor" : "")));
    const line2 = text("span", c.channel + " · " + c.language + " · " + (c.status === "open" ? "place " + place[c.id] + " · waiting " + waited(c) : "held by " + c.holder), "muted");
    b.appendChild(line1); b.appendChild(line2);
    b.addEventListener("click", () => select(c.id));
    li.appendChild(b); ul.appendChild(li);
  });
}
setInterval(() => { if (state.token && state.view === "work") renderQueue(); }, 15000);
