// Accounts, with the keys made and opened in this page (auth-keys.js): enrolling an operator (their key pair, the team
// key sealed to them, a recovery key shown once), removing one (a new team key sealed to everyone else, the old one
// sealed under it, with its progress shown), changing one's own passphrase, and a reset with the recovery key.
import { $, text } from "./dom.js";
import { api } from "./api.js";
import { state } from "./state.js";
import { t, onLanguageChange } from "./i18n.js";
import { loadRoster } from "./transcript.js";
import { acceptTeamRecord, showTeamFingerprint } from "./team-floor.js";

const canManage = () => state.roles.indexOf("Supervisor") >= 0 || state.roles.indexOf("Admin") >= 0;
let common = null;
const commonPassphrases = () => common || (common = AuthKeys.commonPassphrases().catch(() => []));

function checkNew(passphrase, again, username) {
  if (passphrase !== again) return Promise.reject(new Error(t("passDiffer")));
  return commonPassphrases().then((list) => {
    const weakness = AuthKeys.passphraseWeakness(passphrase, username, list,
      { short: t("passShort", { n: 12 }), username: t("passUsername"), common: t("passCommon") });
    if (weakness) throw new Error(weakness);
  });
}

export function loadAccounts() {
  if (!canManage() || !state.team) return Promise.resolve();
  return api("GET", "/api/operators").then((listing) => {
    $("team-key-version").textContent = t("teamKeyVersion", { v: listing.teamKey.version });
    const body = $("accounts-table").querySelector("tbody");
    body.textContent = "";
    listing.operators.forEach((o) => {
      const row = document.createElement("tr");
      row.appendChild(text("td", o.username));
      row.appendChild(text("td", o.roles.join(", ")));
      row.appendChild(text("td", o.holdsTeamKey ? t("keyVersion", { v: o.teamKeyVersion }) : t("keyNone")));
      const cell = document.createElement("td");
      if (o.username !== state.me) {
        const remove = text("button", t("removeWho", { who: o.username }));
        remove.type = "button"; remove.className = "secondary";
        remove.addEventListener("click", () => removeAccount(o.username));
        cell.appendChild(remove);
      }
      row.appendChild(cell);
      body.appendChild(row);
    });
  }).catch((err) => { $("rotation-status").textContent = err.message; });
}
$("tab-supervisor").addEventListener("click", () => { loadAccounts(); });
onLanguageChange(() => { if (state.view === "supervisor") loadAccounts(); });

// The server cannot rotate the team key: this page makes the new one and seals it, step by step.
function removeAccount(username) {
  if (!window.confirm(t("removeConfirm", { who: username }))) return;
  const bar = $("rotation-progress"), status = $("rotation-status");
  bar.hidden = false; bar.value = 0;
  status.textContent = t("rotPreparing");
  // The roster read again first: the removal the page signs names the operator's certified key.
  Promise.all([api("GET", "/api/operators"), loadRoster()]).then(([listing]) => {
    const holder = listing.operators.find((o) => o.username === username);
    const body = holder && holder.holdsTeamKey
      ? AuthKeys.prepareRotation(state.sodium, username, listing, state.team, (step, done, total) => {
        bar.max = total; bar.value = done;
        status.textContent = step === "seal" ? t("rotSealed", { done: done, total: total }) : t("rotSaving");
      })
      : {};
    return api("POST", "/api/operators/" + encodeURIComponent(username) + "/removal", body);
  }).then((removed) => {
    status.textContent = t("rotDone", { who: removed.removed, v: removed.teamKeyVersion });
    return refreshTeamKeys().then(loadAccounts);
  }).catch((err) => { status.textContent = err.message; bar.hidden = true; });
}

