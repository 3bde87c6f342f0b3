// The supervisor's view: operators and their load, every case with reassign and take over, canned answers, the audit log.
import { $, text, enc, button, keepingFocus } from "./dom.js";
import { api } from "./api.js";
import { state, isSupervisor } from "./state.js";
import { t, formatTime, currentLanguage, onLanguageChange } from "./i18n.js";
import { caseRef, severityName, statusName, categoryName, channelName, languageName } from "./labels.js";
import { select, showError } from "./case-view.js";
import { showView } from "./views.js";
import { renderAgreement } from "./agreement.js";
import { openContact } from "./facts.js";

export function loadSupervisor() {
  if (!isSupervisor()) return Promise.resolve();
  api("GET", "/api/supervisor/screening-agreement").then(renderAgreement).catch(showError);
  loadStatistics();
  return Promise.all([api("GET", "/api/supervisor/overview"), api("GET", "/api/audit?last=50")]).then((r) => {
    const o = r[0], tb = document.querySelector("#ops-table tbody");
    tb.textContent = "";
    o.operators.forEach((m) => {
      const tr = document.createElement("tr"), w = m.wellbeing;
      [m.username, t(m.status), m.load + "/" + m.capacity, String(w.criticalThisShift), w.minutesSinceBreak + " min", w.pauseSuggested ? t("pauseSuggested") : t("ok")]
        .forEach((v, i) => tr.appendChild(text(i === 0 ? "th" : "td", v)));
      tr.firstChild.setAttribute("scope", "row");
      tb.appendChild(tr);
    });
    const cb = document.querySelector("#all-table tbody");
    // Drawn again whenever a case changes: a control that had the focus keeps it, a colleague chosen stays chosen.
    const chosen = {};
    cb.querySelectorAll("tr[data-case-id] select").forEach((sel) => { chosen[sel.closest("tr").dataset.caseId] = sel.value; });
    keepingFocus(cb, sameControl, () => drawCases(cb, o, chosen));
    // Canned answers being edited are the supervisor's until saved: a case changing elsewhere does not put them back.
    if (!state.cannedEdited) $("canned-json").value = state.canned.map((a) => [a.id, a.language, a.title, a.text].join(" | ")).join("\n");
    anchorAudit(r[1].verification);
    const ol = $("audit");
    ol.textContent = "";
    r[1].entries.slice().reverse().forEach((e) => ol.appendChild(text("li", auditLine(e))));
  }).catch(showError);
}

// A control of a case's row, found again once the table is drawn anew: by the case and the control's action.
function sameControl(el) {
  const tr = el.closest("tr[data-case-id]");
  return tr && el.dataset.action ? "tr[data-case-id='" + CSS.escape(tr.dataset.caseId) + "'] [data-action='" + el.dataset.action + "']" : null;
}

function drawCases(cb, o, chosen) {
  cb.textContent = "";
  o.cases.forEach((c) => {
    const tr = document.createElement("tr");
    tr.dataset.caseId = c.id;
    // Named as its queue row names it, with its id beside.
    const th = text("th", caseRef(c.id) + " "); th.setAttribute("scope", "row"); th.appendChild(text("span", c.id, "muted small")); tr.appendChild(th);
    tr.appendChild(text("td", severityName(c.severity))); tr.appendChild(text("td", statusName(c.status))); tr.appendChild(text("td", c.holder || "—"));
    const td = document.createElement("td"), sel = document.createElement("select");
    sel.setAttribute("aria-label", t("reassignTo", { id: c.id }));
    o.operators.forEach((m) => { const opt = text("option", m.username); opt.value = m.username; opt.selected = chosen[c.id] === m.username; sel.appendChild(opt); });
    sel.dataset.action = "choose";
    const go = button(t("reassign"), null, () => api("POST", "/api/supervisor/cases/" + enc(c.id) + "/assign", { to: sel.value }).then(loadSupervisor).catch(showError));
    go.dataset.action = "reassign";
    td.appendChild(sel); td.appendChild(go); tr.appendChild(td);
    const td2 = document.createElement("td");
    const take = button(t("takeOver"), null, () => api("POST", "/api/supervisor/cases/" + enc(c.id) + "/takeover").then(() => { showView("work"); select(c.id); }).catch(showError));
    take.setAttribute("aria-label", t("takeOverCase", { id: c.id }));
    take.dataset.action = "takeover";
    td2.appendChild(take);
    // Silent monitoring: the supervisor reads along; nobody is told, nothing is sent, the reading is audited.
    const watch = button(t("monitor"), "secondary", () => { showView("work"); select(c.id); });
    watch.setAttribute("aria-label", t("monitorCase", { id: c.id }));
    watch.dataset.action = "monitor";
    td2.appendChild(watch);
    tr.appendChild(td2);
    cb.appendChild(tr);
  });
}

