// Locks the console after a while without anyone at it: the keys are forgotten, the transcript blanked, the session
// ended, and the sign-in form asks only for the passphrase again. What a person does (a key, a click, a scroll) counts
// as activity and, at most once a minute, tells the server so (POST /api/auth/activity); the console's own polling
// never does, so an unattended console's session runs out on the server too.
import { $ } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { signOut } from "./session.js";

export const IDLE_LOCK_MS = 10 * 60 * 1000;
const PING_EVERY_MS = 60 * 1000;
let lastActivity = Date.now(), lastPing = 0;

function activity() {
  lastActivity = Date.now();
  if (state.signedIn && lastActivity - lastPing > PING_EVERY_MS) {
    lastPing = lastActivity;
    api("POST", "/api/auth/activity").catch(() => {});
  }
}
["keydown", "pointerdown", "wheel", "touchstart"].forEach((type) => document.addEventListener(type, activity, { passive: true, capture: true }));

function lock() {
  const username = state.me;
  signOut();
  // The sign-in form, as the same person: only the passphrase to type ("Sign out" there starts afresh).
  $("username").value = username;
  $("username").readOnly = true;
  $("signin-other").hidden = false;
  $("signin-error").textContent = "Locked after " + Math.round(IDLE_LOCK_MS / 60000) + " minutes without activity: enter your passphrase to go on.";
  $("password").focus();
}

setInterval(() => {
  if (state.signedIn && state.team && Date.now() - lastActivity >= IDLE_LOCK_MS) lock();
}, 5000);

// Signing in (or unlocking) is activity.
new MutationObserver(() => { if (!$("console-shell").hidden) lastActivity = Date.now(); })
  .observe($("console-shell"), { attributes: true, attributeFilter: ["hidden"] });