// After a rotation this page still holds the operator's own key: it opens the new team key without the passphrase,
// and trusts the new team key record only if the key that signed the one it trusted handed over to the one that signs it
// (else entries stay unverified, not shown).
export function refreshTeamKeys() {
  return Promise.all([api("GET", "/api/keys/me"), api("GET", "/api/keys/team")]).then(([material, teamRecord]) => {
    if (!state.keys || material.teamKeyVersion === state.team.version) return;
    const trust = TranscriptCrypto.trustTeamRecord(state.sodium, teamRecord);
    if (trust.team !== state.team.trust.team || trust.chain.indexOf(state.team.trust.fingerprint) < 0) throw new Error(t("teamKeyBranched", { v: trust.version, n: state.team.version }));
    acceptTeamRecord(state.me, trust);
    const team = AuthKeys.openTeamKeys(state.sodium, material, state.keys.operator);
    team.trust = trust;
    team.roster = state.team.roster;
    AuthKeys.forget(state.sodium, { team: state.keys.team });
    state.keys.team = team; state.team = team;
    showTeamFingerprint(trust);
    // Whose keys were removed, and when, the new record says: the roster is trusted again under it.
    return loadRoster();
  });
}

$("enrol-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const username = $("enrol-username").value.trim(), roles = $("enrol-roles").value.split(",");
  const passphrase = $("enrol-password").value, status = $("enrol-status");
  const isUnit = roles[0] === "MobileUnit";
  status.textContent = t("makingKeys");
  $("enrol-recovery").hidden = true;
  checkNew(passphrase, $("enrol-password2").value, username).then(() => {
    const municipalities = $("enrol-municipalities").value.split(",").map((m) => m.trim()).filter(Boolean);
    const prepared = AuthKeys.prepareAccount(state.sodium, {
      username, passphrase, roles, team: isUnit ? null : state.team, signSealed: isUnit ? null : state.team.trust.signSealed, municipalities: isUnit ? municipalities : null
    });
    return api("POST", "/api/operators", prepared.body).then(() => prepared.recoveryKey);
  }).then((recoveryKey) => {
    $("enrol-password").value = ""; $("enrol-password2").value = "";
    status.textContent = t("enrolled", { who: username });
    const shown = $("enrol-recovery");
    shown.textContent = t("recoveryShown", { who: username, key: recoveryKey });
    shown.hidden = false;
    return loadAccounts();
  }).catch((err) => { status.textContent = err.message; });
});

$("passphrase-toggle").addEventListener("click", () => {
  const panel = $("my-passphrase");
  panel.hidden = !panel.hidden;
  $("passphrase-toggle").setAttribute("aria-expanded", String(!panel.hidden));
});

$("passphrase-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const current = $("passphrase-current").value, next = $("passphrase-new").value, status = $("passphrase-status");
  status.textContent = t("rewrapping");
  checkNew(next, $("passphrase-new2").value, state.me)
    .then(() => fetch("/api/auth/prelogin", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: state.me }) }).then((r) => r.json()))
    .then((kdf) => api("GET", "/api/keys/me").then((material) => AuthKeys.preparePassphraseChange(state.sodium, material, kdf, current, next)))
    .then((body) => api("POST", "/api/auth/passphrase", body))
    .then(() => {
      ["passphrase-current", "passphrase-new", "passphrase-new2"].forEach((id) => { $(id).value = ""; });
      status.textContent = t("passChanged");
    })
    .catch((err) => { status.textContent = /does not unlock/.test(err.message) ? t("passWrongCurrent") : err.message; });
});

$("recover-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const username = $("recover-username").value.trim(), passphrase = $("recover-password").value, status = $("recover-status");
  status.textContent = t("checkingRecovery");
  window.sodium.ready
    .then(() => checkNew(passphrase, passphrase, username))
    .then(() => AuthKeys.resetWithRecoveryKey(window.sodium, username, $("recover-key").value, passphrase))
    .then(() => {
      $("recover-key").value = ""; $("recover-password").value = "";
      status.textContent = t("recoverDone");
      $("username").value = username;
    })
    .catch((err) => { status.textContent = err.status === 401 ? t("recoverWrong") : err.message; });
});

// Shown with the console once signed in.
new MutationObserver(() => { $("passphrase-toggle").hidden = $("console-shell").hidden; if ($("console-shell").hidden) $("my-passphrase").hidden = true; })
  .observe($("console-shell"), { attributes: true, attributeFilter: ["hidden"] });

// A rotation made in another console: pick up the new team key within a minute (a read: it does not renew the session).
setInterval(() => { if (state.signedIn && state.keys) refreshTeamKeys().catch(() => {}); }, 60000);
