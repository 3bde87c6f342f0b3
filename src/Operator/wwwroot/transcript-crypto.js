// Opens the hotline's sealed transcripts in the operator's browser. Mirrors Hotline.Core.Crypto: the team keys
// (unlocked by auth-keys.js) open each conversation data key that an entry names (version 3: "key" is the data key's
// id, "dataKey" the key sealed to the team, attached by the server), or an older entry's own key from its sealed box. Every entry's Ed25519 signature is checked
// against the services' keys in the team key record, itself checked against the pinned team signing key.
// An operator's entry is also checked against that operator's own key (OperatorSignature in C#), which the team certified.
// Nothing here leaves the page.
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

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // The removals a team key record signs (TeamKeyRecord.Removed): "username,signPublic,at" items joined by ";".
  function parseRemovals(text) {
    return text === "" ? [] : text.split(";").map(function (item) {
      var p = item.split(",");
      if (p.length !== 3 || !/^[0-9]+$/.test(p[2])) throw new Error("The team key record's removals are malformed.");
      return { username: p[0], signPublic: p[1], at: Number(p[2]) };
    });
  }

  // OperatorRemoval.Text in C#: without repeats, ordered by username, then time, then key.
  function removalsText(list) {
    var byItem = {};
    list.forEach(function (r) { byItem[r.username + "," + r.signPublic + "," + r.at] = r; });
    var cmp = function (x, y) { return x < y ? -1 : x > y ? 1 : 0; };
    return Object.keys(byItem).map(function (k) { return byItem[k]; })
      .sort(function (a, b) { return cmp(a.username, b.username) || (a.at - b.at) || cmp(a.signPublic, b.signPublic); })
      .map(function (r) { return r.username + "," + r.signPublic + "," + r.at; }).join(";");
  }

  // What the record rotated to remove `username` at `at` signs (TeamKeyring.RemovalsAfterRemovingAsync in C#): the trusted
  // record's removals, the roster's own marks if that record predates signed removals, and this removal if the operator
  // has a certified key (roster: from trustRoster).
  function removalsAfter(trust, roster, username, at) {
    var list = (trust.removed || []).slice();
    Object.keys(roster).forEach(function (name) {
      if (trust.removed == null && roster[name].removedAt != null) list.push({ username: name, signPublic: roster[name].signPublic, at: roster[name].removedAt });
    });
    if (roster[username] && roster[username].removedAt == null) list.push({ username: username, signPublic: roster[username].signPublic, at: at });
    return removalsText(list);
  }

  // The team signing keys of a record (TeamSigningChain in C#): "root;version,key,signature;…", each key handed over by
  // the one before. Returns [{version, key, fingerprint}] oldest first; throws if a link does not verify.
  function signingChain(sodium, record) {
    var text = record.chain == null ? record.signPublic : record.chain;
    var parts = text.split(";");
    var root = b64(sodium, parts[0]);
    var keys = [{ version: 0, key: root, fingerprint: hex(sodium.crypto_generichash(32, root, null)) }];
    parts.slice(1).forEach(function (part) {
      var f = part.split(","), previous = keys[keys.length - 1];
      var version = Number(f[0]);
      if (f.length !== 3 || !/^[0-9]+$/.test(f[0]) || version <= previous.version || version > record.version) throw new Error("The team key record's chain of signing keys is malformed.");
      var key = b64(sodium, f[1]);
      if (!sodium.crypto_sign_verify_detached(b64(sodium, f[2]), sodium.from_string("hl-team-sign-key-v1|" + f[0] + "|" + f[1]), previous.key)) {
        throw new Error("The team key record's chain of signing keys does not verify.");
      }
      keys.push({ version: version, key: key, fingerprint: hex(sodium.crypto_generichash(32, key, null)) });
    });
    return keys;
  }

  // The team key record (GET /api/keys/team) counts only if it is signed by the newest key of its chain, and the chain runs
  // through the key whose fingerprint the service pins. Returns {fingerprint (of the key that signs it now), team (of the
  // team's first key), chain: [fingerprints], version, signers: {name: publicKey}, removed}; throws otherwise, so nothing
  // opens. removed: the signed removals, or null for a record written before they were signed (then the roster's own marks count).
  function trustTeamRecord(sodium, record) {
    var signPublic = b64(sodium, record.signPublic);
    var fingerprint = hex(sodium.crypto_generichash(32, signPublic, null));
    var chain = signingChain(sodium, record);
    if (chain[chain.length - 1].fingerprint !== fingerprint) throw new Error("The team key record is signed by a key its chain does not end with.");
    if (!chain.some(function (k) { return k.fingerprint === record.fingerprint; })) throw new Error("The team key record is signed by a key other than the pinned one.");
    var fields = record.version + "|" + record.public + "|" + record.signPublic + "|" + record.signers + "|" + record.signSealed;
    var message = record.chain != null ? "hl-team-key-v3|" + fields + "|" + (record.removed == null ? "" : record.removed) + "|" + record.chain
      : record.removed == null ? "hl-team-key-v1|" + fields : "hl-team-key-v2|" + fields + "|" + record.removed;
    if (!sodium.crypto_sign_verify_detached(b64(sodium, record.sig), sodium.from_string(message), signPublic)) {
      throw new Error("The team key record's signature does not verify.");
    }
    var signers = {};
    record.signers.split(";").forEach(function (part) {
      var at = part.indexOf("=");
      signers[part.slice(0, at)] = b64(sodium, part.slice(at + 1));
    });
    // digest: what a floor remembers of this record (TeamKeyFloor.MarkOf in C#), so another record of the same version shows.
    return { fingerprint: fingerprint, team: chain[0].fingerprint, chain: chain.map(function (k) { return k.fingerprint; }),
      version: record.version, publicKey: record.public, signPublic: signPublic, signSealed: record.signSealed, signers: signers,
      removed: record.removed == null ? null : parseRemovals(record.removed), digest: hex(sodium.crypto_generichash(32, sodium.from_string(message), null)) };
  }

  // When a key stopped counting: the earliest signed removal of exactly this key in the trusted record; for a record
  // written before removals were signed, the roster's own mark (unsigned, the only one there is).
  function removedAt(trust, o) {
    if (trust.removed == null) return o.removedAt == null ? null : o.removedAt;
    var at = null;
    trust.removed.forEach(function (r) { if (r.username === o.username && r.signPublic === o.signPublic && (at == null || r.at < at)) at = r.at; });
    return at;
  }

  // The operators' signing keys (GET /api/keys/operators) that the team signing key certified: {name: {key, signPublic, removedAt}}.
  // A key without a good certificate is left out, so words signed with it count for nothing. Whether it was removed,
  // and when, the signed team key record says: a mark written into or erased from the roster changes nothing.
  function trustRoster(sodium, trust, list) {
    var roster = {};
    (list || []).forEach(function (o) {
      try {
        var message = sodium.from_string("hl-operator-key-v1|" + o.username + "|" + o.signPublic);
        if (sodium.crypto_sign_verify_detached(b64(sodium, o.cert), message, trust.signPublic)) {
          roster[o.username] = { key: b64(sodium, o.signPublic), signPublic: o.signPublic, removedAt: removedAt(trust, o) };
        }
      } catch (err) { /* a malformed entry is simply not trusted */ }
    });
    return roster;
  }

  function wordsMessage(conversationId, by, id, text) {
    return "hl-operator-words-v1|" + conversationId + "|" + by + "|" + id + "|" + text;
  }

  // The operator's own signature over a reply or note ("note-CASE" for notes), sent with it as {id, sig}.
  function signWords(sodium, signSecret, conversationId, by, text) {
    var id = sodium.to_base64(sodium.randombytes_buf(16), sodium.base64_variants.ORIGINAL);
    var sig = sodium.crypto_sign_detached(sodium.from_string(wordsMessage(conversationId, by, id, text)), signSecret);
    return { id: id, sig: sodium.to_base64(sig, sodium.base64_variants.ORIGINAL) };
  }

  // The entry's copy of the operator's signature: encrypted under the entry's data key (version 3) or sealed to the team.
  function openWordsSignature(sodium, team, conversationId, e, dataKey) {
    var stored = b64(sodium, e.osig);
    if (!dataKey) return openEntryKey(sodium, team, stored);
    var ad = sodium.from_string("hl-operator-words-sig-v1|" + conversationId + "|" + e.seq);
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, stored.subarray(24), ad, stored.subarray(0, 24), dataKey);
  }

  // Whether an opened operator entry's words are its operator's own: null if so, else why not. seen: ids met before.
  function checkWords(sodium, team, conversationId, e, text, seen, dataKey) {
    var who = team.roster && team.roster[e.by];
    if (!who) return "This entry claims an operator whose signing key the team has not certified: it is not shown.";
    if (who.removedAt != null && e.at >= who.removedAt) return "This entry is dated after " + e.by + " was removed: it is not shown.";
    if (seen[e.oid]) return "This entry repeats words already shown above: it is not shown again.";
    try {
      var sig = openWordsSignature(sodium, team, conversationId, e, dataKey);
      if (!sodium.crypto_sign_verify_detached(sig, sodium.from_string(wordsMessage(conversationId, e.by, e.oid, text)), who.key)) throw new Error("no");
    } catch (err) {
      return "This entry's words are not signed by " + e.by + "'s own key: it is not shown.";
    }
    seen[e.oid] = true;
    return null;
  }

  // A supervisor's countersignature over the audit head their console was shown (SignedAuditHead.CountersignMessage in C#).
  function countersignAuditHead(sodium, signSecret, by, count, head, at) {
    var sig = sodium.crypto_sign_detached(sodium.from_string("hl-audit-countersign-v1|" + by + "|" + count + "|" + head + "|" + at), signSecret);
    return { count: count, head: head, at: at, sig: sodium.to_base64(sig, sodium.base64_variants.ORIGINAL) };
  }

  // Who may write an author's words: the Bot the person's and its own, the Operator service the operators'.
  function signerFor(author) { return author === "operator" ? "operator" : (author === "person" || author === "bot") ? "bot" : null; }

  function signedMessage(conversationId, e) {
    var words = e.oid == null && e.osig == null ? "" : "|" + (e.oid == null ? "" : e.oid) + "|" + (e.osig == null ? "" : e.osig);
    return associatedData(conversationId, e) + "|" + e.signer + "|" + e.nonce + "|" + e.ct + "|" + e.key + words;
  }

  function verifies(sodium, trust, conversationId, e) {
    if (!trust || !e.sig || !e.signer || e.signer !== signerFor(e.author)) return false;
    var key = trust.signers[e.signer];
    if (!key) return false;
    try {
      return sodium.crypto_sign_verify_detached(b64(sodium, e.sig), sodium.from_string(signedMessage(conversationId, e)), key);
    } catch (err) {
      return false;
    }
  }

  // Returns [{seq, author, by, at, text, chain}] or, for an entry that fails, {error}; a broken chain marks the rest.
  // An entry whose signature does not verify is never shown, only marked (team.trust comes from trustTeamRecord).
  // An operator's entry shows signedBy when its words verify with that operator's certified key (team.roster, from
  // trustRoster); one that carries no such signature shows serviceOnly (the Operator service vouches for it, not the
  // operator); one whose signature fails, whose operator is unknown or removed by then, or that repeats an earlier
  // message is not shown.
  // `after` ({seq, chain} of the last entry already opened) continues a transcript from there: only new entries are
  // fetched and opened, and the chain is still checked link by link from the first entry on.
  function openTranscript(sodium, team, conversationId, entries, after) {
    var prev = after ? after.chain : sodium.to_base64(new Uint8Array(32), sodium.base64_variants.ORIGINAL);
    var first = after ? after.seq + 1 : 0;
    var chainOk = true;
    var seen = (after && after.seenWords) || Object.create(null);
    var dataKeys = {}; // data key id → key, opened once for this call and wiped at its end
    var opened = entries.map(function (e, i) {
      var out = { seq: e.seq, author: e.author, by: e.by, at: e.at, seenWords: seen };
      if (e.seq !== first + i || e.prev !== prev) chainOk = false;
      if (!chainOk) { out.error = "The transcript chain is broken here: an entry was removed or reordered."; return out; }
      if (!verifies(sodium, team.trust, conversationId, e)) {
        out.error = "This entry's signature does not verify: the hotline did not write it, so it is not shown.";
        out.unverified = true;
        prev = chainHash(sodium, e);
        out.chain = prev;
        return out;
      }
      try {
        var key;
        if (e.v >= 3) {
          if (!Object.prototype.hasOwnProperty.call(dataKeys, e.key)) {
            if (!e.dataKey) throw new Error("gone");
            dataKeys[e.key] = openEntryKey(sodium, team, b64(sodium, e.dataKey));
          }
          key = dataKeys[e.key];
        } else {
          key = openEntryKey(sodium, team, b64(sodium, e.key));
        }
        var plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, b64(sodium, e.ct), sodium.from_string(associatedData(conversationId, e)), b64(sodium, e.nonce), key);
        var words = sodium.to_string(plain);
        if (e.author !== "operator") out.text = words;
        else if (e.oid == null && e.osig == null) { out.text = words; out.serviceOnly = true; }
        else {
          var why = checkWords(sodium, team, conversationId, e, words, seen, e.v >= 3 ? key : null);
          if (why) { out.error = why; out.unverified = true; } else { out.text = words; out.signedBy = e.by; }
        }
        if (e.v < 3) sodium.memzero(key);
      } catch (err) {
        out.error = e.v >= 3 && !e.dataKey && !dataKeys[e.key]
          ? "This conversation's key was deleted: the entry can no longer be opened."
          : "This entry does not authenticate.";
      }
      prev = chainHash(sodium, e);
      out.chain = prev;
      return out;
    });
    Object.keys(dataKeys).forEach(function (id) { sodium.memzero(dataKeys[id]); });
    return opened;
  }

  global.TranscriptCrypto = {
    trustTeamRecord: trustTeamRecord, trustRoster: trustRoster, openTranscript: openTranscript, signedMessage: signedMessage,
    signWords: signWords, wordsMessage: wordsMessage, chainHash: chainHash, removalsAfter: removalsAfter,
    countersignAuditHead: countersignAuditHead
  };
})(typeof window !== "undefined" ? window : globalThis);
