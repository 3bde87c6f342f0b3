// The case open in this page: its facts, why it was ranked, the record, dispatch, and the actions on it.
import { $, text, enc, keepingFocus } from "./dom.js";
import { api } from "./api.js";
import { state, isSupervisor } from "./state.js";
import { t, formatDateTime, onLanguageChange } from "./i18n.js";
import { caseRef, caseName, severityName, categoriesText, channelName, languageName, statusName, indicatorName, timelineLine } from "./labels.js";
import { renderQueue, remember } from "./queue.js";
import { loadTranscript, loadNotes, openEntries, resetTranscript, signedWords } from "./transcript.js";
import { caseNoLongerWaiting, removeOfferAlerts, renameAlerts } from "./notifications.js";
import { refreshMe } from "./session.js";
import { renderRating } from "./rating.js";
import { openFacts } from "./facts.js";

export function showError(err) { $("case-error").textContent = err.message; }

export function select(id) {
  if (state.selected !== id) resetTranscript();
  state.selected = id;
  state.exportApproval = null;
  $("export-download").hidden = true;
  closeForms();
  $("typing").textContent = "";
  renderQueue();
  return refreshSelected();
}

function closeForms() { ["transfer", "note-form", "resolve-form", "delete-panel"].forEach((f) => { $(f).hidden = true; }); }

/** No case open (signed out): the middle pane invites to pick one. */
export function clearCase() {
  state.selected = null;
  state.detail = null;
  $("case").hidden = true;
  $("case-side").hidden = true;
  $("case-placeholder").hidden = false;
  resetTranscript();
}

export function refreshSelected() {
  const id = state.selected;
  if (!id) return Promise.resolve();
  return api("GET", "/api/cases/" + enc(id) + "/detail").then((d) => {
    if (state.selected !== id) return;
    // Age, area, minor and indicator positions arrive sealed: opened here with the team key, never on a server.
    Object.assign(d, openFacts(d.case.conversationId, d.facts));
    state.detail = d;
    remember(d.case);
    if (d.case.status !== "open") caseNoLongerWaiting(id);
    renameAlerts(id);
    renderCase(d);
    return Promise.all([loadTranscript(id), loadNotes(id), loadServices(d.place)]);
  }).catch(showError);
}

