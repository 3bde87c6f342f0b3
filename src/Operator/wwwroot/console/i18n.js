// The console's language: t() over the Operator's words (words.js), the switch between Albanian and English, and dates in the chosen locale.
// Static text in the page carries data-i18n (text), data-i18n-label (aria-label) or data-i18n-placeholder.

const STORE = "hl-console-language";
let language = (() => {
  try { const saved = localStorage.getItem(STORE); if (saved === "sq" || saved === "en") return saved; } catch (e) { /* storage blocked */ }
  return (navigator.language || "").toLowerCase().startsWith("sq") ? "sq" : "en";
})();
const listeners = [];

export const t = (key, vars) => HotlineWords.word(language, key, vars);

export const currentLanguage = () => language;

export const formatTime = (at) => HotlineDates.time(at);
export const formatDay = (at) => HotlineDates.day(at, language);
export const formatDateTime = (at) => HotlineDates.dateTime(at, language);

export function onLanguageChange(listener) { listeners.push(listener); }

export function applyLanguage() {
  document.documentElement.lang = language;
  document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll("[data-i18n-label]").forEach((e) => e.setAttribute("aria-label", t(e.dataset.i18nLabel)));
  document.querySelectorAll("[data-i18n-placeholder]").forEach((e) => e.setAttribute("placeholder", t(e.dataset.i18nPlaceholder)));
  const select = document.getElementById("ui-language");
  if (select) select.value = language;
}

export function setLanguage(next) {
  if (next !== "sq" && next !== "en") return;
  language = next;
  try { localStorage.setItem(STORE, next); } catch (e) { /* storage blocked */ }
  applyLanguage();
  listeners.forEach((f) => f());
}

document.getElementById("ui-language").addEventListener("change", (e) => setLanguage(e.target.value));
applyLanguage();
