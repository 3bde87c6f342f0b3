// Signing in and unlocking: the passphrase unlocks the team key in this page and goes no further (see auth-keys.js).
// The session itself lives in an HttpOnly cookie, so a reload keeps it and asks only for the passphrase again (the
// keys are never stored).
// Also signing out, presence (always as the server has it) and wellbeing.
import { $, text } from "./dom.js";
import { api, whenUnauthorized } from "./api.js";
import { state, resetState, isSupervisor } from "./state.js";
import { t, onLanguageChange } from "./i18n.js";
import { loadQueue } from "./queue.js";
import { connectHub } from "./live.js";
import { loadApprovals } from "./approvals.js";
import { clearAlerts, renderSurge, startNotifications } from "./notifications.js";
import { clearCase } from "./case-view.js";
import { loadRoster } from "./transcript.js";
import { acceptTeamRecord, showTeamFingerprint } from "./team-floor.js";

// Sign-in-to-usable time, for the measurement in the tests: submit pressed → queue shown, live and unlocked.
window.hlTimings = {};

function sodiumReady() {
  if (!window.sodium) return Promise.reject(new Error("The encryption library did not load."));
  return window.sodium.ready.then(() => window.sodium);
}

/** Signs in: auth-keys.js derives the authentication key here and sends only that. Resolves {token, wrappingKey}. */
function login(username, passphrase) {
  return sodiumReady().then((sodium) => {
    state.sodium = sodium;
    return AuthKeys.signIn(sodium, username, passphrase);
  }).catch((err) => { throw err.status === 401 ? new Error(t("wrong")) : err; });
}

/** After a reload the session is still good: only the wrapping key is needed, derived again from the passphrase. */
function wrappingKeyFor(username, passphrase) {
  return sodiumReady().then((sodium) => {
    state.sodium = sodium;
    return fetch("/api/auth/prelogin", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: username }) })
      .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then((kdf) => {
        const keys = AuthKeys.deriveKeys(sodium, passphrase, kdf);
        sodium.memzero(keys.authKey);
        return keys.wrappingKey;
      });
  });
}

/** Opens the operator's and the team's keys with the wrapping key (then zeroed), then shows the console. */
function unlock(wrappingKey) {
  $("signin-error").textContent = t("unlocking");
  return Promise.all([api("GET", "/api/keys/me"), api("GET", "/api/keys/team")]).then(([material, teamRecord]) => {
    // Entries are shown only if signed by a service the team key record lists, itself signed by the pinned key, and not
    // older than the newest record this browser accepted for this operator (a rollback opens nothing).
    let trust;
    try {
      trust = TranscriptCrypto.trustTeamRecord(state.sodium, teamRecord);
      acceptTeamRecord(material.username, trust);
    } catch (err) { state.sodium.memzero(wrappingKey); throw err; }
    try { state.keys = AuthKeys.unlock(state.sodium, material, wrappingKey); }
    catch (err) { throw new Error(t("wrong")); }
    finally { state.sodium.memzero(wrappingKey); }
    state.team = state.keys.team;
    state.team.trust = trust;
    return ensureSigningKey(material).then(loadRoster).then(() => material);
  }).then((material) => {
    state.me = material.username;
    state.roles = material.roles;
    state.signedIn = true;
    $("password").value = "";
    $("signin-error").textContent = "";
    $("signin-view").hidden = true;
    $("console-shell").hidden = false;
    $("signout").hidden = false;
    $("tabs").hidden = false;
    $("presence").hidden = false; $("presence-label").hidden = false;
    $("tab-supervisor").hidden = !isSupervisor();
    showIdentity();
    startNotifications();
    return Promise.all([loadQueue(), connectHub(), loadReference(), refreshMe(), loadApprovals()]);
  }).then(() => { window.hlTimings.usableAt = performance.now(); });
}

/**
 * The operator's own signing key, which signs their replies and notes in this page: an account enrolled before it had
 * one gets it now, made here and certified with the team signing key (the server only stores it). Another page that
 * made it first wins (409): its key is read back.
 */
function ensureSigningKey(material) {
  if (state.keys.operator.signSecret || !material.sealedTeamKey) return Promise.resolve();
  const sodium = state.sodium;
  const teamSigning = AuthKeys.openTeamSigningKey(sodium, state.team.trust.signSealed, state.team);
  const made = AuthKeys.makeSigningKey(sodium, material.username, state.keys.operator.publicKey, teamSigning);
  sodium.memzero(teamSigning);
  return api("POST", "/api/keys/me/signing", made.fields).then(() => { state.keys.operator.signSecret = made.secretKey; }, (err) => {
    sodium.memzero(made.secretKey);
    if (err.status !== 409) throw err;
    return api("GET", "/api/keys/me").then((again) => {
      const opened = { publicKey: state.keys.operator.publicKey, privateKey: state.keys.operator.privateKey };
      AuthKeys.openSigningKey(sodium, again, opened);
      state.keys.operator.signSecret = opened.signSecret;
    });
  });
}

