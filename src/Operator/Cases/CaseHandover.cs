using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Operator.Cases;

/// <summary>Changes of holder, each in one script so a case never has two holders: transfer, reassign, take over.</summary>
public sealed class CaseHandover(HotlineRedis redis, TimeProvider time)
{
    // The holder hands the case to a colleague.
    private static readonly RedisScript Transfer = RedisScript.Named(
        "if redis.call('HGET', @key, 'status') ~= 'claimed' or redis.call('HGET', @key, 'holder') ~= @from then return 0 end " +
        $"redis.call('HSET', @key, 'holder', @to, 'transferredAt', @at) return {CaseQueue.NextVersion}",
        keys: ["key"],
        args: ["from", "to", "at"]);

    // A supervisor gives a waiting or held case to someone (themselves, to take it over); returns the previous holder or ''
    // and the case's change number (CaseQueue).
    private static readonly RedisScript Assign = RedisScript.Named(
        "local status = redis.call('HGET', @key, 'status') " +
        "if not status or status == 'closed' then return false end " +
        "local prev = redis.call('HGET', @key, 'holder') or '' " +
        "redis.call('HSET', @key, 'status', 'claimed', 'holder', @to) " +
        "if not redis.call('HGET', @key, 'claimedAt') then redis.call('HSET', @key, 'claimedAt', @at) end " +
        $"return {{prev, {CaseQueue.NextVersion}}}",
        keys: ["key"],
        args: ["to", "at"]);

    public async Task<bool> TransferAsync(string caseId, string from, string to)
    {
        var now = time.GetUtcNow();
        var version = (long)await Transfer.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId)], [from, to, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        if (version == 0) return false;
        await CaseQueue.HoldAsync(redis.Db, caseId, to, version, now).ConfigureAwait(false);
        return true;
    }

    /// <summary>Null when the case does not exist or is closed; otherwise the previous holder ("" if it was waiting).</summary>
    public async Task<string?> AssignAsync(string caseId, string to)
    {
        var now = time.GetUtcNow();
        var result = await Assign.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId)], [to, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        if (result.IsNull) return null;
        var answer = (RedisResult[])result!;
        await CaseQueue.HoldAsync(redis.Db, caseId, to, (long)answer[1], now).ConfigureAwait(false);
        return (string?)answer[0] ?? "";
    }
}
