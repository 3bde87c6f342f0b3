// Keyboard shortcuts: Alt (Option on a Mac) with a letter. They read e.code, the physical key, not e.key: on a Mac
// Option+C types "ç", and on Albanian or other layouts the letter may differ.
import { $ } from "./dom.js";
import { state } from "./state.js";
import { t, onLanguageChange } from "./i18n.js";
import { claim, release, openTransfer, openNote, takeNext } from "./case-view.js";
import { moveSelection } from "./queue.js";

const actions = {
  KeyN: takeNext,
  KeyJ: () => moveSelection(1),
  KeyK: () => moveSelection(-1),
  KeyC: claim,
  KeyR: () => $("reply-text").focus(),
  KeyP: openNote,
  KeyT: openTransfer,
  KeyL: release,
};

document.addEventListener("keydown", (e) => {
  if (!state.signedIn || !e.altKey || e.ctrlKey || e.metaKey) return;
  const action = actions[e.code];
  if (!action) return;
  e.preventDefault();
  action();
});

function hint() { $("keys-hint").textContent = t("keys"); }
onLanguageChange(hint);
hint();
