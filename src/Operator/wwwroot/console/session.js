// Signing in (the passphrase unlocks the team key in this page and goes no further: see auth-keys.js), signing out, presence and wellbeing.
import { $, text } from "./dom.js";
import { api, whenUnauthorized } from "./api.js";
import { state, resetState, isSupervisor } from "./state.js";
import { loadQueue } from "./queue.js";
import { connectHub } from "./live.js";
import { renderCanned } from "./composer.js";
import { loadApprovals } from "./approvals.js";
import { clearAlerts, renderSurge } from "./notifications.js";
import { clearTranscript } from "./transcript.js";

function sodiumReady() {
  if (!window.sodium) return Promise.reject(new Error("The encryption library did not load."));
  return window.sodium.ready.then(() => window.sodium);
}

// auth-keys.js derives the authentication key here and sends only that; the wrapping key unlocks the keys in this page.
$("signin").addEventListener("submit", (e) => {
  e.preventDefault();
  const username = $("username").value.trim(), passphrase = $("password").value;
  $("signin-error").textContent = "Signing in…";
  sodiumReady()
    .then((sodium) => {
      state.sodium = sodium;
      return AuthKeys.signIn(sodium, username, passphrase);
    })
    .then((login) => {
      state.token = login.token;
      $("signin-error").textContent = "Unlocking the transcripts key…";
      return api("GET", "/api/keys/me").then((material) => {
        try { return { material, unlocked: AuthKeys.unlock(state.sodium, material, login.wrappingKey) }; }
        finally { state.sodium.memzero(login.wrappingKey); }
      });
    })
    .then((r) => {
      state.keys = r.unlocked;
      state.team = r.unlocked.team;
      state.me = r.material.username;
      state.roles = r.material.roles;
      $("password").value = "";
      $("signin-error").textContent = "";
      $("signin-view").hidden = true;
      $("console-shell").hidden = false;
      $("signout").hidden = false;
      $("tabs").hidden = false;
      $("presence").hidden = false; $("presence-label").hidden = false;
      $("tab-supervisor").hidden = !isSupervisor();
      $("who").textContent = "Signed in as " + state.me;
      return Promise.all([loadQueue(), connectHub(), loadReference(), refreshMe(), loadApprovals()]);
    })
    .catch((err) => { state.token = null; $("signin-error").textContent = err.message; });
});

export function signOut() {
  if (state.token) fetch("/api/auth/logout", { method: "POST", headers: { "Authorization": "Bearer " + state.token, "X-Hotline-Request": "1" } }).catch(() => {});
  if (state.keys) AuthKeys.forget(state.sodium, state.keys);
  if (state.hub) state.hub.stop();
  resetState();
  $("console-shell").hidden = true; $("signin-view").hidden = false; $("signout").hidden = true; $("who").textContent = "";
  $("tabs").hidden = true; $("presence").hidden = true; $("presence-label").hidden = true;
  clearTranscript();
  clearAlerts();
}
$("signout").addEventListener("click", signOut);
whenUnauthorized(signOut);

function loadReference() {
  return Promise.all([api("GET", "/api/canned"), api("GET", "/api/outcomes"), api("GET", "/api/municipalities")]).then((r) => {
    state.canned = r[0];
    const outcome = $("record-outcome");
    r[1].forEach((o) => { const opt = text("option", o); opt.value = o; outcome.appendChild(opt); });
    const muni = $("record-municipality");
    r[2].forEach((m) => { const opt = text("option", m.name + " (" + m.county + ")"); opt.value = m.name; muni.appendChild(opt); });
    renderCanned();
  });
}

// ---- presence and wellbeing ----
export function refreshMe() {
  return api("GET", "/api/me").then(renderMe);
}

function renderMe(me) {
  $("presence").value = me.status;
  const w = me.wellbeing;
  let line = "This shift: " + w.criticalThisShift + " critical case" + (w.criticalThisShift === 1 ? "" : "s") + " · " + w.minutesSinceBreak + " min since your last break";
  if (w.pauseSuggested) line += " — you have carried a heavy load: take a pause when you can (set your status to Away).";
  $("wellbeing").textContent = line;
  $("wellbeing").classList.toggle("pause", w.pauseSuggested);
  renderSurge(me.surge);
}
$("presence").addEventListener("change", () => {
  api("POST", "/api/me/presence", { status: $("presence").value }).then(renderMe).catch((err) => { $("case-error").textContent = err.message; });
});
setInterval(() => { if (state.token) refreshMe().catch(() => {}); }, 60000);
