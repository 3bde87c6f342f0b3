using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Hotline.Operator.Audit;

/// <summary>
/// The append-only, tamper-evident audit log: a Redis stream whose every entry carries the SHA-256 hash of the entry
/// before it. Appending is conditional on the head not having moved, so the chain never forks; removing, changing or
/// reordering an entry breaks the chain from there on, and <see cref="VerifyAsync"/> says where.
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

    public async Task<AuditVerification> VerifyAsync()
    {
        var entries = await redis.Db.StreamRangeAsync(RedisKeys.AuditLog).ConfigureAwait(false);
        var prev = Genesis;
        foreach (var raw in entries)
        {
            var e = Parse(raw);
            if (e.Prev != prev || e.Hash != Hash(e.Prev, e.At.ToUnixTimeMilliseconds(), e.Actor, e.Action, e.CaseId, e.Detail))
            {
                return new AuditVerification(false, entries.Length, e.Id, prev);
            }
            prev = e.Hash;
        }
        var head = (string?)await redis.Db.StringGetAsync(RedisKeys.AuditHead).ConfigureAwait(false) ?? Genesis;
        // A removed last entry shows as a head that no entry ends with.
        return head == prev ? new AuditVerification(true, entries.Length, null, head) : new AuditVerification(false, entries.Length, "head", head);
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
