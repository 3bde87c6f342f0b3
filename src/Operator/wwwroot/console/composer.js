// The reply box, pinned under the conversation: send (Ctrl+Enter, ⌘+Enter on a Mac), tell the person the operator is
// typing, and canned answers: "/" then a few letters lists them, Enter or a click inserts one at the cursor.
import { $, text, enc } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { languageName } from "./labels.js";
import { loadTranscript, setReplyState, showPendingReply, signedWords } from "./transcript.js";
import { showError } from "./case-view.js";

const box = $("reply-text"), list = $("canned-list");

export function sendReply() {
  const words = box.value.trim(), id = state.selected;
  if (!words || $("reply").querySelector("button[type=submit]").disabled) return;
  box.value = "";
  const pending = showPendingReply(words);
  api("POST", "/api/cases/" + enc(id) + "/messages", signedWords((state.cases[id] || state.detail.case).conversationId, words))
    .then((r) => { setReplyState(r.sequence, "sending"); return loadTranscript(id).finally(pending.remove); })
    .catch((err) => {
      // Not stored: the words go back into the box, to send again.
      pending.failed();
      if (!box.value) box.value = words;
      showError(err);
    });
}
$("reply").addEventListener("submit", (e) => { e.preventDefault(); sendReply(); });

box.addEventListener("input", () => {
  showCanned();
  const now = Date.now(), c = state.cases[state.selected];
  if (!c || c.holder !== state.me || now - state.typingAt < 3000) return;
  state.typingAt = now;
  api("POST", "/api/cases/" + enc(state.selected) + "/typing").catch(() => {});
});

// ---- canned answers ----
let matches = [], active = 0, slash = -1;

/** The "/word" being typed just before the cursor, if any: where its slash is and the word. */
function slashQuery() {
  const before = box.value.slice(0, box.selectionStart);
  const m = /(^|\s)\/([^\s/]*)$/.exec(before);
  return m ? { at: before.length - m[2].length - 1, q: m[2].toLowerCase() } : null;
}

function showCanned() {
  const found = slashQuery();
  if (!found || !state.canned.length) return hideCanned();
  const c = state.cases[state.selected], lang = c ? c.language : null;
  slash = found.at;
  matches = state.canned
    .filter((a) => !found.q || (a.title + " " + a.text + " " + a.id).toLowerCase().indexOf(found.q) >= 0)
    .sort((a, b) => (a.language === lang ? 0 : 1) - (b.language === lang ? 0 : 1))
    .slice(0, 8);
  if (!matches.length) return hideCanned();
  active = 0;
  drawCanned();
}

function drawCanned() {
  list.textContent = "";
  matches.forEach((a, i) => {
    const li = text("li", a.title + " · " + languageName(a.language));
    li.id = "canned-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", String(i === active));
    li.title = a.text;
    li.addEventListener("mousedown", (e) => { e.preventDefault(); insertCanned(i); });
    list.appendChild(li);
  });
  list.hidden = false;
  box.setAttribute("aria-activedescendant", "canned-" + active);
}

function hideCanned() {
  list.hidden = true;
  matches = [];
  box.removeAttribute("aria-activedescendant");
}

function insertCanned(i) {
  const a = matches[i], end = box.selectionStart;
  if (!a) return;
  box.value = box.value.slice(0, slash) + a.text + box.value.slice(end);
  const caret = slash + a.text.length;
  box.setSelectionRange(caret, caret);
  hideCanned();
  box.focus();
}

box.addEventListener("keydown", (e) => {
  if (!list.hidden) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      drawCanned();
      return;
    }
    if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); insertCanned(active); return; }
    if (e.key === "Escape") { e.preventDefault(); hideCanned(); return; }
  }
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); sendReply(); }
});
box.addEventListener("blur", () => setTimeout(hideCanned, 100));
