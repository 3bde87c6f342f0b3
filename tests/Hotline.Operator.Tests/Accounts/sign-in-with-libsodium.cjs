// Signs in to the Operator service with libsodium alone (none of the console's code), to show the contract is enough
// for a script in any language: prelogin → crypto_pwhash → crypto_kdf_derive_from_key → login → unwrap → open.
// Usage: node sign-in-with-libsodium.cjs BASE_URL USERNAME, passphrase on stdin. Prints a JSON line.
"use strict";
const sodium = require("libsodium-wrappers-sumo");

async function post(base, path, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const r = await fetch(new URL(path, base), { method: "POST", headers, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path} answered ${r.status}`);
  return r.json();
}

async function main() {
  await sodium.ready;
  const [base, username] = process.argv.slice(2);
  let passphrase = "";
  for await (const chunk of process.stdin) passphrase += chunk;
  const B = (s) => sodium.from_base64(s, sodium.base64_variants.ORIGINAL);
  const S = (b) => sodium.to_base64(b, sodium.base64_variants.ORIGINAL);

  const kdf = await post(base, "/api/auth/prelogin", { username });
  const master = sodium.crypto_pwhash(32, passphrase, B(kdf.salt), kdf.opsLimit, kdf.memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const authKey = sodium.crypto_kdf_derive_from_key(32, 1, "HLLOGIN1", master);
  const wrappingKey = sodium.crypto_kdf_derive_from_key(32, 2, "HLLOGIN1", master);
  const loginBody = { username, authKey: S(authKey) };
  const { token } = await post(base, "/api/auth/login", loginBody);

  const keys = await (await fetch(new URL("/api/keys/me", base), { headers: { Authorization: "Bearer " + token } })).json();
  const w = keys.wrappedPrivateKey;
  const operatorPrivate = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, B(w.ciphertext), sodium.from_string("hotline-wrapped-key-v2"), B(w.nonce), wrappingKey);
  const teamPrivate = sodium.crypto_box_seal_open(B(keys.sealedTeamKey), B(keys.publicKey), operatorPrivate);
  const teamOpens = S(sodium.crypto_scalarmult_base(teamPrivate)) === keys.teamPublicKey;
  console.log(JSON.stringify({ token, loginBody, teamOpens, passphraseSent: JSON.stringify(loginBody).includes(passphrase) }));
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