let resuming = null; // the username of a session that survived a reload, waiting for the passphrase

$("signin").addEventListener("submit", (e) => {
  e.preventDefault();
  window.hlTimings.submitAt = performance.now();
  const username = $("username").value.trim(), passphrase = $("password").value;
  $("signin-error").textContent = t("signingIn");
  const ready = resuming ? wrappingKeyFor(resuming, passphrase) : login(username, passphrase).then((l) => { state.token = l.token; return l.wrappingKey; });
  ready.then(unlock)
    .catch((err) => {
      if (!resuming) state.token = null;
      state.team = null;
      state.keys = null;
      $("signin-error").textContent = err.message;
    });
});

/** After a reload: if the session cookie is still good, ask only for the passphrase. */
function resume() {
  fetch("/api/keys/me", { cache: "no-store", headers: { "X-Hotline-Request": "1" } })
    .then((r) => (r.ok ? r.json() : null))
    .then((keys) => {
      if (!keys) return;
      resuming = keys.username;
      $("username").value = keys.username;
      $("username").readOnly = true;
      $("signin-title").textContent = t("unlockTitle");
      $("signin-hint").hidden = false;
      $("signin-other").hidden = false;
      $("password").focus();
    })
    .catch(() => {});
}

function endResume() {
  resuming = null;
  $("username").readOnly = false;
  $("username").value = "";
  $("signin-title").textContent = t("signIn");
  $("signin-hint").hidden = true;
  $("signin-other").hidden = true;
}

export function signOut() {
  if (state.signedIn || resuming) {
    const headers = { "X-Hotline-Request": "1" };
    if (state.token) headers.Authorization = "Bearer " + state.token;
    fetch("/api/auth/logout", { method: "POST", headers: headers }).catch(() => {});
  }
  if (state.keys) AuthKeys.forget(state.sodium, state.keys);
  if (state.hub) state.hub.stop();
  resetState();
  endResume();
  $("console-shell").hidden = true; $("signin-view").hidden = false; $("signout").hidden = true; $("who").textContent = "";
  $("tabs").hidden = true; $("presence").hidden = true; $("presence-label").hidden = true;
  clearCase();
  clearAlerts();
}
$("signout").addEventListener("click", signOut);
$("signin-other").addEventListener("click", signOut);
whenUnauthorized(signOut);

function fill(select, items, label, value) {
  while (select.options.length > 1) select.remove(1);
  items.forEach((o) => { const opt = text("option", label(o)); opt.value = value(o); select.appendChild(opt); });
}

function loadReference() {
  return Promise.all([api("GET", "/api/canned"), api("GET", "/api/outcomes"), api("GET", "/api/municipalities")]).then((r) => {
    state.canned = r[0];
    fill($("record-outcome"), r[1], (o) => o, (o) => o);
    fill($("resolve-outcome"), r[1], (o) => o, (o) => o);
    fill($("record-municipality"), r[2], (m) => m.name + " (" + m.county + ")", (m) => m.name);
  });
}

// ---- presence and wellbeing: what the server holds, never a default of this page ----
let meAsked = 0;
export function refreshMe() {
  // Answers can overtake each other (the sign-in's and the hub's right after it): only the latest question's is shown.
  const asked = ++meAsked;
  return api("GET", "/api/me").then((me) => { if (asked === meAsked) renderMe(me); });
}

let lastMe = null;
function renderMe(me) {
  lastMe = me;
  $("presence").value = me.status;
  const w = me.wellbeing;
  let line = t("wellbeing", { n: w.criticalThisShift, m: w.minutesSinceBreak });
  if (w.pauseSuggested) line += t("pause");
  $("wellbeing").textContent = line;
  $("wellbeing").classList.toggle("pause", w.pauseSuggested);
  renderSurge(me.surge);
}

/** Who is signed in, and the team key this page trusts (showTeamFingerprint). */
function showIdentity() {
  $("who").textContent = t("signedInAs", { who: state.me });
  showTeamFingerprint(state.team.trust);
}

onLanguageChange(() => { if (lastMe && state.signedIn) renderMe(lastMe); if (state.signedIn) showIdentity(); });
$("presence").addEventListener("change", () => {
  api("POST", "/api/me/presence", { status: $("presence").value }).then(renderMe).catch((err) => { $("case-error").textContent = err.message; });
});
setInterval(() => { if (state.signedIn) refreshMe().catch(() => {}); }, 60000);

resume();
