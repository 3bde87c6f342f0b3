// One notification area: an alert per case and kind, repeats merged and counted, cleared once the case is claimed;
// each names the case as its queue row does. Beyond the page: a sound (WebAudio, no asset), a desktop notification
// once the operator allowed them, and the count of alerts in the tab title.
import { $, text, button, keepingFocus } from "./dom.js";
import { state } from "./state.js";
import { t, onLanguageChange } from "./i18n.js";
import { caseName } from "./labels.js";
import { showView } from "./views.js";
import { select, decline } from "./case-view.js";

// Alerts as they reached this page (case id and time), for the latency measurement in the tests.
window.hlAlertLog = [];

const TITLE = document.title;
const active = new Map(); // "kind|caseId" → { li, count, message }
// What ends once someone claims the case (offers, new-case and deadline alerts); hand-overs and dispatch news stay.
const WAITING_KINDS = ["new", "offer", "stage1", "stage2", "stage3"];
const URGENT_KINDS = ["new", "offer", "handed", "stage1", "stage2", "stage3"];

function keyOf(kind, caseId) { return kind + "|" + (caseId || ""); }

/**
 * Shows an alert, or counts a repeat of one already shown (moved to the top, its words refreshed). The message is a
 * function of the interface language, so a switch of language rewords the alerts already shown.
 */
export function addAlert(caseId, kind, message, conversationId) {
  window.hlAlertLog.push({ caseId: caseId, conversationId: conversationId, kind: kind, at: Date.now() });
  const key = keyOf(kind, caseId);
  const list = $("alerts");
  let entry = active.get(key);
  if (entry) {
    entry.count++;
    entry.message = message;
  } else {
    const li = text("li", null, "alert " + kind);
    if (caseId) li.dataset.caseId = caseId;
    li.dataset.kind = kind;
    entry = { li: li, count: 1, message: message, caseId: caseId, kind: kind };
    active.set(key, entry);
  }
  // A repeat redraws its alert and moves it to the top: a keyboard user on one of its buttons stays on it.
  keepingFocus(list, sameButton, () => { draw(entry); list.insertBefore(entry.li, list.firstChild); });
  attention(entry);
  return entry.li;
}

// An alert's button, found again once the alert is drawn anew: by the alert's kind and case, and the button's action.
function sameButton(el) {
  const li = el.closest("li.alert");
  if (!li || !el.dataset.action) return null;
  return "li.alert[data-kind='" + CSS.escape(li.dataset.kind) + "']" + (li.dataset.caseId ? "[data-case-id='" + CSS.escape(li.dataset.caseId) + "']" : ":not([data-case-id])")
    + " button[data-action='" + el.dataset.action + "']";
}

function render(entry) { keepingFocus(entry.li, sameButton, () => draw(entry)); }

function draw(entry) {
  const li = entry.li, c = entry.caseId && state.cases[entry.caseId];
  li.textContent = "";
  const what = text("span", (c ? caseName(c) + " — " : "") + entry.message(), "what");
  what.title = what.textContent;
  li.appendChild(what);
  if (entry.count > 1) {
    const times = text("span", "×" + entry.count, "times");
    times.setAttribute("aria-label", entry.count + "×");
    li.appendChild(times);
  }
  const act = (name, b) => { b.dataset.action = name; li.appendChild(b); };
  if (entry.kind === "offer") act("decline", button(t("declineShort"), "secondary", () => decline(entry.caseId)));
  if (entry.caseId) act("open", button(t("open"), null, () => { showView("work"); select(entry.caseId); }));
  act("dismiss", button(t("dismiss"), "secondary", () => remove(keyOf(entry.kind, entry.caseId))));
}

function remove(key) {
  const entry = active.get(key);
  if (!entry) return;
  entry.li.remove();
  active.delete(key);
  updateTitle();
}

export function removeOfferAlerts(caseId) { remove(keyOf("offer", caseId)); }

/** The case is no longer waiting (claimed, closed): its waiting alerts are over. */
export function caseNoLongerWaiting(caseId) { WAITING_KINDS.forEach((k) => remove(keyOf(k, caseId))); }

/** A case's details arrived or changed: alerts naming it are redrawn with its name. */
export function renameAlerts(caseId) { active.forEach((e) => { if (e.caseId === caseId) render(e); }); }

export function clearAlerts() {
  active.clear();
  $("alerts").textContent = "";
  updateTitle();
}

export function renderSurge(s) {
  const p = $("surge");
  p.hidden = !s.active;
  p.textContent = s.active ? t("surge", { waiting: s.waiting, free: s.free }) : "";
}

function updateTitle() {
  const n = active.size;
  document.title = (n ? "(" + n + ") " : "") + TITLE;
}

// ---- beyond the page ----
let audio = null;
function chime(urgent) {
  // Browsers refuse audio before the person has used the page; after sign-in they have.
  if (navigator.userActivation && !navigator.userActivation.hasBeenActive) return;
  try {
    audio = audio || new AudioContext();
    if (audio.state === "suspended") audio.resume().catch(() => {});
    const now = audio.currentTime;
    (urgent ? [880, 660, 880] : [660]).forEach((hz, i) => {
      const osc = audio.createOscillator(), gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, now + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.25, now + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.18);
      osc.stop(now + i * 0.18 + 0.17);
    });
    window.hlChimes = (window.hlChimes || 0) + 1;
  } catch (e) { /* no audio device: the page and the title still show it */ }
}

function attention(entry) {
  updateTitle();
  const urgent = URGENT_KINDS.indexOf(entry.kind) >= 0;
  chime(urgent);
  if (urgent && "Notification" in window && Notification.permission === "granted" && document.visibilityState !== "visible") {
    const c = entry.caseId && state.cases[entry.caseId];
    // No message text ever: the case's name (severity, categories, channel) and what happened.
    const n = new Notification(TITLE, { body: (c ? caseName(c) + "\n" : "") + entry.message(), tag: keyOf(entry.kind, entry.caseId) });
    n.onclick = () => { window.focus(); if (entry.caseId) { showView("work"); select(entry.caseId); } n.close(); };
  }
}

function offerDesktopAlerts() {
  const b = $("desktop-alerts");
  b.hidden = !("Notification" in window) || Notification.permission !== "default";
}
$("desktop-alerts").addEventListener("click", () => {
  // Asking also unlocks the sound: browsers allow audio once the person has interacted with the page.
  chime(false);
  Notification.requestPermission().then(offerDesktopAlerts, offerDesktopAlerts);
});
export function startNotifications() { offerDesktopAlerts(); }

onLanguageChange(() => active.forEach(render));
