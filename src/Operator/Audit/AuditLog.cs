using Hotline.Core.Storage;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hotline.Core.Cases;
using Hotline.Core.Crypto;
using StackExchange.Redis;

namespace Hotline.Operator.Audit;

/// <summary>
/// The append-only, tamper-evident audit log: a Redis stream whose every entry carries the SHA-256 hash of the entry
/// before it. Appending is conditional on the head not having moved, so the chain never forks; removing, changing or
/// reordering an entry breaks the chain from there on, and <see cref="VerifyAsync"/> says where. Whoever can write Redis can
/// also recompute the chain after cutting or rewriting its tail; the head the Operator service signs from time to time
/// (<see cref="SignHeadAsync"/>) shows that too, and the heads supervisors' consoles countersign (<see cref="CountersignAsync"/>)
/// show it even when the signed heads are deleted with the tail, since each console gives its latest one back.
/// </summary>
public sealed class AuditLog(HotlineRedis redis, TimeProvider time, ILogger<AuditLog> logger)
{
    public static readonly string Genesis = new('0', 64);

    // The head and the id of the last entry, read together (both keys share the {audit} slot).
    private static readonly RedisScript ReadTop = RedisScript.Named(
        "local top = redis.call('XREVRANGE', @log, '+', '-', 'COUNT', 1) return { redis.call('GET', @head) or '', top[1] and top[1][1] or '' }",
        keys: ["head", "log"],
        args: []);

    // Appends only while the head is still @expected (so the chain never forks), under an id made of @ms and Redis's own
    // sequence number within it: the id tells the hour, as the entry's "at" does, and the order.
    private static readonly RedisScript AppendIfHead = RedisScript.Named(
        "if (redis.call('GET', @head) or '') ~= @expected then return 0 end " +
        "redis.call('XADD', @log, @ms .. '-*', 'at', @at, 'actor', @actor, 'action', @action, 'caseId', @caseId, 'detail', @detail, 'prev', @prev, 'hash', @hash) " +
        "redis.call('SET', @head, @hash) return 1",
        keys: ["head", "log"],
        args: ["expected", "ms", "at", "actor", "action", "caseId", "detail", "prev", "hash"]);

