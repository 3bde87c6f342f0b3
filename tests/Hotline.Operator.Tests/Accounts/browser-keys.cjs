// Drives the console's own auth-keys.js under Node with libsodium-wrappers-sumo, against a running Operator
// service over real HTTP: what the browser does, without the page. Usage: node browser-keys.cjs COMMAND ARGS…,
// secrets as JSON on stdin. Prints one JSON line with the result (and "progress …" lines while rotating).
"use strict";
const path = require("path");
const sodiumModule = require("libsodium-wrappers-sumo");
require(path.join(process.cwd(), "src/Operator/wwwroot/auth-keys.js"));
require(path.join(process.cwd(), "src/Operator/wwwroot/transcript-crypto.js"));
const AuthKeys = globalThis.AuthKeys;
const TranscriptCrypto = globalThis.TranscriptCrypto;

function readStdin() {
  return new Promise((resolve) => {
    let data = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (c) => (data += c));
    process.stdin.on("end", () => resolve(data ? JSON.parse(data) : {}));
  });
}

const b64 = (s, bytes) => s.to_base64(bytes, s.base64_variants.ORIGINAL);
const fetchFrom = (base, token) => (p, init) => {
  init = init || {};
  init.headers = Object.assign({}, init.headers || {}, token ? { Authorization: "Bearer " + token, "X-Hotline-Request": "1" } : {});
  return fetch(new URL(p, base), init);
};

async function unlocked(sodium, base, username, passphrase) {
  const login = await AuthKeys.signIn(sodium, username, passphrase, fetchFrom(base));
  const material = await (await fetchFrom(base, login.token)("/api/keys/me")).json();
  const keys = AuthKeys.unlock(sodium, material, login.wrappingKey);
  sodium.memzero(login.wrappingKey);
  return { token: login.token, material, keys };
}

async function main() {
  await sodiumModule.ready;
  const sodium = sodiumModule;
  const [command, base, ...args] = process.argv.slice(2);
  const input = await readStdin();
  switch (command) {
    case "sign-in": {
      const u = await unlocked(sodium, base, args[0], input.passphrase);
      const team = u.keys.team;
      const matches = (k) => b64(sodium, sodium.crypto_scalarmult_base(k.privateKey)) === b64(sodium, k.publicKey);
      return { token: u.token, teamKeyVersion: team.version, teamKeyOpens: matches(team), olderKeys: team.older.map((k) => ({ version: k.version, opens: matches(k) })),
        teamPrivateKey: input.revealTeamKeys ? [team].concat(team.older).map((k) => ({ version: k.version, publicKey: b64(sodium, k.publicKey), privateKey: b64(sodium, k.privateKey) })) : undefined };
    }
    case "enrol": {
      const [admin, username, roles] = args;
      const u = await unlocked(sodium, base, admin, input.adminPassphrase);
      const weakness = AuthKeys.passphraseWeakness(input.passphrase, username, input.common || []);
      if (weakness) return { refused: weakness };
      // input.signing: also the new operator's signing key, certified by the team signing key, as the console makes it.
      const signSealed = input.signing ? (await (await fetchFrom(base, u.token)("/api/keys/team")).json()).signSealed : undefined;
      const prepared = AuthKeys.prepareAccount(sodium, { username, passphrase: input.passphrase, roles: roles.split(","), team: roles === "MobileUnit" ? null : u.keys.team, municipalities: input.municipalities, signSealed });
      const r = await fetchFrom(base, u.token)("/api/operators", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(prepared.body) });
      return { status: r.status, recoveryKey: prepared.recoveryKey, body: await r.json().catch(() => null) };
    }
    case "remove": {
      const [admin, username] = args;
      const u = await unlocked(sodium, base, admin, input.adminPassphrase);
      const started = performance.now();
      const read = async (p) => (await fetchFrom(base, u.token)(p)).json();
      const listing = await read("/api/operators");
      // As the console holds them: the team key record it trusts through the pin, and the roster that record certified.
      u.keys.team.trust = TranscriptCrypto.trustTeamRecord(sodium, await read("/api/keys/team"));
      u.keys.team.roster = TranscriptCrypto.trustRoster(sodium, u.keys.team.trust, await read("/api/keys/operators"));
      const body = AuthKeys.prepareRotation(sodium, username, listing, u.keys.team, (step, done, total) => console.log(`progress ${step} ${done}/${total}`));
      const prepared = performance.now();
      const r = await fetchFrom(base, u.token)(`/api/operators/${encodeURIComponent(username)}/removal`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const answer = await r.json().catch(() => null);
      return { status: r.status, body: answer, timing: { prepareMs: prepared - started, saveMs: performance.now() - prepared } };
    }
    case "change": {
      const [username] = args;
      const login = await AuthKeys.signIn(sodium, username, input.current, fetchFrom(base));
      sodium.memzero(login.wrappingKey);
      const material = await (await fetchFrom(base, login.token)("/api/keys/me")).json();
      const body = AuthKeys.preparePassphraseChange(sodium, material, login.kdf, input.current, input.next);
      const r = await fetchFrom(base, login.token)("/api/auth/passphrase", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      return { status: r.status };
    }
    case "reset": {
      const [username] = args;
      await AuthKeys.resetWithRecoveryKey(sodium, username, input.recoveryKey, input.passphrase, fetchFrom(base));
      return { status: 204 };
    }
    case "vectors": {
      // The KDF split and wrap/unwrap on given inputs, for comparison with HotlineCrypto.
      const keys = AuthKeys.deriveKeys(sodium, input.passphrase, input.kdf);
      const recovery = AuthKeys.split(sodium, sodium.from_hex(input.recoveryKeyHex), AuthKeys.RECOVERY_CONTEXT);
      const unwrapped = AuthKeys.unwrapKey(sodium, input.wrappedByCSharp, keys.wrappingKey);
      const wrapped = AuthKeys.wrapKey(sodium, sodium.from_base64(input.privateKey, sodium.base64_variants.ORIGINAL), keys.wrappingKey);
      let wrongOpens = true;
      try { AuthKeys.unwrapKey(sodium, input.wrappedByCSharp, keys.authKey); } catch (e) { wrongOpens = false; }
      return { authKey: b64(sodium, keys.authKey), wrappingKey: b64(sodium, keys.wrappingKey), recoveryAuthKey: b64(sodium, recovery.authKey), recoveryWrappingKey: b64(sodium, recovery.wrappingKey),
        unwrapped: b64(sodium, unwrapped), wrappedByJs: wrapped, authKeyUnwraps: wrongOpens };
    }
    default:
      throw new Error("unknown command " + command);
  }
}

main().then((r) => { console.log(JSON.stringify(r)); }, (e) => { console.error(e && e.stack || e); process.exit(1); });
