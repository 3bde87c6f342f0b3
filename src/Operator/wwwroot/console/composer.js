// The reply box: send (Ctrl/⌘+Enter), tell the person the operator is typing, canned answers.
import { $, text, enc } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { loadTranscript } from "./transcript.js";
import { showError } from "./case-view.js";

export function sendReply() {
  const t = $("reply-text").value.trim(), id = state.selected;
  if (!t || $("reply").querySelector("button[type=submit]").disabled) return;
  api("POST", "/api/cases/" + enc(id) + "/messages", { text: t })
    .then(() => { $("reply-text").value = ""; return loadTranscript(id); })
    .catch(showError);
}
$("reply").addEventListener("submit", (e) => { e.preventDefault(); sendReply(); });
$("reply-text").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); sendReply(); } });
$("reply-text").addEventListener("input", () => {
  const now = Date.now(), c = state.cases[state.selected];
  if (!c || c.holder !== state.me || now - state.typingAt < 3000) return;
  state.typingAt = now;
  api("POST", "/api/cases/" + enc(state.selected) + "/typing").catch(() => {});
});

export function renderCanned() {
  const sel = $("canned"), c = state.selected && state.cases[state.selected];
  const lang = c ? c.language : "sq";
  sel.textContent = "";
  sel.appendChild(text("option", "—")).value = "";
  state.canned.slice().sort((a, b) => (a.language === lang ? 0 : 1) - (b.language === lang ? 0 : 1)).forEach((a) => {
    const opt = text("option", a.language + " · " + a.title);
    opt.value = String(state.canned.indexOf(a));
    sel.appendChild(opt);
  });
}
$("canned").addEventListener("change", () => {
  const a = state.canned[Number($("canned").value)];
  if (a) { $("reply-text").value = a.text; $("reply-text").focus(); }
});
