using System.Text.Json;
using Hotline.Core.Identity;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Dispatch;

/// <summary>One dispatch per case, in a hash under the case's hash tag, with an index from code to case.</summary>
public sealed class DispatchStore(HotlineRedis redis, TimeProvider time)
{
    private static readonly RedisScript Transition = RedisScript.Named(
        "local s = redis.call('HGET', @key, 'status') " +
        "if s ~= @from then return 0 end " +
        "redis.call('HSET', @key, 'status', @to, @field, @at) " +
        "if @extraName ~= '' then redis.call('HSET', @key, @extraName, @extraValue) end return 1",
        keys: ["key"],
        args: ["from", "to", "field", "at", "extraName", "extraValue"]);

    private static readonly RedisScript Reassign = RedisScript.Named(
        "if redis.call('HGET', @key, 'status') ~= @sent or redis.call('HGET', @key, 'unit') ~= @from then return 0 end " +
        "redis.call('HSET', @key, 'unit', @unit, 'tried', @tried, 'sentAt', @at) return 1",
        keys: ["key"],
        args: ["sent", "from", "unit", "tried", "at"]);

    /// <summary>Creates the proposal unless the case already has a dispatch; returns it either way.</summary>
    public async Task<(DispatchRecord Record, bool Created)> ProposeAsync(string caseId, string unit, string category, string urgency)
    {
        var key = RedisKeys.Dispatch(caseId);
        var code = Ids.New("D-", 6).ToUpperInvariant();
        // All fields at once, only if there is no dispatch yet: a reader never sees a proposal without its unit.
        var tx = redis.Db.CreateTransaction();
        tx.AddCondition(Condition.KeyNotExists(key));
        _ = tx.HashSetAsync(key, [
            new HashEntry("code", code),
            new HashEntry("status", DispatchStatus.Proposed.ToString()),
            new HashEntry("unit", unit),
            new HashEntry("category", category),
            new HashEntry("urgency", urgency),
            new HashEntry("proposedAt", time.GetUtcNow().ToUnixTimeMilliseconds()),
            new HashEntry("tried", unit),
        ]);
        var created = await tx.ExecuteAsync().ConfigureAwait(false);
        if (created) await redis.Db.StringSetAsync(RedisKeys.DispatchCode(code), caseId).ConfigureAwait(false);
        return ((await GetAsync(caseId).ConfigureAwait(false))!, created);
    }

    public async Task<DispatchRecord?> GetAsync(string caseId)
    {
        if (!Ids.IsWellFormed(caseId)) return null;
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.Dispatch(caseId)).ConfigureAwait(false);
        if (entries.Length == 0) return null;
        var m = RedisFields.ToMap(entries);
        static DateTimeOffset? At(Dictionary<string, string> m, string name) =>
            long.TryParse(m.GetValueOrDefault(name), out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        return new DispatchRecord(caseId, m.GetValueOrDefault("code") ?? "",
            Enum.TryParse<DispatchStatus>(m.GetValueOrDefault("status"), out var s) ? s : DispatchStatus.Proposed,
            m.GetValueOrDefault("unit") ?? "", (m.GetValueOrDefault(CoveredByField) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), m.GetValueOrDefault("category") ?? "",
            m.GetValueOrDefault("urgency") ?? "", At(m, "proposedAt") ?? default, At(m, "confirmedAt"), m.GetValueOrDefault("confirmedBy"),
            At(m, "sentAt"), At(m, "ackAt"), (m.GetValueOrDefault("tried") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            m.GetValueOrDefault("contactApproved") == "1")
        {
            SealedArea = m.GetValueOrDefault(SealedAreaField) is { Length: > 0 } sealedArea
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(sealedArea) ?? new Dictionary<string, string>()
                : new Dictionary<string, string>(),
            AreaForBot = m.GetValueOrDefault(AreaForBotField) is { Length: > 0 } forBot ? forBot : null,
        };
    }

    public async Task<string?> CaseForCodeAsync(string code) =>
        code.Length is > 2 and <= 20 ? (string?)await redis.Db.StringGetAsync(RedisKeys.DispatchCode(code)).ConfigureAwait(false) : null;

    /// <summary>Moves the dispatch from one status to the next, stamping the time; false if it was not in <paramref name="from"/>.</summary>
    public async Task<bool> TransitionAsync(string caseId, DispatchStatus from, DispatchStatus to, string timeField, string? extraName = null, string? extraValue = null) =>
        (int)await Transition.EvaluateAsync(redis.Db,
            [
                RedisKeys.Dispatch(caseId), // key
            ],
            [
                from.ToString(), // from
                to.ToString(), // to
                timeField, // field
                time.GetUtcNow().ToUnixTimeMilliseconds(), // at
                extraName ?? "", // extraName
                extraValue ?? "", // extraValue
            ]).ConfigureAwait(false) == 1;

    /// <summary>
    /// Hands a sent dispatch from <paramref name="from"/> to the next unit (after <paramref name="from"/> did not acknowledge),
    /// only if it is still sent to <paramref name="from"/>: false if that unit acknowledged or another worker moved it on.
    /// </summary>
    public async Task<bool> ReassignUnitAsync(string caseId, string from, string unit, IReadOnlyList<string> tried) =>
        (long)await Reassign.EvaluateAsync(redis.Db,
            [
                RedisKeys.Dispatch(caseId), // key
            ],
            [
                DispatchStatus.Sent.ToString(), // sent
                from,
                unit,
                string.Join(',', tried), // tried
                time.GetUtcNow().ToUnixTimeMilliseconds(), // at
            ]).ConfigureAwait(false) == 1;

    private const string CoveredByField = "coveredBy";
    private const string SealedAreaField = "areaSealed";
    private const string AreaForBotField = "areaBot";

    /// <summary>The confirmed area, sealed to every unit covering it and to the Bot (<see cref="DispatchArea"/>); never the area itself.</summary>
    public Task SetAreaAsync(string caseId, IReadOnlyList<string> coveredBy, IReadOnlyDictionary<string, string> sealedToUnits, string sealedToBot) =>
        redis.Db.HashSetAsync(RedisKeys.Dispatch(caseId), [
            new HashEntry(CoveredByField, string.Join(',', coveredBy)),
            new HashEntry(SealedAreaField, JsonSerializer.Serialize(sealedToUnits)),
            new HashEntry(AreaForBotField, sealedToBot),
        ]);

    public Task SetAsync(string caseId, string field, string value) => redis.Db.HashSetAsync(RedisKeys.Dispatch(caseId), field, value);
}
