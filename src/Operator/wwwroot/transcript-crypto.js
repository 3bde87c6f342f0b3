// Opens the hotline's sealed transcripts in the operator's browser. Mirrors Hotline.Core.Crypto: the team keys
// (unlocked by auth-keys.js) open each entry's key from its sealed box. Nothing here leaves the page.
(function (global) {
  "use strict";
  function b64(sodium, s) { return sodium.from_base64(s, sodium.base64_variants.ORIGINAL); }

  // Entry keys sealed before a team key rotation open with a retired key (AuthKeys.openSealedToTeam tries each).
  function openEntryKey(sodium, team, sealed) {
    if (global.AuthKeys) return global.AuthKeys.openSealedToTeam(sodium, team, sealed);
    return sodium.crypto_box_seal_open(sealed, team.publicKey, team.privateKey);
  }

  function associatedData(conversationId, e) {
    return "hl-transcript-v1|" + conversationId + "|" + e.seq + "|" + e.author + "|" + (e.by == null ? "" : e.by) + "|" + e.at + "|" + e.prev;
  }

  function chainHash(sodium, e) {
    var parts = [b64(sodium, e.prev), b64(sodium, e.nonce), b64(sodium, e.ct), b64(sodium, e.key)];
    var total = parts.reduce(function (n, p) { return n + p.length; }, 0);
    var buffer = new Uint8Array(total), at = 0;
    parts.forEach(function (p) { buffer.set(p, at); at += p.length; });
    return sodium.to_base64(sodium.crypto_generichash(32, buffer, null), sodium.base64_variants.ORIGINAL);
  }

  // Returns [{seq, author, by, at, text, chain}] or, for an entry that fails, {error}; a broken chain marks the rest.
  // `after` ({seq, chain} of the last entry already opened) continues a transcript from there: only new entries are
  // fetched and opened, and the chain is still checked link by link from the first entry on.
  function openTranscript(sodium, team, conversationId, entries, after) {
    var prev = after ? after.chain : sodium.to_base64(new Uint8Array(32), sodium.base64_variants.ORIGINAL);
    var first = after ? after.seq + 1 : 0;
    var chainOk = true;
    return entries.map(function (e, i) {
      var out = { seq: e.seq, author: e.author, by: e.by, at: e.at };
      if (e.seq !== first + i || e.prev !== prev) chainOk = false;
      if (!chainOk) { out.error = "The transcript chain is broken here: an entry was removed or reordered."; return out; }
      try {
        var key = openEntryKey(sodium, team, b64(sodium, e.key));
        var plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, b64(sodium, e.ct), sodium.from_string(associatedData(conversationId, e)), b64(sodium, e.nonce), key);
        sodium.memzero(key);
        out.text = sodium.to_string(plain);
      } catch (err) {
        out.error = "This entry does not authenticate.";
      }
      prev = chainHash(sodium, e);
      out.chain = prev;
      return out;
    });
  }

  global.TranscriptCrypto = { openTranscript: openTranscript };
})(typeof window !== "undefined" ? window : globalThis);
