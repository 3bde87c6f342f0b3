// The conversation and the private notes, opened in this page with the team key; the screener's phrases highlighted.
import { $, text, enc } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { t, formatTime } from "./i18n.js";

function highlight(li, message, marks) {
  let at = 0;
  marks.slice().sort((a, b) => a.start - b.start).forEach((m) => {
    if (m.start < at || m.start + m.length > message.length) return;
    li.appendChild(document.createTextNode(message.slice(at, m.start)));
    const mark = text("mark", message.substr(m.start, m.length));
    mark.title = m.category + " · " + m.id;
    li.appendChild(mark);
    at = m.start + m.length;
  });
  li.appendChild(document.createTextNode(message.slice(at)));
}

function entryElement(e, marksFor) {
  const li = text("li", null, "entry " + e.author + (e.error ? " broken" : ""));
  li.appendChild(text("span", (e.author === "operator" ? "operator " + (e.by || "") : e.author) + " · " + formatTime(e.at), "meta"));
  if (e.error) li.appendChild(document.createTextNode(e.error));
  else highlight(li, e.text, marksFor ? marksFor(e.seq) : []);
  return li;
}

export function renderEntries(ol, opened, marksFor) {
  ol.textContent = "";
  appendEntries(ol, opened, marksFor);
}

/** Adds entries under the ones shown, keeping the view at the bottom if it was there. */
function appendEntries(ol, opened, marksFor) {
  const atBottom = ol.scrollHeight - ol.scrollTop - ol.clientHeight < 40;
  const batch = document.createDocumentFragment();
  opened.forEach((e) => batch.appendChild(entryElement(e, marksFor)));
  ol.appendChild(batch);
  if (atBottom || opened.length === ol.children.length) ol.scrollTop = ol.scrollHeight;
}

export function openEntries(conversationId, entries, after) {
  return TranscriptCrypto.openTranscript(state.sodium, state.team, conversationId, entries, after);
}

// The transcript on screen: its case, and the last entry opened (sequence and chain hash), so that a new message
// fetches and opens only what came after it (GET …/transcript?from=N), never the whole conversation again.
let shown = { caseId: null, last: null, intact: true };

export function loadTranscript(id) {
  const c = state.cases[id] || (state.detail && state.detail.case);
  const indicators = (state.detail && state.detail.indicators) || [];
  const marksFor = (seq) => indicators.filter((i) => i.seq === seq);
  const more = shown.caseId === id && shown.last && shown.intact;
  return api("GET", "/api/cases/" + enc(id) + "/transcript" + (more ? "?from=" + (shown.last.seq + 1) : "")).then((entries) => {
    if (state.selected !== id) return;
    if (more && shown.last.seq + 1 !== (entries[0] ? entries[0].seq : shown.last.seq + 1)) return; // overtaken by another load
    const opened = openEntries(c.conversationId, entries, more ? shown.last : undefined);
    if (more) appendEntries($("transcript"), opened, marksFor);
    else renderEntries($("transcript"), opened, marksFor);
    if (opened.length) shown = { caseId: id, last: opened[opened.length - 1], intact: (more ? shown.intact : true) && opened.every((e) => !e.error) };
    else if (!more) shown = { caseId: id, last: null, intact: true };
  });
}

export function loadNotes(id) {
  return api("GET", "/api/cases/" + enc(id) + "/notes").then((entries) => {
    if (state.selected !== id) return;
    renderEntries($("notes"), openEntries("note-" + id, entries));
    $("notes-panel").hidden = entries.length === 0;
    $("notes-panel").open = true;
  });
}

export function clearTranscript() { $("transcript").textContent = ""; $("notes").textContent = ""; }

/** Another case opens: nothing of the previous one stays on screen. */
export function resetTranscript() { clearTranscript(); shown = { caseId: null, last: null, intact: true }; $("typing").textContent = ""; }

/** Shows the person's typing for a few seconds, on the case open in this page only. */
export function showPersonTyping(caseId) {
  if (state.selected !== caseId) return;
  $("typing").textContent = t("typing");
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(() => { $("typing").textContent = ""; }, 4000);
}
