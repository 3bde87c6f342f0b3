// The newest team key record this browser accepted for each operator, kept in the browser's storage: outside Redis and
// outside the server. Someone who can write Redis could put back an older record, genuinely signed, from before a
// rotation that removed an operator; the removed operator still holds that older key. A service that lost its own floor
// (a new host) would accept it; this page refuses it, opens nothing and says why.
import { t } from "./i18n.js";

const floorKey = (username) => "hl-team-key-floor:" + username;

function stored(username) {
  try { return JSON.parse(localStorage.getItem(floorKey(username)) || "null"); } catch (e) { return null; }
}

/** Throws (a message for the operator) if trust, from TranscriptCrypto.trustTeamRecord, is older than the floor; raises the floor otherwise. */
export function acceptTeamRecord(username, trust) {
  const floor = stored(username);
  if (floor && floor.fingerprint === trust.fingerprint) {
    if (trust.version < floor.version) throw new Error(t("teamKeyRolledBack", { v: trust.version, n: floor.version }));
    if (trust.version === floor.version && trust.digest !== floor.digest) throw new Error(t("teamKeyForked", { v: trust.version }));
    if (trust.version === floor.version) return;
  }
  try {
    localStorage.setItem(floorKey(username), JSON.stringify({ fingerprint: trust.fingerprint, version: trust.version, digest: trust.digest }));
  } catch (e) { /* storage blocked: this browser keeps no floor */ }
}
