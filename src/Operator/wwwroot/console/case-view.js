// The case open in this page: its facts, why it was ranked, the record, dispatch, and the actions on it.
import { $, text, enc } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { renderQueue, remember } from "./queue.js";
import { loadTranscript, loadNotes, openEntries } from "./transcript.js";
import { renderCanned } from "./composer.js";
import { removeOfferAlerts } from "./notifications.js";
import { refreshMe } from "./session.js";

export function showError(err) { $("case-error").textContent = err.message; }

export function select(id) {
  state.selected = id;
  state.exportApproval = null;
  $("export-download").hidden = true;
  $("transfer").hidden = true;
  $("typing").textContent = "";
  renderQueue();
  return refreshSelected();
}

export function refreshSelected() {
  const id = state.selected;
  if (!id) return Promise.resolve();
  return api("GET", "/api/cases/" + enc(id) + "/detail").then((d) => {
    if (state.selected !== id) return;
    state.detail = d;
    remember(d.case);
    renderCase(d);
    return Promise.all([loadTranscript(id), loadNotes(id), loadServices(d.place)]);
  }).catch(showError);
}

function renderCase(d) {
  const c = d.case;
  $("case").hidden = false;
  $("case-id").textContent = c.id;
  $("case-duress").hidden = !d.duress;
  $("case-error").textContent = "";
  const stage = ["—", "all operators alerted", "supervisors alerted", "on-call supervisor alerted"][d.escalation] || "—";
  const facts = [["Severity", c.severity], ["Categories", c.categories.join(", ") || "—"], ["Minor", c.minor ? "yes" : "no"],
    ["Age", d.age != null ? String(d.age) : "unknown"], ["Area", d.place || "unknown"], ["Channel", c.channel], ["Language", c.language],
    ["Opened", new Date(c.openedAt).toLocaleString()], ["Status", c.status + (c.holder ? " (" + c.holder + ")" : "")],
    ["Offered to", d.offeredTo || "—"], ["Escalation", stage]];
  const dl = $("case-facts");
  dl.textContent = "";
  facts.forEach((f) => { dl.appendChild(text("dt", f[0])); dl.appendChild(text("dd", f[1])); });
  const mine = c.status === "claimed" && c.holder === state.me;
  $("claim").disabled = c.status !== "open";
  $("decline").disabled = c.status !== "open" || d.offeredTo !== state.me;
  $("release").disabled = !mine;
  $("transfer-open").disabled = !mine;
  $("reply").querySelector("button[type=submit]").disabled = !mine;

  const ind = $("indicators");
  ind.textContent = "";
  if (!d.indicators.length) ind.appendChild(text("li", "No indicator recorded (severity from the conversation as a whole)."));
  d.indicators.forEach((i) => ind.appendChild(text("li", i.category + " · " + i.id + " (message " + i.seq + ", highlighted below)")));

  const tl = $("timeline");
  tl.textContent = "";
  d.timeline.forEach((t) => {
    tl.appendChild(text("li", new Date(t.at).toLocaleTimeString() + " · " + t.kind + (t.by ? " · " + t.by : "") + (t.detail ? " · " + t.detail : "")));
  });

  const r = d.record;
  $("record-outcome").value = r.outcome || "";
  $("record-municipality").value = d.place || "";
  $("record-followup").value = r.followUp || "";
  state.referrals = r.referrals || [];

  const dp = $("dispatch-panel");
  dp.hidden = !d.dispatch;
  if (d.dispatch) {
    const x = d.dispatch;
    $("dispatch-status").textContent = x.code + " · " + x.status + " · unit " + x.unit + " · " + x.municipality + " · " + x.category + " · " + x.urgency +
      (x.contactApproved ? " · contact cleared" : "");
    $("dispatch-confirm").disabled = x.status !== "proposed";
  }
  renderCanned();
}

function loadServices(place) {
  return api("GET", "/api/services" + (place ? "?municipality=" + enc(place) : "")).then((list) => {
    const ul = $("record-referrals");
    ul.textContent = "";
    list.forEach((s) => {
      const li = document.createElement("li"), box = document.createElement("input");
      const label = text("label", s.name + " — " + s.serves + " [" + s.kind + (s.verify ? ", verify" : "") + "]");
      box.type = "checkbox"; box.value = s.id; box.id = "ref-" + s.id;
      box.checked = (state.referrals || []).indexOf(s.id) >= 0;
      label.htmlFor = box.id;
      li.appendChild(box); li.appendChild(label); ul.appendChild(li);
    });
  });
}

