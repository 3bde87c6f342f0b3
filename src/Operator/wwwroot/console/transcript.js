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

export function renderEntries(ol, opened, marksFor) {
  ol.textContent = "";
  opened.forEach((e) => {
    const li = text("li", null, "entry " + e.author + (e.error ? " broken" : ""));
    li.appendChild(text("span", (e.author === "operator" ? "operator " + (e.by || "") : e.author) + " · " + formatTime(e.at), "meta"));
    if (e.error) li.appendChild(document.createTextNode(e.error));
    else highlight(li, e.text, marksFor ? marksFor(e.seq) : []);
    ol.appendChild(li);
  });
  ol.scrollTop = ol.scrollHeight;
}

export function openEntries(conversationId, entries) {
  return TranscriptCrypto.openTranscript(state.sodium, state.team, conversationId, entries);
}

export function loadTranscript(id) {
  const c = state.cases[id] || (state.detail && state.detail.case);
  return api("GET", "/api/cases/" + enc(id) + "/transcript").then((entries) => {
    if (state.selected !== id) return;
    const opened = openEntries(c.conversationId, entries);
    const indicators = (state.detail && state.detail.indicators) || [];
    renderEntries($("transcript"), opened, (seq) => indicators.filter((i) => i.seq === seq));
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
export function resetTranscript() { clearTranscript(); $("typing").textContent = ""; }

/** Shows the person's typing for a few seconds, on the case open in this page only. */
export function showPersonTyping(caseId) {
  if (state.selected !== caseId) return;
  $("typing").textContent = t("typing");
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(() => { $("typing").textContent = ""; }, 4000);
}
