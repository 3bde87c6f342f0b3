// The newest team key record this browser accepted for each operator, kept in the browser's storage: outside Redis and
// outside the server. Someone who can write Redis could put back an older record, genuinely signed, from before a
// rotation that removed an operator; the removed operator still holds that older key. A service that lost its own floor
// (a new host) would accept it; this page refuses it, opens nothing and says why. A newer record counts only if its chain
// of team signing keys runs through the key that signed the floor: a key retired by a rotation (which the removed
// operator could open) can start a branch of its own, never continue this one.
import { $ } from "./dom.js";
import { t } from "./i18n.js";

const floorKey = (username) => "hl-team-key-floor:" + username;

function stored(username) {
  try { return JSON.parse(localStorage.getItem(floorKey(username)) || "null"); } catch (e) { return null; }
}

/**
 * The fingerprint of the team signing key that signs the record this page trusts: after a removal it is the new key's,
 * which an administrator pins on a new host. The header shows its first and last groups (64 bits, enough to compare by
 * eye with what the administrator gave) so that it stays one line; the whole of it is in its title.
 */
export function showTeamFingerprint(trust) {
  const groups = trust.fingerprint.match(/.{4}/g), print = $("team-fingerprint");
  print.textContent = t("teamKey") + " " + groups.slice(0, 2).join(" ") + " … " + groups.slice(-2).join(" ");
  print.title = t("teamKeyHint") + " " + groups.join(" ");
}

/** Throws (a message for the operator) if trust, from TranscriptCrypto.trustTeamRecord, is older than the floor; raises the floor otherwise. */
export function acceptTeamRecord(username, trust) {
  const floor = stored(username);
  // A floor written before the signing key rotated names the team's first key as its fingerprint, and nothing else.
  if (floor && floor.fingerprint === trust.team) {
    if (trust.version < floor.version) throw new Error(t("teamKeyRolledBack", { v: trust.version, n: floor.version }));
    if (trust.version === floor.version && trust.digest !== floor.digest) throw new Error(t("teamKeyForked", { v: trust.version }));
    if (trust.version === floor.version) return;
    if (trust.chain.indexOf(floor.signer || floor.fingerprint) < 0) throw new Error(t("teamKeyBranched", { v: trust.version, n: floor.version }));
  }
  try {
    localStorage.setItem(floorKey(username), JSON.stringify({ fingerprint: trust.team, version: trust.version, digest: trust.digest, signer: trust.fingerprint }));
  } catch (e) { /* storage blocked: this browser keeps no floor */ }
}
