using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    public async Task AppendAsync(string actor, string action, string? caseId = null, string? detail = null)
    {
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var head = (string?)await redis.Db.StringGetAsync(RedisKeys.AuditHead).ConfigureAwait(false) ?? Genesis;
            var hash = Hash(head, at, actor, action, caseId, detail);
            var tx = redis.Db.CreateTransaction();
            tx.AddCondition(head == Genesis ? Condition.KeyNotExists(RedisKeys.AuditHead) : Condition.StringEqual(RedisKeys.AuditHead, head));
            _ = tx.StreamAddAsync(RedisKeys.AuditLog, [
                new NameValueEntry("at", at), new NameValueEntry("actor", actor), new NameValueEntry("action", action),
                new NameValueEntry("caseId", caseId ?? ""), new NameValueEntry("detail", detail ?? ""),
                new NameValueEntry("prev", head), new NameValueEntry("hash", hash),
            ]);
            _ = tx.StringSetAsync(RedisKeys.AuditHead, hash);
            if (await tx.ExecuteAsync().ConfigureAwait(false)) return;
        }
        logger.LogError("The audit log is too busy to append {Action}", action);
        throw new InvalidOperationException("The audit log could not be appended to");
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int last = 200, string? caseId = null)
    {
        var entries = await redis.Db.StreamRangeAsync(RedisKeys.AuditLog, "-", "+", count: caseId is null ? last : null, messageOrder: Order.Descending).ConfigureAwait(false);
        var list = entries.Select(Parse).Where(e => caseId is null || e.CaseId == caseId).Take(last).ToList();
        list.Reverse();
        return list;
    }

    // The head and the number of entries it ends, read together (both keys share the {audit} slot).
    private static readonly LuaScript ReadHead = LuaScript.Prepare(
        "return { redis.call('GET', @head) or '', redis.call('XLEN', @log), redis.call('LINDEX', @signed, -1) or '' }");

    // Keeps a signed head only while the chain's entry number @count (from 1) still ends with @hash: checked and stored in
    // one step, so a cut made after the check that vouched for the head cannot slip in before it is stored.
    private static readonly LuaScript PushIfHeld = LuaScript.Prepare(
        "local count = tonumber(@count) local length = redis.call('XLEN', @log) if length < count then return 0 end " +
        "local tail = redis.call('XREVRANGE', @log, '+', '-', 'COUNT', length - count + 1) local fields = tail[#tail][2] " +
        "for i = 1, #fields, 2 do if fields[i] == 'hash' then if fields[i + 1] ~= @hash then return 0 end " +
        "redis.call('RPUSH', @signed, @value) return 1 end end return 0");

    /// <summary>
    /// Signs the chain's head with the Operator service's key, unless the latest signed head is already this one; returns
    /// what it signed, or null. Entries appended meanwhile are signed next time: a signed head is a past state of the chain.
    /// Given a check that found the chain intact (<paramref name="vouched"/>), signs the head that check read instead, and
    /// only while the chain still holds it: never a head nobody checked, as a cut made since the check would be.
    /// </summary>
    public async Task<SignedAuditHead?> SignHeadAsync(SigningIdentity signer, AuditVerification? vouched = null)
    {
        if (vouched is { Intact: false }) return null;
        var read = (RedisResult[])(await ReadHead.EvaluateAsync(redis.Db, new { head = (RedisKey)RedisKeys.AuditHead, log = (RedisKey)RedisKeys.AuditLog, signed = (RedisKey)RedisKeys.AuditSignedHeads }).ConfigureAwait(false))!;
        var (head, count, last) = vouched is null ? ((string)read[0]!, (long)read[1], (string)read[2]!) : (vouched.Head, (long)vouched.Entries, (string)read[2]!);
        if (head.Length == 0 || count == 0) return null;
        if (last.Length > 0 && JsonSerializer.Deserialize<SignedAuditHead>(last) is { } previous && previous.Count == count && previous.Head == head) return null;
        var signed = SignedAuditHead.Create(count, head, time.GetUtcNow().ToUnixTimeMilliseconds(), signer);
        if (vouched is null)
        {
            await redis.Db.ListRightPushAsync(RedisKeys.AuditSignedHeads, JsonSerializer.Serialize(signed)).ConfigureAwait(false);
            return signed;
        }
        var kept = (long)await PushIfHeld.EvaluateAsync(redis.Db, new
        {
            log = (RedisKey)RedisKeys.AuditLog, signed = (RedisKey)RedisKeys.AuditSignedHeads, count, hash = head, value = JsonSerializer.Serialize(signed),
        }).ConfigureAwait(false);
        return kept == 1 ? signed : null;
    }

    // Keeps each supervisor's highest countersigned head: a console giving back an older one changes nothing.
    private static readonly LuaScript KeepHighest = LuaScript.Prepare(
        "local old = redis.call('HGET', @key, @by) " +
        "if old then local ok, known = pcall(cjson.decode, old) if ok and type(known) == 'table' and tonumber(known.count) and tonumber(known.count) >= tonumber(@count) then return 0 end end " +
        "redis.call('HSET', @key, @by, @value) return 1");

    /// <summary>
    /// Stores a head a supervisor countersigned (the caller checked the signature), unless that supervisor's stored one is
    /// at least as far along. Stored even when the chain no longer holds it: that is what the check must then report.
    /// </summary>
    public async Task CountersignAsync(SignedAuditHead head)
    {
        await KeepHighest.EvaluateAsync(redis.Db, new
        {
            key = (RedisKey)RedisKeys.AuditCountersignedHeads, by = head.Signer, count = head.Count, value = JsonSerializer.Serialize(head),
        }).ConfigureAwait(false);
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
        foreach (var raw in entries)
        {
            var e = Parse(raw);
            if (e.Prev != prev || e.Hash != Hash(e.Prev, e.At.ToUnixTimeMilliseconds(), e.Actor, e.Action, e.CaseId, e.Detail))
            {
                return new AuditVerification(false, entries.Length, e.Id, prev);
            }
            prev = e.Hash;
            hashes.Add(e.Hash);
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

    private static AuditEntry Parse(StreamEntry e)
    {
        string F(string name) => e.Values.FirstOrDefault(v => v.Name == name).Value.ToString() ?? "";
        return new AuditEntry(e.Id.ToString(), DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(F("at"), CultureInfo.InvariantCulture, out var at) ? at : 0),
            F("actor"), F("action"), F("caseId") is { Length: > 0 } c ? c : null, F("detail") is { Length: > 0 } d ? d : null, F("prev"), F("hash"));
    }

    public static string Hash(string prev, long at, string actor, string action, string? caseId, string? detail)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"hl-audit-v1\n{prev}\n{at}\n{actor}\n{action}\n{caseId}\n{detail}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
    }
}