// ---- the audit head this console countersigned, kept in this browser (outside Redis) ----
// Whoever writes Redis can cut the audit log's tail, recompute its hashes and delete every signed head with it. This page
// signs the head it was shown with the supervisor's own key, keeps that in the browser, and gives it back each time it
// shows the log: the server then checks the chain against it again (and keeps it), so the cut shows here and in
// `admin audit-verify`.
const heldKey = () => "hl-audit-countersigned:" + state.me;

function heldHead() {
  try { return JSON.parse(localStorage.getItem(heldKey()) || "null"); } catch (e) { return null; }
}

function countersigned(count, head) {
  const secret = state.keys && state.keys.operator.signSecret;
  // Dated to the hour, as the audit log's own entries are: Redis keeps this head, and no finer time.
  const now = Date.now();
  const hour = now - (now % 3600000);
  return secret ? TranscriptCrypto.countersignAuditHead(state.sodium, secret, state.me, count, head, hour) : null;
}

function showAudit(v, held) {
  const status = $("audit-status");
  status.dataset.intact = String(v.intact);
  if (held && v.entries < held.count) status.textContent = t("auditCut", { n: held.count, m: v.entries });
  else status.textContent = v.intact ? t("chainIntact", { n: v.entries }) : t("chainBroken", { at: v.brokenAt });
}

function anchorAudit(v) {
  const held = heldHead();
  const givenBack = held ? api("POST", "/api/audit/countersign", held).catch(() => v) : Promise.resolve(v);
  return givenBack.then((checked) => {
    showAudit(checked, held);
    if (!checked.intact || (held && checked.entries < held.count)) return;
    const mine = countersigned(checked.entries, checked.head);
    if (!mine) return;
    return api("POST", "/api/audit/countersign", mine).then((now) => {
      try { localStorage.setItem(heldKey(), JSON.stringify(mine)); } catch (e) { /* storage blocked: nothing held here */ }
      showAudit(now, mine);
      $("audit-status").dataset.countersigned = String(mine.count);
    });
  }).catch(showError);
}

// ---- monthly statistics: counts only, small cells withheld ----
// Age and municipality are sealed to the team key, so the server cannot count them: this page opens each contact's
// sealed facts and adds those two dimensions, withholding cells under the same threshold as the server.
function statisticsMonth() { return $("statistics-month").value; }

/** Bands as child helplines report them; a minor without a stated age counts as "under 18 (age unknown)". */
export function ageBand(age, minor) {
  if (age == null) return minor ? "under 18 (age unknown)" : "unknown";
  return age < 13 ? "0-12" : age < 18 ? "13-17" : age < 25 ? "18-24" : age < 40 ? "25-39" : age < 60 ? "40-59" : "60+";
}

function withSealedDimensions(report) {
  const counts = { "age band": {}, municipality: {} };
  const add = (d, v) => { counts[d][v] = (counts[d][v] || 0) + 1; };
  (report.sealed || []).forEach((values) => {
    const f = openContact(values);
    add("age band", ageBand(f.age, f.minor));
    add("municipality", f.place || "unknown");
  });
  const opened = (d) => Object.keys(counts[d]).sort().map((v) => ({ dimension: d, value: v, count: counts[d][v] >= report.suppressBelow ? counts[d][v] : null }));
  const order = ["channel", "language", "category", "severity", "age band", "municipality", "outcome", "referral"];
  const cells = [];
  order.forEach((d) => { cells.push(...(counts[d] ? opened(d) : report.cells.filter((c) => c.dimension === d))); });
  report.cells.filter((c) => order.indexOf(c.dimension) < 0).forEach((c) => cells.push(c));
  return { month: report.month, contacts: report.contacts, suppressBelow: report.suppressBelow, cells: cells };
}

// The page shows the report in the chosen language; the CSV keeps the server's identifiers, as funders' templates expect.
const dimensionKeys = { channel: "statsChannel", language: "statsLanguage", category: "statsCategory", severity: "statsSeverity",
  "age band": "statsAgeBand", municipality: "statsMunicipality", outcome: "statsOutcome", referral: "statsReferral" };
