// The operator's keys, made and opened in this page only (mirrors Hotline.Core.Crypto and ClientKeys in C#).
// The passphrase never leaves the page: Argon2id turns it into a master key, which splits into an authentication key
// (sent to sign in; the server keeps only a slow hash of it) and a wrapping key (never sent) that unwraps the
// operator's private key, which opens their sealed copy of the team key. Every function takes the ready libsodium.
(function (global) {
  "use strict";
  var LOGIN_CONTEXT = "HLLOGIN1", RECOVERY_CONTEXT = "HLRECOV1", WRAP_AD = "hotline-wrapped-key-v2";
  var MIN_LENGTH = 12;

  function b64(sodium, s) { return sodium.from_base64(s, sodium.base64_variants.ORIGINAL); }
  function to64(sodium, bytes) { return sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL); }

  // crypto_pwhash(32, passphrase, salt, opsLimit, memLimit, ALG_ARGON2ID13), then crypto_kdf subkeys 1 and 2.
  function deriveKeys(sodium, passphrase, kdf, context) {
    var master = sodium.crypto_pwhash(32, passphrase, b64(sodium, kdf.salt), kdf.opsLimit, kdf.memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    try { return split(sodium, master, context || LOGIN_CONTEXT); } finally { sodium.memzero(master); }
  }

  function split(sodium, master, context) {
    return {
      authKey: sodium.crypto_kdf_derive_from_key(32, 1, context, master),
      wrappingKey: sodium.crypto_kdf_derive_from_key(32, 2, context, master)
    };
  }

  function newKdf(sodium) {
    return { salt: to64(sodium, sodium.randombytes_buf(16)), opsLimit: 3, memLimit: 64 * 1024 * 1024 };
  }

  function wrapKey(sodium, privateKey, wrappingKey) {
    var nonce = sodium.randombytes_buf(24);
    var ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(privateKey, sodium.from_string(WRAP_AD), null, nonce, wrappingKey);
    return { nonce: to64(sodium, nonce), ciphertext: to64(sodium, ct) };
  }

  function unwrapKey(sodium, wrapped, wrappingKey) {
    try {
      return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, b64(sodium, wrapped.ciphertext), sodium.from_string(WRAP_AD), b64(sodium, wrapped.nonce), wrappingKey);
    } catch (e) {
      throw new Error("The passphrase does not unlock this operator's key.");
    }
  }

  function postJson(fetchFn, path, body, headers) {
    var h = { "Content-Type": "application/json" };
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetchFn(path, { method: "POST", headers: h, body: JSON.stringify(body) }).then(function (r) {
      if (r.ok) return r.status === 204 ? null : r.json();
      return r.json().catch(function () { return {}; }).then(function (p) {
        var err = new Error(r.status === 429 ? (p.detail || "Too many failed sign-ins from here: wait a little.") :
          r.status === 401 ? "Wrong username or passphrase." : (p.detail || p.title || ("HTTP " + r.status)));
        err.status = r.status; err.problem = p;
        throw err;
      });
    });
  }

  // prelogin → derive → login. Resolves {token, username, wrappingKey}; the caller zeroes wrappingKey when done.
  function signIn(sodium, username, passphrase, fetchFn) {
    fetchFn = fetchFn || global.fetch.bind(global);
    return postJson(fetchFn, "/api/auth/prelogin", { username: username }).then(function (kdf) {
      if (kdf.kdf !== "argon2id13") throw new Error("The server asks for an unknown key derivation: " + kdf.kdf);
      var keys = deriveKeys(sodium, passphrase, kdf);
      var authKey = to64(sodium, keys.authKey);
      sodium.memzero(keys.authKey);
      return postJson(fetchFn, "/api/auth/login", { username: username, authKey: authKey }).then(function (login) {
        return { token: login.token, username: username, wrappingKey: keys.wrappingKey, kdf: kdf };
      }, function (err) { sodium.memzero(keys.wrappingKey); throw err; });
    });
  }

  // From GET /api/keys/me and the wrapping key: the operator's key pair and every team key, newest first, and the
  // operator's signing secret key (operator.signSecret) when the account has one: sealed to their own public key.
  function unlock(sodium, material, wrappingKey) {
    var operator = { publicKey: b64(sodium, material.publicKey), privateKey: unwrapKey(sodium, material.wrappedPrivateKey, wrappingKey) };
    openSigningKey(sodium, material, operator);
    return { operator: operator, team: openTeamKeys(sodium, material, operator) };
  }

  function openSigningKey(sodium, material, operator) {
    if (!material.sealedSigningKey || !material.signPublic) return;
    var secret = sodium.crypto_box_seal_open(b64(sodium, material.sealedSigningKey), operator.publicKey, operator.privateKey);
    // An Ed25519 secret key ends with its public half: it must be the one the team certified.
    if (to64(sodium, secret.subarray(32)) !== material.signPublic) { sodium.memzero(secret); throw new Error("The signing key does not match the account."); }
    operator.signSecret = secret;
  }

  // The team signing key, sealed to the current team key (the team key record's signSealed): it certifies operators' keys
  // and signs rotated records. The caller zeroes it when done.
  function openTeamSigningKey(sodium, signSealed, team) {
    return sodium.crypto_box_seal_open(b64(sodium, signSealed), team.publicKey, team.privateKey);
  }

  // A new signing key for an operator (at enrolment, or at the first unlock of an account enrolled before): the secret
  // half sealed to their own public key, the public half certified by the team signing key. Returns the request fields
  // {signPublic, sealedSigningKey, signCert} and the secret key (the caller keeps or zeroes it).
  function makeSigningKey(sodium, username, boxPublicKey, teamSigningKey) {
    var pair = sodium.crypto_sign_keypair();
    var signPublic = to64(sodium, pair.publicKey);
    var cert = sodium.crypto_sign_detached(sodium.from_string("hl-operator-key-v1|" + username + "|" + signPublic), teamSigningKey);
    return {
      fields: { signPublic: signPublic, sealedSigningKey: to64(sodium, sodium.crypto_box_seal(pair.privateKey, boxPublicKey)), signCert: to64(sodium, cert) },
      secretKey: pair.privateKey
    };
  }

  // The team keys from GET /api/keys/me with the operator's own key pair (again after a rotation, without the passphrase).
  function openTeamKeys(sodium, material, operator) {
    var team = { version: material.teamKeyVersion, publicKey: b64(sodium, material.teamPublicKey) };
    team.privateKey = sodium.crypto_box_seal_open(b64(sodium, material.sealedTeamKey), operator.publicKey, operator.privateKey);
    // Each retired key was sealed under the key that replaced it: walk down the chain.
    team.older = [];
    var above = team;
    (material.teamKeyChain || []).forEach(function (link) {
      var older = { version: link.version, publicKey: b64(sodium, link.publicKey) };
      older.privateKey = sodium.crypto_box_seal_open(b64(sodium, link.sealedPrivateKey), above.publicKey, above.privateKey);
      team.older.push(older);
      above = older;
    });
    return team;
  }

  // Opens a box sealed to the team: tries the current key, then the retired ones (entries written before a rotation).
  function openSealedToTeam(sodium, team, sealed) {
    var keys = [team].concat(team.older || []);
    for (var i = 0; i < keys.length; i++) {
      try { return sodium.crypto_box_seal_open(sealed, keys[i].publicKey, keys[i].privateKey); } catch (e) { /* next key */ }
    }
    throw new Error("No team key opens this value.");
  }

  function forget(sodium, unlocked) {
    if (!unlocked) return;
    if (unlocked.operator) sodium.memzero(unlocked.operator.privateKey);
    if (unlocked.operator && unlocked.operator.signSecret) sodium.memzero(unlocked.operator.signSecret);
    if (unlocked.team) [unlocked.team].concat(unlocked.team.older || []).forEach(function (k) { sodium.memzero(k.privateKey); });
  }

  function recoveryKeyText(sodium, bytes) { return sodium.to_hex(bytes).match(/.{8}/g).join("-"); }
  function parseRecoveryKey(sodium, text) {
    var hex = String(text).replace(/[^0-9a-fA-F]/g, "");
    if (hex.length !== 64) throw new Error("A recovery key is 64 hexadecimal digits (eight groups of eight).");
    return sodium.from_hex(hex.toLowerCase());
  }

  // A new account's request body for POST /api/operators, made here: the new operator's key pair, their passphrase's
  // parameters and keys, the team key sealed to them (not for units), and a recovery key to show once.
  function prepareAccount(sodium, options) {
    var pair = sodium.crypto_box_keypair();
    var kdf = newKdf(sodium);
    var keys = deriveKeys(sodium, options.passphrase, kdf);
    var recovery = sodium.randombytes_buf(32);
    var recoveryKeys = split(sodium, recovery, RECOVERY_CONTEXT);
    var body = {
      username: options.username,
      roles: options.roles,
      kdf: kdf,
      authKey: to64(sodium, keys.authKey),
      publicKey: to64(sodium, pair.publicKey),
      wrappedPrivateKey: wrapKey(sodium, pair.privateKey, keys.wrappingKey),
      recovery: { authKey: to64(sodium, recoveryKeys.authKey), wrappedPrivateKey: wrapKey(sodium, pair.privateKey, recoveryKeys.wrappingKey) }
    };
    if (options.team) {
      body.sealedTeamKey = to64(sodium, sodium.crypto_box_seal(options.team.privateKey, pair.publicKey));
      body.teamKeyVersion = options.team.version;
      // The reader's own signing key, certified by the team signing key (options.signSealed: the team key record's).
      if (options.signSealed) {
        var teamSigning = openTeamSigningKey(sodium, options.signSealed, options.team);
        var signing = makeSigningKey(sodium, options.username, pair.publicKey, teamSigning);
        Object.keys(signing.fields).forEach(function (k) { body[k] = signing.fields[k]; });
        sodium.memzero(teamSigning);
        sodium.memzero(signing.secretKey);
      }
    }
    if (options.municipalities) body.municipalities = options.municipalities;
    var text = recoveryKeyText(sodium, recovery);
    [pair.privateKey, keys.authKey, keys.wrappingKey, recovery, recoveryKeys.authKey, recoveryKeys.wrappingKey].forEach(function (k) { sodium.memzero(k); });
    return { body: body, recoveryKey: text };
  }

  // The body of POST /api/operators/{name}/removal for a key holder: a new team key sealed to each remaining holder
  // (listing from GET /api/operators), the current one sealed under it. onProgress(step, done, total) after each.
  // The new record signs the removals (team.trust and team.roster, from transcript-crypto.js) with this one, dated listing.now.
  function prepareRotation(sodium, removed, listing, team, onProgress) {
    if (listing.teamKey.version !== team.version) throw new Error("The team key changed since this page unlocked it: sign in again.");
    var holders = listing.operators.filter(function (o) { return o.holdsTeamKey && o.username !== removed; });
    var next = sodium.crypto_box_keypair();
    var sealedTo = {};
    holders.forEach(function (o, i) {
      sealedTo[o.username] = to64(sodium, sodium.crypto_box_seal(next.privateKey, b64(sodium, o.publicKey)));
      if (onProgress) onProgress("seal", i + 1, holders.length);
    });
    // The team signing key, sealed to the current team key, hands over to a new one (the chain's next link), which signs
    // the new record and goes on sealed to the new team key alone: whoever this removes, who could open the current
    // signing key, holds none that signs what comes next. The new key certifies every operator's signing key again
    // (team.roster: the ones the current key certified). The messages are TeamSigningChain.LinkMessage and
    // TeamKeyRecord.SignedMessage in Hotline.Core.
    var record = listing.teamKey;
    var version = team.version + 1;
    var signingKey = openTeamSigningKey(sodium, record.signSealed, team);
    var nextSigning = sodium.crypto_sign_keypair();
    var signPublic = to64(sodium, nextSigning.publicKey);
    var link = sodium.crypto_sign_detached(sodium.from_string("hl-team-sign-key-v1|" + version + "|" + signPublic), signingKey);
    sodium.memzero(signingKey);
    var chain = (record.chain == null ? record.signPublic : record.chain) + ";" + version + "," + signPublic + "," + to64(sodium, link);
    var publicKey = to64(sodium, next.publicKey);
    var signSealed = to64(sodium, sodium.crypto_box_seal(nextSigning.privateKey, next.publicKey));
    var removals = global.TranscriptCrypto.removalsAfter(team.trust, team.roster || {}, removed, listing.now);
    var message = "hl-team-key-v3|" + version + "|" + publicKey + "|" + signPublic + "|" + record.signers + "|" + signSealed + "|" + removals + "|" + chain;
    var sig = to64(sodium, sodium.crypto_sign_detached(sodium.from_string(message), nextSigning.privateKey));
    var certs = {};
    Object.keys(team.roster || {}).forEach(function (name) {
      certs[name] = to64(sodium, sodium.crypto_sign_detached(sodium.from_string("hl-operator-key-v1|" + name + "|" + team.roster[name].signPublic), nextSigning.privateKey));
    });
    sodium.memzero(nextSigning.privateKey);
    var body = { teamKey: {
      fromVersion: team.version,
      publicKey: publicKey,
      sealedPrevious: to64(sodium, sodium.crypto_box_seal(team.privateKey, next.publicKey)),
      sealedTo: sealedTo,
      signSealed: signSealed,
      sig: sig,
      removed: removals,
      signPublic: signPublic,
      chain: chain,
      certs: certs
    } };
    sodium.memzero(next.privateKey);
    if (onProgress) onProgress("chain", 1, 1);
    return body;
  }

  // POST /api/auth/passphrase body: proves the current passphrase and re-wraps the private key under the new one.
  function preparePassphraseChange(sodium, material, currentKdf, current, next) {
    var old = deriveKeys(sodium, current, currentKdf);
    var privateKey = unwrapKey(sodium, material.wrappedPrivateKey, old.wrappingKey);
    var kdf = newKdf(sodium);
    var keys = deriveKeys(sodium, next, kdf);
    var body = { currentAuthKey: to64(sodium, old.authKey), kdf: kdf, authKey: to64(sodium, keys.authKey), wrappedPrivateKey: wrapKey(sodium, privateKey, keys.wrappingKey) };
    [old.authKey, old.wrappingKey, privateKey, keys.authKey, keys.wrappingKey].forEach(function (k) { sodium.memzero(k); });
    return body;
  }

  // A reset with the recovery key: POST /api/auth/recovery for the recovery-wrapped key, re-wrap it under the new
  // passphrase here, POST /api/auth/reset. Resolves when the new passphrase signs in.
  function resetWithRecoveryKey(sodium, username, recoveryText, passphrase, fetchFn) {
    fetchFn = fetchFn || global.fetch.bind(global);
    var recovery = parseRecoveryKey(sodium, recoveryText);
    var rk = split(sodium, recovery, RECOVERY_CONTEXT);
    sodium.memzero(recovery);
    var recoveryAuthKey = to64(sodium, rk.authKey);
    return postJson(fetchFn, "/api/auth/recovery", { username: username, recoveryAuthKey: recoveryAuthKey }).then(function (found) {
      var privateKey = unwrapKey(sodium, found.wrappedPrivateKey, rk.wrappingKey);
      sodium.memzero(rk.wrappingKey);
      if (sodium.to_base64(sodium.crypto_scalarmult_base(privateKey), sodium.base64_variants.ORIGINAL) !== found.publicKey) throw new Error("The recovered key does not match the account.");
      var kdf = newKdf(sodium);
      var keys = deriveKeys(sodium, passphrase, kdf);
      var body = { username: username, recoveryAuthKey: recoveryAuthKey, kdf: kdf, authKey: to64(sodium, keys.authKey), wrappedPrivateKey: wrapKey(sodium, privateKey, keys.wrappingKey) };
      [privateKey, keys.authKey, keys.wrappingKey].forEach(function (k) { sodium.memzero(k); });
      return postJson(fetchFn, "/api/auth/reset", body);
    });
  }

  // Why a new passphrase is too weak, or null (the same rules as PassphrasePolicy in C#; common is the list's lines).
  // words: the page's own sentences for "short", "username" and "common" (its interface language); English otherwise.
  function passphraseWeakness(passphrase, username, common, words) {
    words = words || {
      short: "A passphrase needs at least " + MIN_LENGTH + " characters: a few words are easier to remember than symbols.",
      username: "A passphrase must not be built on the username.",
      common: "That passphrase is among the most common ones: choose another."
    };
    if (passphrase.length < MIN_LENGTH) return words.short;
    var norm = function (s) { return String(s).toLowerCase().replace(/\s+/g, ""); };
    var p = norm(passphrase);
    if (username && p.indexOf(norm(username)) >= 0 && p.length - norm(username).length < MIN_LENGTH) return words.username;
    if ((common || []).some(function (c) { return norm(c) === p; })) return words.common;
    return null;
  }

  function commonPassphrases(fetchFn) {
    fetchFn = fetchFn || global.fetch.bind(global);
    return fetchFn("common-passphrases.txt").then(function (r) { return r.ok ? r.text() : ""; }).then(function (t) {
      return t.split("\n").map(function (l) { return l.trim(); }).filter(function (l) { return l && l.charAt(0) !== "#"; });
    });
  }

  global.AuthKeys = {
    deriveKeys: deriveKeys, split: split, wrapKey: wrapKey, unwrapKey: unwrapKey, signIn: signIn, unlock: unlock, openTeamKeys: openTeamKeys,
    openSealedToTeam: openSealedToTeam, forget: forget, prepareAccount: prepareAccount, prepareRotation: prepareRotation,
    openTeamSigningKey: openTeamSigningKey, makeSigningKey: makeSigningKey, openSigningKey: openSigningKey,
    preparePassphraseChange: preparePassphraseChange, resetWithRecoveryKey: resetWithRecoveryKey,
    passphraseWeakness: passphraseWeakness, commonPassphrases: commonPassphrases,
    recoveryKeyText: recoveryKeyText, parseRecoveryKey: parseRecoveryKey, RECOVERY_CONTEXT: RECOVERY_CONTEXT
  };
})(typeof window !== "undefined" ? window : globalThis);