function renderCase(d) {
  const c = d.case;
  $("case").hidden = false;
  $("case-side").hidden = false;
  $("case-placeholder").hidden = true;
  $("case-id").textContent = c.id;
  $("case-ref").textContent = caseRef(c.id);
  $("case-label").textContent = caseName(c).split(" · ").slice(1).join(" · ");
  $("case-duress").hidden = !d.duress;
  // What was said about this case (a deletion) stays while it is shown; any other message goes with a new rendering.
  $("case-error").textContent = state.said && state.said.id === c.id ? state.said.text : "";
  const stage = d.escalation > 0 ? t("esc" + Math.min(3, d.escalation)) : "—";
  const facts = [["fSeverity", severityName(c.severity)], ["fCategories", categoriesText(c.categories)], ["fMinor", t(d.minor ? "yes" : "no")], ["fAskedPerson", t(c.requestedHuman ? "yes" : "no")],
    ["fAge", d.age != null ? String(d.age) : t("unknown")], ["fArea", d.place || t("unknown")], ["fChannel", channelName(c.channel)], ["fLanguage", languageName(c.language)],
    ["fOpened", formatDateTime(c.openedAt)], ["fStatus", statusName(c.status) + (c.holder ? " (" + c.holder + ")" : "")],
    ["fOffered", d.offeredTo || "—"], ["fEscalation", stage]];
  const dl = $("case-facts");
  dl.textContent = "";
  facts.forEach((f) => { dl.appendChild(text("dt", t(f[0]))); dl.appendChild(text("dd", f[1])); });
  const mine = c.status === "claimed" && c.holder === state.me;
  $("claim").disabled = c.status !== "open";
  $("decline").disabled = c.status !== "open" || d.offeredTo !== state.me;
  $("decline").hidden = c.status !== "open" || d.offeredTo !== state.me;
  $("release").disabled = !mine;
  $("close-case").disabled = c.status === "closed" || !(mine || isSupervisor());
  // Deleting a conversation is a supervisor's action (the person asked by phone, say), with a confirm step.
  $("delete-open").hidden = !isSupervisor() || !!c.deletedAt;
  $("resolve-open").disabled = !mine;
  $("transfer-open").disabled = !mine;
  $("note-open").disabled = c.status === "closed";
  $("reply").querySelector("button[type=submit]").disabled = !mine;
  renderRating(c);

  const ind = $("indicators");
  ind.textContent = "";
  if (!d.indicators.length) ind.appendChild(text("li", t("noIndicator")));
  d.indicators.forEach((i) => ind.appendChild(text("li", indicatorName(i) + " (" + t("inMessage", { n: i.seq }) + ")")));

  const tl = $("timeline");
  tl.textContent = "";
  d.timeline.forEach((e) => tl.appendChild(text("li", timelineLine(e))));

  // The case changes with every message the person sends: a record the operator is filling in, or an outcome being
  // chosen to resolve, keeps what they chose until they save it; a redrawing never puts the stored one back over it.
  const r = d.record;
  if (state.recordEdited !== c.id) {
    state.recordEdited = null;
    $("record-outcome").value = r.outcome || "";
    $("record-municipality").value = d.place || "";
    $("record-followup").value = r.followUp || "";
    state.referrals = r.referrals || [];
  }
  if ($("resolve-form").hidden) $("resolve-outcome").value = r.outcome || "";

  // A case code given elsewhere moves nothing until the holder (or a supervisor) decides here.
  const mv = $("move-panel");
  // The Bot carries out the decision a moment later: the request just decided is not offered again meanwhile.
  mv.hidden = !d.move || c.status === "closed" || state.moveDecided === c.id + "@" + d.move.requestedAtMs;
  if (d.move) {
    $("move-status").textContent = t("moveStatus", { channel: channelName(d.move.channel), t: formatDateTime(d.move.requestedAtMs) });
    $("move-confirm").disabled = $("move-refuse").disabled = !(mine || isSupervisor());
  }

  const dp = $("dispatch-panel");
  dp.hidden = !d.dispatch;
  if (d.dispatch) {
    const x = d.dispatch;
    $("dispatch-status").textContent = x.code + " · " + x.status + " · unit " + x.unit + " · " + (x.municipality || d.place || t("unknown")) + " · " + categoriesText([x.category]) + " · " + x.urgency +
      (x.contactApproved ? " · contact cleared" : "");
    $("dispatch-confirm").disabled = x.status !== "proposed";
  }
}
onLanguageChange(() => { if (state.detail && state.selected) renderCase(state.detail); });

function loadServices(place) {
  const id = state.selected;
  return api("GET", "/api/services" + (place ? "?municipality=" + enc(place) : "")).then((list) => {
    if (state.selected !== id) return;
    const ul = $("record-referrals");
    // Ticks not saved yet stay ticked, and a checkbox that had the focus keeps it.
    if (state.recordEdited === id) state.referrals = Array.from(ul.querySelectorAll("input:checked"), (b) => b.value);
    keepingFocus(ul, (el) => el.id ? "#" + CSS.escape(el.id) : null, () => drawServices(ul, list));
  });
}