function dimensionName(d) { return dimensionKeys[d] ? t(dimensionKeys[d]) : d; }
function valueName(d, v) {
  if (v === "unknown") return t("unknown");
  if (v === "under 18 (age unknown)") return t("statsMinorNoAge");
  if (d === "category") return categoryName(v);
  if (d === "severity") return severityName(v);
  if (d === "channel") return channelName(v);
  if (d === "language") return languageName(v);
  return v;
}

let lastReport = null;

function statisticsCsv(report) {
  const field = (v) => (/[,"\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v);
  const count = (n) => (n == null ? "<" + report.suppressBelow : String(n));
  return "month,dimension,value,count\n" + report.month + ",contacts,all," + count(report.contacts) + "\n" +
    report.cells.map((c) => report.month + "," + field(c.dimension) + "," + field(c.value) + "," + count(c.count) + "\n").join("");
}

function loadStatistics() {
  const month = statisticsMonth();
  if (!month) return Promise.resolve();
  $("statistics-status").textContent = "";
  return api("GET", "/api/supervisor/statistics?month=" + enc(month)).then((sealedReport) => {
    const report = lastReport = withSealedDimensions(sealedReport);
    const box = $("statistics-tables");
    box.textContent = "";
    const shown = (n) => (n == null ? "<" + report.suppressBelow : String(n));
    $("statistics-status").textContent = t("statsTotal", { month: report.month, n: shown(report.contacts) });
    const dims = [];
    report.cells.forEach((c) => { if (dims.indexOf(c.dimension) < 0) dims.push(c.dimension); });
    dims.forEach((d) => {
      const table = document.createElement("table");
      table.appendChild(text("caption", dimensionName(d)));
      const head = document.createElement("tr");
      const h1 = text("th", dimensionName(d)); h1.setAttribute("scope", "col");
      const h2 = text("th", t("statsContacts")); h2.setAttribute("scope", "col");
      head.appendChild(h1); head.appendChild(h2);
      const thead = document.createElement("thead"); thead.appendChild(head); table.appendChild(thead);
      const body = document.createElement("tbody");
      report.cells.filter((c) => c.dimension === d).forEach((c) => {
        const tr = document.createElement("tr");
        const th = text("th", valueName(d, c.value)); th.setAttribute("scope", "row");
        tr.appendChild(th); tr.appendChild(text("td", shown(c.count)));
        body.appendChild(tr);
      });
      table.appendChild(body);
      box.appendChild(table);
    });
  }).catch((err) => { $("statistics-status").textContent = err.message; });
}

$("statistics-month").value = new Date().toISOString().slice(0, 7);
$("statistics-form").addEventListener("submit", (e) => { e.preventDefault(); loadStatistics(); });
$("statistics-csv").addEventListener("click", () => {
  const month = statisticsMonth();
  if (!month) return;
  // Written here, with the age bands and municipalities this page counted (the server's CSV has neither).
  loadStatistics()
    .then(() => {
      if (!lastReport || lastReport.month !== month) return;
      const blob = new Blob([statisticsCsv(lastReport)], { type: "text/csv;charset=utf-8" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob); a.download = "hotline-statistics-" + month + ".csv"; a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    }).catch((err) => { $("statistics-status").textContent = err.message; });
});
$("statistics-print").addEventListener("click", () => {
  loadStatistics().then(() => {
    document.body.classList.add("printing-statistics");
    window.print();
    document.body.classList.remove("printing-statistics");
  });
});

// What an audited request meant, in words, in the interface language: "nightshift opened the transcript of case #3F9A2C".
const AUDIT_WORDS = [
  [/^GET \/api\/cases\/\{id\}\/transcript$/, "opened the transcript of case {ref}", "hapi bisedën e rastit {ref}"],
  [/^GET \/api\/cases\/\{id\}\/notes$/, "read the private notes of case {ref}", "lexoi shënimet private të rastit {ref}"],
  [/^GET \/api\/cases\/\{id\}\/detail$/, "opened case {ref}", "hapi rastin {ref}"],
  [/^GET \/api\/cases\/\{id\}\/replies$/, "read the delivery states in case {ref}", "pa gjendjen e dërgimit në rastin {ref}"],
  [/^GET \/api\/cases\/\{id\}$/, "looked up case {ref}", "shikoi rastin {ref}"],
  [/^POST \/api\/cases\/\{id\}\/claim$/, "claimed case {ref}", "mori rastin {ref}"],
  [/^POST \/api\/cases\/next$/, "took the next case: {ref}", "mori rastin e radhës: {ref}"],
  [/^POST \/api\/cases\/\{id\}\/messages$/, "replied in case {ref}", "u përgjigj në rastin {ref}"],
  [/^POST \/api\/cases\/\{id\}\/typing$/, "typed in case {ref}", "shkroi në rastin {ref}"],
  [/^POST \/api\/cases\/\{id\}\/release$/, "handed case {ref} back to the bot", "ia ktheu botit rastin {ref}"],
  [/^POST \/api\/cases\/\{id\}\/decline$/, "declined the offer of case {ref}", "refuzoi ofertën e rastit {ref}"],
  [/^POST \/api\/cases\/\{id\}\/transfer$/, "transferred case {ref}", "transferoi rastin {ref}"],
  [/^POST \/api\/cases\/\{id\}\/notes$/, "added a private note to case {ref}", "shtoi një shënim privat te rasti {ref}"],
  [/^PUT \/api\/cases\/\{id\}\/record$/, "saved the record of case {ref}", "ruajti regjistrin e rastit {ref}"],
  [/^POST \/api\/cases\/\{id\}\/dispatch\/confirm$/, "confirmed the dispatch for case {ref}", "konfirmoi dërgimin për rastin {ref}"],
  [/^POST \/api\/cases\/\{id\}\/approvals$/, "asked a second person to approve an action on case {ref}", "kërkoi miratimin e një personi të dytë për rastin {ref}"],
  [/^POST \/api\/approvals\/\{id\}\/approve$/, "approved a colleague's request on case {ref}", "miratoi kërkesën e një kolegu për rastin {ref}"],
  [/^GET \/api\/cases\/\{id\}\/export$/, "downloaded the approved export of case {ref}", "shkarkoi eksportin e miratuar të rastit {ref}"],
  [/^POST \/api\/supervisor\/cases\/\{id\}\/assign$/, "reassigned case {ref}", "ricaktoi rastin {ref}"],
  [/^POST \/api\/supervisor\/cases\/\{id\}\/takeover$/, "took over case {ref}", "mori përsipër rastin {ref}"],
  [/^PUT \/api\/canned$/, "changed the canned answers", "ndryshoi përgjigjet e gatshme"],
  [/^POST \/api\/me\/presence$/, "changed their presence", "ndryshoi gjendjen e vet"],
  [/^GET \/api\/audit$/, "read the audit log", "lexoi regjistrin e auditimit"],
  [/^GET \/api\/cases\/search$/, "searched the cases", "kërkoi në raste"],
  [/^GET \/api\/supervisor\/statistics$/, "read the monthly statistics", "lexoi statistikat mujore"],
  [/^GET \/api\/cases\/closed$/, "listed the closed cases", "pa listën e rasteve të mbyllura"],
  [/^POST \/api\/unit\/dispatches\/\{code\}\/ack$/, "acknowledged a dispatch", "konfirmoi marrjen e një dërgimi"],
  [/^POST \/api\/unit\/dispatches\/\{code\}\/status$/, "reported progress on a dispatch", "raportoi ecurinë e një dërgimi"],
  [/^PUT \/api\/cases\/\{id\}\/severity$/, "corrected the rating of case {ref}", "korrigjoi vlerësimin e rastit {ref}"],
  [/^rate case$/, "rated case {ref}", "vlerësoi rastin {ref}"],
  [/^signed in$/, "signed in", "hyri"], [/^signed out$/, "signed out", "doli"],
];

export function auditLine(e) {
  const found = AUDIT_WORDS.find((w) => w[0].test(e.action));
  const status = /status (\d+)/.exec(e.detail || "");
  const refused = status && Number(status[1]) >= 400 ? t("auditRefused", { s: status[1] }) : "";
  const ref = e.caseId ? caseRef(e.caseId) : "";
  const what = found ? found[currentLanguage() === "sq" ? 2 : 1].split("{ref}").join(ref).trim() : e.action + (ref ? " " + ref : "");
  const extra = e.detail && !status ? " (" + e.detail + ")" : "";
  return formatTime(e.at) + " · " + e.actor + " " + what + extra + refused;
}

onLanguageChange(() => { if (state.view === "supervisor") loadSupervisor(); });

$("canned-json").addEventListener("input", () => { state.cannedEdited = true; });
$("canned-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const answers = $("canned-json").value.split("\n").filter((l) => l.trim()).map((l) => {
    const p = l.split("|").map((s) => s.trim());
    return { id: p[0], language: p[1], title: p[2], text: p.slice(3).join(" | ") };
  });
  api("PUT", "/api/canned", { answers: answers }).then((saved) => { state.canned = saved; state.cannedEdited = false; $("canned-status").textContent = t("saved"); })
    .catch((err) => { $("canned-status").textContent = err.message; });
});