// ---- actions ----
export function claim() {
  const id = state.selected;
  if (!id) return;
  api("POST", "/api/cases/" + enc(id) + "/claim").then((c) => { remember(c); renderQueue(); refreshSelected(); refreshMe(); }).catch(showError);
}

export function decline(id) {
  api("POST", "/api/cases/" + enc(id) + "/decline").then(() => {
    removeOfferAlerts(id);
    if (state.selected === id) refreshSelected();
  }).catch(showError);
}

export function release() {
  const id = state.selected;
  if (!id) return;
  api("POST", "/api/cases/" + enc(id) + "/release").then((c) => { remember(c); renderQueue(); refreshSelected(); }).catch(showError);
}

export function openTransfer() {
  if ($("transfer-open").disabled) return;
  api("GET", "/api/team").then((members) => {
    const sel = $("transfer-to");
    sel.textContent = "";
    members.filter((m) => m.username !== state.me).forEach((m) => {
      const opt = text("option", m.username + " (" + m.status + (m.roles.indexOf("Supervisor") >= 0 ? ", supervisor" : "") + ", " + m.load + "/" + m.capacity + ")");
      opt.value = m.username;
      opt.disabled = m.status === "offline" && m.roles.indexOf("Supervisor") < 0;
      sel.appendChild(opt);
    });
    $("transfer").hidden = false;
    sel.focus();
  }).catch(showError);
}

$("claim").addEventListener("click", claim);
$("release").addEventListener("click", release);
$("decline").addEventListener("click", () => { if (state.selected && !$("decline").disabled) decline(state.selected); });
$("transfer-open").addEventListener("click", openTransfer);
$("transfer-cancel").addEventListener("click", () => { $("transfer").hidden = true; });
$("transfer").addEventListener("submit", (e) => {
  e.preventDefault();
  const id = state.selected;
  api("POST", "/api/cases/" + enc(id) + "/transfer", { to: $("transfer-to").value, note: $("transfer-note").value })
    .then((c) => { $("transfer-note").value = ""; $("transfer").hidden = true; remember(c); renderQueue(); refreshSelected(); })
    .catch(showError);
});

$("record").addEventListener("submit", (e) => {
  e.preventDefault();
  const refs = Array.from(document.querySelectorAll("#record-referrals input:checked"), (b) => b.value);
  api("PUT", "/api/cases/" + enc(state.selected) + "/record", {
    outcome: $("record-outcome").value || null, referrals: refs, followUp: $("record-followup").value || null, municipality: $("record-municipality").value || null
  }).then(() => { $("record-status").textContent = "Saved."; return refreshSelected(); }).catch((err) => { $("record-status").textContent = err.message; });
});

$("dispatch-confirm").addEventListener("click", () => {
  api("POST", "/api/cases/" + enc(state.selected) + "/dispatch/confirm").then(refreshSelected).catch(showError);
});
$("reveal-request").addEventListener("click", () => {
  api("POST", "/api/cases/" + enc(state.selected) + "/approvals", { action: "reveal-contact", personAgreed: $("reveal-agreed").checked })
    .then(() => { $("case-error").textContent = "Asked a colleague to approve sharing the contact."; }).catch(showError);
});

// ---- four eyes: an export needs a second person's approval, then its requester downloads it once ----
$("export-request").addEventListener("click", () => {
  api("POST", "/api/cases/" + enc(state.selected) + "/approvals", { action: "export-transcript" })
    .then((a) => { state.exportApproval = a.id; $("case-error").textContent = "Export requested: a second operator or a supervisor must approve it."; })
    .catch(showError);
});
$("export-download").addEventListener("click", () => {
  const id = state.selected;
  api("GET", "/api/cases/" + enc(id) + "/export?approval=" + enc(state.exportApproval)).then((bundle) => {
    const lines = openEntries(bundle.conversationId, bundle.transcript)
      .map((e) => new Date(e.at).toISOString() + " " + e.author + (e.by ? " " + e.by : "") + ": " + (e.error || e.text));
    const notes = openEntries("note-" + id, bundle.notes)
      .map((e) => new Date(e.at).toISOString() + " note " + (e.by || "") + ": " + (e.error || e.text));
    const blob = new Blob(["Case " + id + "\n\n" + lines.join("\n") + "\n\nPrivate notes\n" + notes.join("\n") + "\n"], { type: "text/plain" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob); a.download = "case-" + id + ".txt"; a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    $("export-download").hidden = true;
    state.exportApproval = null;
  }).catch(showError);
});
