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

// ---- the delivery state of the operators' replies: sending → sent → delivered → read, or failed ----
const RANK = { sending: 0, held: 1, sent: 2, delivered: 3, failed: 4, read: 5 };
let replyStates = {}; // sequence → state, for the conversation on screen

function drawState(span, s) {
  span.dataset.state = s;
  span.textContent = t(s);
}

/** A reply's state moved (the Bot's news through the hub, or the list read when the case opened): only forward. */
export function setReplyState(seq, s) {
  if (!(s in RANK) || (replyStates[seq] in RANK && RANK[replyStates[seq]] >= RANK[s])) return;
  replyStates[seq] = s;
  const span = document.querySelector("#transcript .delivery[data-seq='" + seq + "']");
  if (span) drawState(span, s);
}

/** The reply being sent, shown at once with its words and "sending…", until the transcript holds it (or it failed). */
export function showPendingReply(words) {
  const li = text("li", null, "entry operator pending");
  const meta = text("span", t("you") + " · " + formatTime(Date.now()) + " · ", "meta");
  const s = text("span", null, "delivery");
  drawState(s, "sending");
  meta.appendChild(s);
  li.appendChild(meta);
  li.appendChild(document.createTextNode(words));
  const ol = $("transcript");
  ol.appendChild(li);
  ol.scrollTop = ol.scrollHeight;
  return { failed: () => { drawState(s, "failed"); li.classList.add("broken"); }, remove: () => li.remove() };
}

/** The operators' signing keys the team certified: whose words an entry really carries (read again when one is missing). */
export function loadRoster() {
  return api("GET", "/api/keys/operators").then((list) => {
    if (state.team) state.team.roster = TranscriptCrypto.trustRoster(state.sodium, state.team.trust, list);
  });
}

/** A reply's or note's body: the text and this operator's own signature over it (conversationId: "note-CASE" for notes). */
export function signedWords(conversationId, words) {
  const secret = state.keys && state.keys.operator.signSecret;
  return secret ? { text: words, signature: TranscriptCrypto.signWords(state.sodium, secret, conversationId, state.me, words) } : { text: words };
}

/** Whose words an operator's entry carries: verified as theirs, or vouched for by the Operator service alone. */
function signerMark(e) {
  if (e.signedBy) {
    const mark = text("span", t("signedBy", { who: e.signedBy }), "signer verified");
    mark.dataset.signer = e.signedBy;
    return mark;
  }
  return e.serviceOnly ? text("span", t("serviceOnly", { who: e.by || "" }), "signer service-only") : null;
}

function entryElement(e, marksFor) {
  const li = text("li", null, "entry " + e.author + (e.error ? " broken" : "") + (e.serviceOnly ? " unverified-signer" : ""));
  const meta = text("span", (e.author === "operator" ? "operator " + (e.by || "") : e.author) + " · " + formatTime(e.at), "meta");
  const signer = signerMark(e);
  if (signer) { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(signer); }
  if (e.author === "operator") {
    const s = text("span", null, "delivery");
    s.dataset.seq = e.seq;
    if (replyStates[e.seq]) drawState(s, replyStates[e.seq]);
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(s);
  }
  li.appendChild(meta);
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

/** Reads the roster again first if an entry names an operator this page has no certified key for (enrolled since). */
function rosterFor(entries) {
  const roster = (state.team && state.team.roster) || {};
  return entries.some((e) => e.author === "operator" && e.osig && e.by && !roster[e.by]) ? loadRoster().catch(() => {}) : Promise.resolve();
}

// The transcript on screen: its case, and the last entry opened (sequence and chain hash), so that a new message
// fetches and opens only what came after it, never the whole conversation again. The fetch starts at that last entry
// (GET …/transcript?from=N) and goes on only if it is still there, unchanged: an entry removed or replaced under the
// ones on screen makes the whole transcript be read and checked again, so the break is marked where it is.
// What the last reading found is one of: INTACT (the next one may start from the last entry), BROKEN (an entry failed
// its check: read the whole transcript each time) or { gone: entry } (the entry shown last is no longer there as it
// was, which the chain alone cannot show at the end: read it whole, and keep marking that on every later reading).
const INTACT = "intact";
const BROKEN = "broken";
let shown = { caseId: null, last: null, found: INTACT };

export function loadTranscript(id, replaced) {
  const c = state.cases[id] || (state.detail && state.detail.case);
  const indicators = (state.detail && state.detail.indicators) || [];
  const marksFor = (seq) => indicators.filter((i) => i.seq === seq);
  const base = shown.caseId === id && shown.found === INTACT ? shown.last : null;
  const gone = replaced || (shown.caseId === id && shown.found.gone) || null;
  // A whole transcript comes with its replies' states; later, the hub brings each change.
  const states = base ? Promise.resolve(null) : api("GET", "/api/cases/" + enc(id) + "/replies").catch(() => []);
  const read = api("GET", "/api/cases/" + enc(id) + "/transcript" + (base ? "?from=" + base.seq : ""));
  return Promise.all([read.then((entries) => rosterFor(entries).then(() => entries)), states]).then(([entries, known]) => {
    if (state.selected !== id) return;
    if (known) known.forEach((r) => { if (!(replyStates[r.seq] in RANK) || RANK[replyStates[r.seq]] < RANK[r.state]) replyStates[r.seq] = r.state; });
    if (base && shown.last !== base) return; // overtaken by another load
    if (base) {
      const again = entries[0];
      if (!again || again.seq !== base.seq || TranscriptCrypto.chainHash(state.sodium, again) !== base.chain) {
        // Every load from here on, this one's and any already under way, reads the whole transcript and marks the break.
        shown = { caseId: id, last: null, found: { gone: base } };
        return loadTranscript(id, base);
      }
      entries = entries.slice(1);
    }
    const opened = openEntries(c.conversationId, entries, base || undefined);
    if (base) appendEntries($("transcript"), opened, marksFor);
    else renderEntries($("transcript"), opened, marksFor);
    const lost = !base && gone && !(opened[gone.seq] && opened[gone.seq].chain === gone.chain);
    if (lost) $("transcript").appendChild(text("li", t("entriesGone"), "entry broken gone"));
    const checked = (base ? shown.found === INTACT : true) && opened.every((e) => !e.error) ? INTACT : BROKEN;
    if (opened.length) shown = { caseId: id, last: opened[opened.length - 1], found: lost ? { gone } : checked };
    else if (!base) shown = { caseId: id, last: null, found: lost ? { gone } : INTACT };
  });
}

export function loadNotes(id) {
  return api("GET", "/api/cases/" + enc(id) + "/notes").then((entries) => rosterFor(entries).then(() => entries)).then((entries) => {
    if (state.selected !== id) return;
    renderEntries($("notes"), openEntries("note-" + id, entries));
    $("notes-panel").hidden = entries.length === 0;
    $("notes-panel").open = true;
  });
}

export function clearTranscript() { $("transcript").textContent = ""; $("notes").textContent = ""; }

/** Another case opens: nothing of the previous one stays on screen. */
export function resetTranscript() { clearTranscript(); shown = { caseId: null, last: null, found: INTACT }; replyStates = {}; $("typing").textContent = ""; }

/** Shows the person's typing for a few seconds, on the case open in this page only. */
export function showPersonTyping(caseId) {
  if (state.selected !== caseId) return;
  $("typing").textContent = t("typing");
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(() => { $("typing").textContent = ""; }, 4000);
}
