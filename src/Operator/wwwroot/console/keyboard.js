// Keyboard shortcuts: Alt (Option on macOS) with a letter. e.code, not e.key: Option+C types "ç" on a Mac.
import { $ } from "./dom.js";
import { state } from "./state.js";
import { claim, release, openTransfer } from "./case-view.js";

const actions = {
  KeyC: claim,
  KeyR: () => $("reply-text").focus(),
  KeyT: openTransfer,
  KeyL: release,
};

document.addEventListener("keydown", (e) => {
  if (!state.token || !e.altKey || e.ctrlKey || e.metaKey) return;
  const action = actions[e.code];
  if (!action) return;
  e.preventDefault();
  action();
});