    /// <summary>
    /// Appends an entry dated to the hour it was made (<see cref="CoarseTime"/>): neither its "at" nor its stream id tells a
    /// finer time. Its id is the start of that hour with Redis's sequence number, or, should the last entry's id be later
    /// (a clock set back, an entry an earlier version wrote this hour), that id's time: ids only go up.
    /// </summary>
    public async Task AppendAsync(string actor, string action, string? caseId = null, string? detail = null)
    {
        var at = CoarseTime.Floor(time.GetUtcNow().ToUnixTimeMilliseconds());
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var read = (RedisResult[])(await ReadTop.EvaluateAsync(redis.Db, [RedisKeys.AuditHead, RedisKeys.AuditLog], []).ConfigureAwait(false))!;
            var stored = (string)read[0]!;
            var head = stored.Length > 0 ? stored : Genesis;
            var ms = Math.Max(at, IdMilliseconds((string)read[1]!));
            var hash = Hash(head, at, actor, action, caseId, detail);
            var appended = (long)await AppendIfHead.EvaluateAsync(redis.Db,
                [
                    RedisKeys.AuditHead, // head
                    RedisKeys.AuditLog, // log
                ],
                [
                    stored, // expected
                    ms.ToString(CultureInfo.InvariantCulture), // ms
                    at.ToString(CultureInfo.InvariantCulture), // at
                    actor,
                    action,
                    caseId ?? "", // caseId
                    detail ?? "", // detail
                    head, // prev
                    hash,
                ]).ConfigureAwait(false);
            if (appended == 1) return;
        }
        logger.LogError("The audit log is too busy to append {Action}", action);
        throw new InvalidOperationException("The audit log could not be appended to");
    }

    /// <summary>The time part of a stream id ("1764979200000-3"), 0 for none.</summary>
    public static long IdMilliseconds(string id) =>
        long.TryParse(id.AsSpan(0, id.IndexOf('-') is >= 0 and var dash ? dash : id.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int last = 200, string? caseId = null)
    {
        var entries = await redis.Db.StreamRangeAsync(RedisKeys.AuditLog, "-", "+", count: caseId is null ? last : null, messageOrder: Order.Descending).ConfigureAwait(false);
        var list = entries.Select(Parse).Where(e => caseId is null || e.CaseId == caseId).Take(last).ToList();
        list.Reverse();
        return list;
    }

    // The head and the number of entries it ends, read together (both keys share the {audit} slot).
    private static readonly RedisScript ReadHead = RedisScript.Named(
        "return { redis.call('GET', @head) or '', redis.call('XLEN', @log), redis.call('LINDEX', @signed, -1) or '' }",
        keys: ["head", "log", "signed"],
        args: []);

    // Stores a signed head: only while the chain's entry number @count (from 1) still ends with @hash when @check is 1, checked
    // and stored in one step, so a cut made after the check that vouched for the head cannot slip in before it is stored. It
    // takes the place of the latest one if that was signed in the same hour and the chain still holds it (the new one, further
    // along the same chain, vouches for it): one head an hour, so their number tells no finer time than their "at".
    private static readonly RedisScript KeepSigned = RedisScript.Named(
        "local function held(count, hash) if not count or count < 1 then return false end local length = redis.call('XLEN', @log) " +
        "if length < count then return false end local tail = redis.call('XREVRANGE', @log, '+', '-', 'COUNT', length - count + 1) " +
        "local fields = tail[#tail][2] for i = 1, #fields, 2 do if fields[i] == 'hash' then return fields[i + 1] == hash end end return false end " +
        "if @check == '1' and not held(tonumber(@count), @hash) then return 0 end " +
        "local last = redis.call('LINDEX', @signed, -1) if last then local ok, known = pcall(cjson.decode, last) " +
        "if ok and type(known) == 'table' and tonumber(known.at) == tonumber(@at) and tonumber(known.count) and tonumber(known.count) <= tonumber(@count) " +
        "and held(tonumber(known.count), known.head) then redis.call('LSET', @signed, -1, @value) return 1 end end " +
        "redis.call('RPUSH', @signed, @value) return 1",
        keys: ["log", "signed"],
        args: ["count", "hash", "at", "check", "value"]);

    /// <summary>
    /// Signs the chain's head with the Operator service's key, unless the latest signed head is already this one; returns
    /// what it signed, or null. Entries appended meanwhile are signed next time: a signed head is a past state of the chain.
    /// Given a check that found the chain intact (<paramref name="vouched"/>), signs the head that check read instead, and
    /// only while the chain still holds it: never a head nobody checked, as a cut made since the check would be. Its "at" is
    /// the hour.
    /// </summary>
    public async Task<SignedAuditHead?> SignHeadAsync(SigningIdentity signer, AuditVerification? vouched = null)
    {
        if (vouched is { Intact: false }) return null;
        var read = (RedisResult[])(await ReadHead.EvaluateAsync(redis.Db, [RedisKeys.AuditHead, RedisKeys.AuditLog, RedisKeys.AuditSignedHeads], []).ConfigureAwait(false))!;
        var (head, count, last) = vouched is null ? ((string)read[0]!, (long)read[1], (string)read[2]!) : (vouched.Head, (long)vouched.Entries, (string)read[2]!);
        if (head.Length == 0 || count == 0) return null;
        if (last.Length > 0 && JsonSerializer.Deserialize<SignedAuditHead>(last) is { } previous && previous.Count == count && previous.Head == head) return null;
        var signed = SignedAuditHead.Create(count, head, CoarseTime.Floor(time.GetUtcNow().ToUnixTimeMilliseconds()), signer);
        var kept = (long)await KeepSigned.EvaluateAsync(redis.Db,
            [
                RedisKeys.AuditLog, // log
                RedisKeys.AuditSignedHeads, // signed
            ],
            [
                count,
                head, // hash
                signed.At, // at
                vouched is null ? "0" : "1", // check
                JsonSerializer.Serialize(signed), // value
            ]).ConfigureAwait(false);
        return kept == 1 ? signed : null;
    }

    // Keeps each supervisor's highest countersigned head: a console giving back an older one changes nothing.
    private static readonly RedisScript KeepHighest = RedisScript.Named(
        "local old = redis.call('HGET', @key, @by) " +
        "if old then local ok, known = pcall(cjson.decode, old) if ok and type(known) == 'table' and tonumber(known.count) and tonumber(known.count) >= tonumber(@count) then return 0 end end " +
        "redis.call('HSET', @key, @by, @value) return 1",
        keys: ["key"],
        args: ["by", "count", "value"]);

    /// <summary>
    /// Stores a head a supervisor countersigned (the caller checked the signature), unless that supervisor's stored one is
    /// at least as far along. Stored even when the chain no longer holds it: that is what the check must then report.
    /// </summary>
    public async Task CountersignAsync(SignedAuditHead head)
    {
        await KeepHighest.EvaluateAsync(redis.Db,
            [
                RedisKeys.AuditCountersignedHeads, // key
            ],
            [
                head.Signer, // by
                head.Count, // count
                JsonSerializer.Serialize(head), // value
            ]).ConfigureAwait(false);
    }

    /// <summary>Each supervisor's highest countersigned head; the hash field it is kept under names who countersigned it.</summary>
    public async Task<IReadOnlyList<SignedAuditHead>> CountersignedHeadsAsync()
    {
        var fields = await redis.Db.HashGetAllAsync(RedisKeys.AuditCountersignedHeads).ConfigureAwait(false);
        return fields.Select(f => (JsonSerializer.Deserialize<SignedAuditHead>((string)f.Value!) ?? throw new CryptoFailure("a countersigned audit head is not valid JSON"))
            with { Signer = f.Name! }).ToList();
    }

    public async Task<IReadOnlyList<SignedAuditHead>> SignedHeadsAsync()
    {
        var values = await redis.Db.ListRangeAsync(RedisKeys.AuditSignedHeads).ConfigureAwait(false);
        return values.Select(v => JsonSerializer.Deserialize<SignedAuditHead>((string)v!) ?? throw new CryptoFailure("a signed audit head is not valid JSON")).ToList();
    }

    /// <summary>
    /// Checks the chain link by link and, given the Operator service's signing public key (trusted through the pinned team
    /// key record), every signed head: each must verify and the chain must still hold, at that position, the hash it signed.
    /// Given the supervisors' certified keys (<paramref name="countersigners"/>), every countersigned head likewise.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(byte[]? operatorSigningPublicKey = null, IReadOnlyDictionary<string, AuditCountersigner>? countersigners = null)
    {
        var entries = await redis.Db.StreamRangeAsync(RedisKeys.AuditLog).ConfigureAwait(false);
        var prev = Genesis;
        var hashes = new List<string>(entries.Length);
        var (digest, coarsened) = (Genesis, 0L);
        foreach (var raw in entries)
        {
            var e = Parse(raw);
            // A coarsened entry's hash covers the exact time it no longer keeps: the signed digest vouches for it instead.
            var wasCoarsened = IsCoarsened(raw);
            if (e.Prev != prev || (!wasCoarsened && e.Hash != Hash(e.Prev, e.At.ToUnixTimeMilliseconds(), e.Actor, e.Action, e.CaseId, e.Detail)))
            {
                return new AuditVerification(false, entries.Length, e.Id, prev);
            }
            if (wasCoarsened) (digest, coarsened) = (CoarsenedLink(digest, e), coarsened + 1);
            prev = e.Hash;
            hashes.Add(e.Hash);
        }
        if (await CoarsenedBrokenAsync(coarsened, digest, operatorSigningPublicKey).ConfigureAwait(false) is { } seal)
        {
            return new AuditVerification(false, entries.Length, seal, prev);
        }
        long? signedEntries = null;
        if (operatorSigningPublicKey is not null)
        {
            foreach (var signed in await SignedHeadsAsync().ConfigureAwait(false))
            {
                try
                {
                    signed.Verify(operatorSigningPublicKey);
                }
                catch (CryptoFailure)
                {
                    return new AuditVerification(false, entries.Length, $"signed head {signed.Count} (its signature does not verify)", prev);
                }
                if (signed.Count < 1 || signed.Count > hashes.Count || hashes[(int)signed.Count - 1] != signed.Head)
                {
                    return new AuditVerification(false, entries.Length, $"signed head {signed.Count}", prev, signed.Count);
                }
                signedEntries = Math.Max(signedEntries ?? 0, signed.Count);
            }
        }
        if (countersigners is not null)
        {
            foreach (var countersigned in (await CountersignedHeadsAsync().ConfigureAwait(false)).OrderBy(c => c.Count))
            {
                var name = $"countersigned head {countersigned.Count} (by {countersigned.Signer})";
                if (!countersigners.TryGetValue(countersigned.Signer, out var key) || key.RemovedAt <= countersigned.At)
                {
                    return new AuditVerification(false, entries.Length, $"{name}: no certified key of theirs", prev, signedEntries);
                }
                try
                {
                    countersigned.VerifyCountersigned(key.SignPublic);
                }
                catch (CryptoFailure)
                {
                    return new AuditVerification(false, entries.Length, $"{name}: its signature does not verify", prev, signedEntries);
                }
                if (countersigned.Count < 1 || countersigned.Count > hashes.Count || hashes[(int)countersigned.Count - 1] != countersigned.Head)
                {
                    return new AuditVerification(false, entries.Length, name, prev, signedEntries);
                }
                signedEntries = Math.Max(signedEntries ?? 0, countersigned.Count);
            }
        }
        var head = (string?)await redis.Db.StringGetAsync(RedisKeys.AuditHead).ConfigureAwait(false) ?? Genesis;
        // A removed last entry shows as a head that no entry ends with.
        return head == prev ? new AuditVerification(true, entries.Length, null, head, signedEntries) : new AuditVerification(false, entries.Length, "head", head, signedEntries);
    }

    /// <summary>Whether the chain's entry number <paramref name="count"/> (from 1) ends with <paramref name="head"/>; with the links checked, so does everything before it.</summary>
    public async Task<bool> HoldsAsync(long count, string head)
    {
        var first = await redis.Db.StreamRangeAsync(RedisKeys.AuditLog, "-", "+", count: (int)Math.Min(count, int.MaxValue)).ConfigureAwait(false);
        return first.Length == count && Parse(first[^1]).Hash == head;
    }

    /// <summary>Why the coarsened entries (<paramref name="count"/> of them, ending in <paramref name="digest"/>) are not what the seal vouches for, or null.</summary>
    private async Task<string?> CoarsenedBrokenAsync(long count, string digest, byte[]? operatorSigningPublicKey)
    {
        var stored = (string?)await redis.Db.StringGetAsync(RedisKeys.AuditCoarsened).ConfigureAwait(false);
        if (stored is null && count == 0) return null;
        SignedAuditHead? seal;
        try
        {
            seal = stored is null ? null : JsonSerializer.Deserialize<SignedAuditHead>(stored);
        }
        catch (JsonException)
        {
            seal = null;
        }
        if (seal is null || seal.Count != count || seal.Head != digest) return $"coarsened entries ({count} in the chain)";
        if (operatorSigningPublicKey is null) return null;
        try
        {
            seal.VerifyCoarsened(operatorSigningPublicKey);
            return null;
        }
        catch (CryptoFailure)
        {
            return "coarsened entries (their seal's signature does not verify)";
        }
    }

    private static bool Fine(long unixMilliseconds) => unixMilliseconds % CoarseTime.PrecisionMilliseconds != 0;

    private static bool IsCoarsened(StreamEntry e) => e.Values.Any(v => v.Name == "coarsened");

    // Only while the log is the one the C# side of CoarsenAsync read and checked (same count, same head): with @rewrite 1,
    // rewrites the log, each entry under the start of its id's hour, an "at" finer than the hour floored and marked
    // "coarsened", and stores the seal over the marked ones (what the C# side verified and signed: should an entry be changed
    // between that read and this script, the seal does not match it and the check says so); in any case the chain's head is
    // signed again at the hour in place of the heads signed before, and the countersigned heads of a finer time are dropped.
    private static readonly RedisScript Coarsen = RedisScript.Named(
        "if redis.call('XLEN', @log) ~= tonumber(@count) or (redis.call('GET', @head) or '') ~= @hash then return 0 end " +
        "local P = 3600000 if @rewrite == '1' then if redis.call('EXISTS', @sealKey) == 1 then return 0 end " +
        "local all = redis.call('XRANGE', @log, '-', '+') redis.call('DEL', @log) " +
        "for _, e in ipairs(all) do local ms = tonumber(string.match(e[1], '^(%d+)')) local f = e[2] local out = {} local marked = false " +
        "for i = 1, #f, 2 do local name, value = f[i], f[i + 1] " +
        "if name == 'at' then local at = tonumber(value) if at and at % P ~= 0 then value = string.format('%.0f', at - at % P) marked = true end end " +
        "if name == 'coarsened' then marked = true else out[#out + 1] = name out[#out + 1] = value end end " +
        "if marked then out[#out + 1] = 'coarsened' out[#out + 1] = '1' end " +
        "redis.call('XADD', @log, string.format('%.0f', ms - ms % P) .. '-*', unpack(out)) end " +
        "redis.call('SET', @sealKey, @seal) end " +
        "redis.call('DEL', @signed) redis.call('RPUSH', @signed, @signedHead) " +
        "local heads = redis.call('HGETALL', @countersigned) for i = 1, #heads, 2 do local ok, known = pcall(cjson.decode, heads[i + 1]) " +
        "if not ok or type(known) ~= 'table' or not tonumber(known.at) or tonumber(known.at) % P ~= 0 then redis.call('HDEL', @countersigned, heads[i]) end end " +
        "return 1",
        keys: ["log", "head", "sealKey", "signed", "countersigned"],
        args: ["count", "hash", "rewrite", "seal", "signedHead"]);

    /// <summary>
    /// Gives the entries an earlier version wrote with exact times the hour instead, given a check that found the whole
    /// chain intact (<paramref name="vouched"/>, signed and countersigned heads and the anchor included) and only while the
    /// chain is still the one it checked: each entry's id becomes the start of its hour with a new sequence number, an exact
    /// "at" the hour, marked "coarsened" and vouched for by a digest the Operator service signs
    /// (<see cref="SignedAuditHead.Coarsened"/>). The log it rewrites is read again and checked itself before anything is
    /// signed (links, hashes, and no entry marked yet): an entry changed after the check, even one that keeps its links and
    /// hash and claims to be coarsened already, is never sealed and the chain is left as it is, to be found broken. It runs
    /// once: only while no seal exists yet and an entry still has an exact time (the seal, once stored, stays; removing it
    /// breaks the check). Heads signed or countersigned with an exact time rewrite nothing: the heads signed before are
    /// replaced by the checked head, signed at the hour, and a supervisor's countersigned head of a finer time is dropped
    /// (the anchor outside Redis already holds the checked head, and the console countersigns again at the hour when it next
    /// shows the log). A chain found broken is left as it is, the evidence with it. Returns how many entries it rewrote
    /// (0: nothing to rewrite, the log is not what was checked, or the chain moved since the check).
    /// </summary>
    public async Task<int> CoarsenAsync(SigningIdentity signer, AuditVerification vouched)
    {
        if (!vouched.Intact || vouched.Entries == 0) return 0;
        var raw = await redis.Db.StreamRangeAsync(RedisKeys.AuditLog).ConfigureAwait(false);
        if (raw.Length != vouched.Entries || Parse(raw[^1]).Hash != vouched.Head) return 0;
        var signedHeads = await redis.Db.ListRangeAsync(RedisKeys.AuditSignedHeads).ConfigureAwait(false);
        var countersigned = await redis.Db.HashValuesAsync(RedisKeys.AuditCountersignedHeads).ConfigureAwait(false);
        static bool FineHead(RedisValue json) => JsonSerializer.Deserialize<SignedAuditHead>((string)json!) is not { } h || Fine(h.At);
        var rewrite = !await redis.Db.KeyExistsAsync(RedisKeys.AuditCoarsened).ConfigureAwait(false)
            && raw.Any(e => !IsCoarsened(e) && (Fine(IdMilliseconds(e.Id.ToString())) || Fine(Parse(e).At.ToUnixTimeMilliseconds())));
        if (!rewrite && !signedHeads.Any(FineHead) && !countersigned.Any(FineHead)) return 0;
        var (seal, coarsened) = ("", 0L);
        if (rewrite)
        {
            if (Sealable(raw) is not { } marked) return 0;
            (seal, coarsened) = (JsonSerializer.Serialize(SignedAuditHead.Coarsened(marked.Count, marked.Digest, signer)), marked.Count);
        }
        var now = CoarseTime.Floor(time.GetUtcNow().ToUnixTimeMilliseconds());
        var done = (long)await Coarsen.EvaluateAsync(redis.Db,
            [
                RedisKeys.AuditLog, // log
                RedisKeys.AuditHead, // head
                RedisKeys.AuditCoarsened, // sealKey
                RedisKeys.AuditSignedHeads, // signed
                RedisKeys.AuditCountersignedHeads, // countersigned
            ],
            [
                raw.Length, // count
                vouched.Head, // hash
                rewrite ? "1" : "0", // rewrite
                seal,
                JsonSerializer.Serialize(SignedAuditHead.Create(raw.Length, vouched.Head, now, signer)), // signedHead
            ]).ConfigureAwait(false);
        if (done != 1 || !rewrite) return 0;
        logger.LogInformation("The audit log's times are coarsened to the hour: {Entries} entries rewritten, {Coarsened} of them with an exact time", raw.Length, coarsened);
        return raw.Length;
    }

    /// <summary>
    /// The count and digest of the entries <paramref name="raw"/> would mark coarsened, as they will read: only if every link
    /// holds, every entry's hash matches its fields (none marked coarsened yet) and its "at" is the one its hash covers; else null.
    /// </summary>
    private static (long Count, string Digest)? Sealable(StreamEntry[] raw)
    {
        var (prev, digest, count) = (Genesis, Genesis, 0L);
        foreach (var e in raw)
        {
            var entry = Parse(e);
            if (IsCoarsened(e) || entry.Prev != prev || entry.Hash != Hash(entry.Prev, entry.At.ToUnixTimeMilliseconds(), entry.Actor, entry.Action, entry.CaseId, entry.Detail)) return null;
            prev = entry.Hash;
            if (Fine(entry.At.ToUnixTimeMilliseconds())) (digest, count) = (CoarsenedLink(digest, entry with { At = CoarseTime.Floor(entry.At) }), count + 1);
        }
        return (count, digest);
    }

    private static AuditEntry Parse(StreamEntry e)
    {
        string F(string name) => e.Values.FirstOrDefault(v => v.Name == name).Value.ToString() ?? "";
        return new AuditEntry(e.Id.ToString(), DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(F("at"), CultureInfo.InvariantCulture, out var at) ? at : 0),
            F("actor"), F("action"), F("caseId") is { Length: > 0 } c ? c : null, F("detail") is { Length: > 0 } d ? d : null, F("prev"), F("hash"));
    }

    /// <summary>
    /// The digest of coarsened entries so far, extended by one as stored (its hour, its links, its words): what the
    /// Operator service signs in place of their hashes, which cover the exact times they no longer keep.
    /// </summary>
    public static string CoarsenedLink(string digest, AuditEntry e)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"hl-audit-coarsened-v1\n{digest}\n{e.Prev}\n{e.Hash}\n{e.At.ToUnixTimeMilliseconds()}\n{e.Actor}\n{e.Action}\n{e.CaseId}\n{e.Detail}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
    }

    public static string Hash(string prev, long at, string actor, string action, string? caseId, string? detail)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"hl-audit-v1\n{prev}\n{at}\n{actor}\n{action}\n{caseId}\n{detail}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
    }
}
