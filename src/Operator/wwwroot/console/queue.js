// The left pane: the queue (waiting cases first, by severity then waiting time, the server's order, then the cases
// colleagues hold), the operator's own cases, recently closed ones, and search by case code or id.
import { $, text, enc, keepingFocus } from "./dom.js";
import { api } from "./api.js";
import { state, knownCases } from "./state.js";
import { t, onLanguageChange, formatTime } from "./i18n.js";
import { caseRef, severityName, categoriesText, channelName, languageName } from "./labels.js";
import { select, showError } from "./case-view.js";

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, none: 4 };
let list = "queue";          // which list the pane shows: queue, mine, closed, or search results
let closed = [];             // recently closed cases, as the server listed them
let found = null;            // search results, or null when not searching

export function loadQueue() {
  return api("GET", "/api/cases").then((cases) => {
    state.cases = {};
    cases.forEach((c) => { state.cases[c.id] = c; });
    renderQueue();
  });
}

/** A case as the server reports it: kept while open or held, forgotten once closed. */
export function remember(c) {
  if (c.status === "closed") delete state.cases[c.id]; else state.cases[c.id] = c;
}

function ordered(cases) {
  return cases.slice().sort((a, b) => {
    const waitingA = a.status === "open" ? 0 : 1, waitingB = b.status === "open" ? 0 : 1;
    return waitingA - waitingB || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
      || (a.sharedNetwork ? 1 : 0) - (b.sharedNetwork ? 1 : 0) || new Date(a.openedAt) - new Date(b.openedAt);
  });
}

function waited(c) {
  const s = Math.max(0, Math.round((Date.now() - new Date(c.openedAt)) / 1000));
  return s < 120 ? s + " s" : Math.round(s / 60) + " min";
}

// A waiting case's place: its rank among waiting cases, in the order the server's queue keeps (severity, then cases of a
// network over its case budget after the others, then waiting time).
function places(cases) {
  const place = {};
  let n = 0;
  cases.forEach((c) => { if (c.status === "open") place[c.id] = ++n; });
  return place;
}

/** The cases the pane lists now, in order. */
export function visibleCases() {
  if (found) return found;
  if (list === "closed") return closed;
  const all = ordered(knownCases());
  return list === "mine" ? all.filter((c) => c.holder === state.me) : all;
}

// The row of a case, found again after the list is drawn anew.
const rowOf = (id) => "button[data-case-id='" + CSS.escape(id) + "']";

/** Draws the list again (a case arrived or changed); a row that had the focus keeps it, as the same case's row. */
export function renderQueue() {
  const ul = $("queue");
  keepingFocus(ul, (el) => el.dataset.caseId ? rowOf(el.dataset.caseId) : null, () => drawQueue(ul));
}

function drawQueue(ul) {
  const cases = visibleCases(), place = places(ordered(knownCases()));
  ul.textContent = "";
  $("queue-count").textContent = "(" + cases.length + ")";
  $("queue-empty").hidden = cases.length > 0;
  $("queue-empty").textContent = t(found ? "searchEmpty" : list === "mine" ? "mineEmpty" : list === "closed" ? "closedEmpty" : "queueEmpty");
  cases.forEach((c) => {
    const li = document.createElement("li"), b = document.createElement("button");
    b.type = "button";
    b.dataset.caseId = c.id;
    if (place[c.id]) b.dataset.place = String(place[c.id]);
    if (state.selected === c.id) b.setAttribute("aria-current", "true");
    const line1 = document.createElement("span");
    line1.appendChild(text("span", severityName(c.severity), "sev " + c.severity));
    line1.appendChild(document.createTextNode(" "));
    line1.appendChild(text("span", caseRef(c.id), "ref"));
    line1.appendChild(document.createTextNode(" " + categoriesText(c.categories) + (c.requestedHuman ? " · " + t("askedPerson") : "") + (c.sharedNetwork ? " · " + t("sharedNetwork") : "")));
    const where = c.status === "open" ? t("place", { n: place[c.id] }) + " · " + t("waiting", { t: waited(c) })
      : c.status === "closed" ? t("closedAt", { t: c.closedAt ? formatTime(c.closedAt) : "" })
      : t("heldBy", { who: c.holder });
    const line2 = text("span", channelName(c.channel) + " · " + languageName(c.language) + " · " + where, "muted");
    b.appendChild(line1); b.appendChild(line2);
    b.addEventListener("click", () => select(c.id));
    li.appendChild(b); ul.appendChild(li);
  });
}
setInterval(() => { if (state.signedIn && state.view === "work") renderQueue(); }, 15000);
onLanguageChange(() => { if (state.signedIn) renderQueue(); });

function showList(name) {
  list = name;
  found = null;
  $("search").value = "";
  document.querySelectorAll(".lists button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.list === name)));
  if (name === "closed") {
    return api("GET", "/api/cases/closed").then((cases) => { closed = cases; renderQueue(); }).catch(showError);
  }
  renderQueue();
  return Promise.resolve();
}
document.querySelectorAll(".lists button").forEach((b) => b.addEventListener("click", () => showList(b.dataset.list)));

let searchTimer = null;
$("search").addEventListener("input", () => {
  clearTimeout(searchTimer);
  const q = $("search").value.trim();
  if (!q) { found = null; renderQueue(); return; }
  searchTimer = setTimeout(() => {
    api("GET", "/api/cases/search?q=" + enc(q)).then((cases) => {
      if ($("search").value.trim() !== q) return;
      found = cases;
      renderQueue();
    }).catch(showError);
  }, 250);
});

/** Moves the selection one row down (+1) or up (-1) in the list shown. */
export function moveSelection(step) {
  const cases = visibleCases();
  if (!cases.length) return;
  const at = cases.findIndex((c) => c.id === state.selected);
  const next = cases[Math.min(cases.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
  // The row takes the focus at once (select draws the list before it fetches the case); later redraws keep it there.
  select(next.id);
  const row = $("queue").querySelector(rowOf(next.id));
  if (row) row.focus();
}
