// The holder (or a supervisor) corrects the screener: the case's severity and categories as the operator reads them,
// and why (kept as a sealed note). The screener's own rating stays beside it and feeds the supervisors' agreement figures.
import { $, text, enc, keepingFocus } from "./dom.js";
import { api } from "./api.js";
import { state, isSupervisor } from "./state.js";
import { t } from "./i18n.js";
import { severityName, categoryName } from "./labels.js";
import { refreshSelected } from "./case-view.js";

const SEVERITIES = ["none", "low", "medium", "high", "critical"];
const CATEGORIES = ["trafficking", "domestic_violence", "sexual_violence", "digital_violence", "self_harm", "child_at_risk", "hate_violence"];
let shown = null;  // the case the panel shows
let edited = null; // the case whose correction the operator changed and has not saved

export function renderRating(c) {
  const allowed = (c.status === "claimed" && c.holder === state.me) || isSupervisor();
  $("rating-panel").hidden = !allowed || c.status === "closed";
  $("rating-screened").textContent = t("ratingScreened", { s: severityName(c.screenedSeverity || c.severity) });
  // The case is drawn again with every message the person sends: a correction being made (not saved yet) keeps what
  // the operator chose, and a checkbox that had the focus keeps it.
  const select = $("rating-severity"), ul = $("rating-categories");
  const editing = edited === c.id && shown === c.id;
  const severity = editing ? select.value : c.severity;
  const categories = editing ? Array.from(ul.querySelectorAll("input:checked"), (b) => b.value) : c.categories;
  select.textContent = "";
  SEVERITIES.forEach((s) => { const o = text("option", severityName(s)); o.value = s; o.selected = s === severity; select.appendChild(o); });
  keepingFocus(ul, (el) => el.id ? "#" + CSS.escape(el.id) : null, () => {
    ul.textContent = "";
    CATEGORIES.forEach((name) => {
      const li = document.createElement("li"), box = document.createElement("input"), label = text("label", categoryName(name));
      box.type = "checkbox"; box.value = name; box.id = "rating-" + name; box.checked = categories.indexOf(name) >= 0;
      label.htmlFor = box.id;
      li.appendChild(box); li.appendChild(label); ul.appendChild(li);
    });
  });
  // A refresh of the same case keeps "Saved." (or the error) in view; another case starts clean.
  if (shown !== c.id) { $("rating-status").textContent = ""; $("rating-reason").value = ""; edited = null; }
  shown = c.id;
}

$("rating").addEventListener("input", () => { edited = shown; });
$("rating").addEventListener("change", () => { edited = shown; });

$("rating").addEventListener("submit", (e) => {
  e.preventDefault();
  const categories = Array.from(document.querySelectorAll("#rating-categories input:checked"), (b) => b.value);
  api("PUT", "/api/cases/" + enc(state.selected) + "/severity", { severity: $("rating-severity").value, categories, reason: $("rating-reason").value })
    .then(() => { edited = null; $("rating-reason").value = ""; $("rating-status").textContent = t("saved"); return refreshSelected(); })
    .catch((err) => { $("rating-status").textContent = err.message; });
});