function drawServices(ul, list) {
  ul.textContent = "";
  list.forEach((s) => {
    const li = document.createElement("li"), box = document.createElement("input");
    const label = text("label", s.name + " — " + s.serves + " [" + s.kind + (s.verify ? ", verify" : "") + "]");
    box.type = "checkbox"; box.value = s.id; box.id = "ref-" + s.id;
    box.checked = (state.referrals || []).indexOf(s.id) >= 0;
    label.htmlFor = box.id;
    li.appendChild(box); li.appendChild(label); ul.appendChild(li);
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

// A test, a prank or no contact: closed in one step, counted as such on the dashboard.
export function closeCase() {
  const id = state.selected;
  if (!id || $("close-case").disabled) return Promise.resolve();
  return api("POST", "/api/cases/" + enc(id) + "/close", { reason: $("close-reason").value })
    .then((c) => { remember(c); renderQueue(); return refreshSelected(); }).catch(showError);
}
$("close-case").addEventListener("click", closeCase);

$("delete-open").addEventListener("click", () => {
  closeForms();
  $("delete-panel").hidden = false;
  $("delete-cancel").focus();
});
$("delete-cancel").addEventListener("click", () => { $("delete-panel").hidden = true; });
$("delete-confirm").addEventListener("click", () => {
  const id = state.selected;
  if (!id) return Promise.resolve();
  return api("POST", "/api/cases/" + enc(id) + "/delete-conversation")
    .then((c) => {
      $("delete-panel").hidden = true;
      state.said = { id, text: t("deleted") };
      $("case-error").textContent = state.said.text;
      if (c) remember(c);
      renderQueue();
      return refreshSelected();
    })
    .catch(showError);
});

export function release() {
  const id = state.selected;
  if (!id || $("release").disabled) return Promise.resolve();
  return api("POST", "/api/cases/" + enc(id) + "/release").then((c) => { remember(c); renderQueue(); return refreshSelected(); }).catch(showError);
}

/** Claims the most urgent waiting case that fits this operator's languages, and opens it. */
export function takeNext() {
  return api("POST", "/api/cases/next").then((c) => { remember(c); return select(c.id); }).then(refreshMe)
    .catch((err) => { $("queue-empty").hidden = false; $("queue-empty").textContent = err.message; });
}
$("take-next").addEventListener("click", takeNext);

export function openNote() {
  if (!state.selected || $("note-open").disabled) return;
  closeForms();
  $("note-form").hidden = false;
  $("note-text").focus();
}
$("note-open").addEventListener("click", openNote);
$("note-cancel").addEventListener("click", () => { $("note-form").hidden = true; });
$("note-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const id = state.selected;
  api("POST", "/api/cases/" + enc(id) + "/notes", signedWords("note-" + id, $("note-text").value.trim()))
    .then(() => { $("note-text").value = ""; $("note-form").hidden = true; return refreshSelected(); })
    .catch(showError);
});

// Resolve: the outcome first, saved with the rest of the record, then the conversation goes back to the bot.
$("resolve-open").addEventListener("click", () => {
  if ($("resolve-open").disabled) return;
  closeForms();
  $("resolve-form").hidden = false;
  $("resolve-outcome").focus();
});
$("resolve-cancel").addEventListener("click", () => { $("resolve-form").hidden = true; });
$("resolve-form").addEventListener("submit", (e) => {
  e.preventDefault();
  $("record-outcome").value = $("resolve-outcome").value;
  saveRecord().then(() => { $("resolve-form").hidden = true; return release(); }).catch(showError);
});

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
    closeForms();
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

// What the operator changes in the record is theirs until saved (see renderCase).
$("record").addEventListener("input", () => { state.recordEdited = state.selected; });
$("record").addEventListener("change", () => { state.recordEdited = state.selected; });

function saveRecord() {
  const refs = Array.from(document.querySelectorAll("#record-referrals input:checked"), (b) => b.value);
  // The area goes to the server (which seals it at once) only when the operator changed it.
  const place = $("record-municipality").value || null;
  const known = (state.detail && state.detail.place) || null;
  const id = state.selected;
  return api("PUT", "/api/cases/" + enc(id) + "/record", {
    outcome: $("record-outcome").value || null, referrals: refs, followUp: $("record-followup").value || null, municipality: place !== known ? place : null
  }).then((saved) => { if (state.recordEdited === id) state.recordEdited = null; return saved; });
}
$("record").addEventListener("submit", (e) => {
  e.preventDefault();
  saveRecord().then(() => { $("record-status").textContent = t("saved"); return refreshSelected(); }).catch((err) => { $("record-status").textContent = err.message; });
});

$("dispatch-confirm").addEventListener("click", () => {
  // The unit needs the area: this page sends the one it opened from the case's sealed facts.
  api("POST", "/api/cases/" + enc(state.selected) + "/dispatch/confirm", { municipality: (state.detail && state.detail.place) || null }).then(refreshSelected).catch(showError);
});
function decideMove(decision) {
  const id = state.selected;
  if (!id) return Promise.resolve();
  const asked = state.detail && state.detail.move ? id + "@" + state.detail.move.requestedAtMs : null;
  return api("POST", "/api/cases/" + enc(id) + "/move/" + decision)
    .then(() => { state.moveDecided = asked; $("move-panel").hidden = true; return refreshSelected(); }).catch(showError);
}
$("move-confirm").addEventListener("click", () => decideMove("confirm"));
$("move-refuse").addEventListener("click", () => decideMove("refuse"));
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
