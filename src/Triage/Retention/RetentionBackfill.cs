using System.Text.Json;
using Hotline.Core.Cases;
using Hotline.Core.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Triage.Retention;

/// <summary>
/// Cases closed before retention existed were never put on <see cref="RedisKeys.RetentionDue"/>, so nothing would ever
/// delete them. Once per deployment, a bounded step at the start of each retention sweep walks the case hashes (SCAN on
/// each primary, its cursor kept in <see cref="RedisKeys.RetentionBackfill"/>, so a restart or another worker goes on where
/// it stopped) and schedules every closed case not deleted and not yet waiting, for its outcome's retention counted from
/// when it closed. Once every primary's walk has come round, the walk is done for good: later sweeps read one flag and
/// scan nothing. Cases closed since retention exists are scheduled as they close, so none is missed after that.
/// </summary>
/// <param name="pageSize">Keys SCAN looks at per call (its COUNT).</param>
/// <param name="pagesPerStep">SCAN calls per primary in one step: the bound on the work one sweep adds.</param>
public sealed class RetentionBackfill(HotlineRedis redis, CaseRetention retention, ILogger<RetentionBackfill> logger,
    int pageSize = 1000, int pagesPerStep = 10)
{
    private const string Done = "done";
    private const string End = "end";

    /// <summary>Whether the walk has come round every primary (nothing more to do, ever).</summary>
    public async Task<bool> IsDoneAsync() => await redis.Db.HashExistsAsync(RedisKeys.RetentionBackfill, Done).ConfigureAwait(false);

    /// <summary>One bounded step of the walk; returns how many cases it scheduled.</summary>
    public async Task<int> StepAsync(CancellationToken cancellationToken)
    {
        var progress = (await redis.Db.HashGetAllAsync(RedisKeys.RetentionBackfill).ConfigureAwait(false))
            .ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        if (progress.ContainsKey(Done)) return 0;
        var scheduled = 0;
        var round = true;
        foreach (var server in redis.Primaries)
        {
            var field = server.EndPoint.ToString() ?? "";
            var cursor = progress.GetValueOrDefault(field, "0");
            if (cursor == End) continue;
            for (var page = 0; page < pagesPerStep && !cancellationToken.IsCancellationRequested; page++)
            {
                var reply = (RedisResult[])(await server.ExecuteAsync("SCAN", cursor, "MATCH", RedisKeys.CasePattern, "COUNT", pageSize).ConfigureAwait(false))!;
                cursor = reply[0].ToString();
                scheduled += await ScheduleAsync(((RedisResult[])reply[1]!).Select(k => k.ToString())).ConfigureAwait(false);
                if (cursor == "0") break;
            }
            var finished = cursor == "0";
            await redis.Db.HashSetAsync(RedisKeys.RetentionBackfill, field, finished ? End : cursor).ConfigureAwait(false);
            round &= finished;
        }
        if (round && !cancellationToken.IsCancellationRequested)
        {
            await redis.Db.HashSetAsync(RedisKeys.RetentionBackfill, Done, "1").ConfigureAwait(false);
            logger.LogInformation("Every case closed before retention existed is now scheduled");
        }
        if (scheduled > 0) logger.LogInformation("Scheduled {Count} cases closed before retention existed", scheduled);
        return scheduled;
    }

    /// <summary>Of these case hashes, schedules each closed one not deleted and not yet waiting.</summary>
    private async Task<int> ScheduleAsync(IEnumerable<string> keys)
    {
        var ids = keys.Select(key => RedisKeys.IdIn(key, RedisKeys.CasePattern)).OfType<string>().ToList();
        if (ids.Count == 0) return 0;
        var batch = redis.Db.CreateBatch();
        var reads = ids.Select(id => (Id: id,
            State: batch.HashGetAsync(RedisKeys.Case(id), [CaseFields.Status, CaseFields.ClosedAt, CaseFields.DeletedAt, CaseFields.CloseReason]),
            Record: batch.StringGetAsync(RedisKeys.CaseRecordFields(id)))).ToList();
        batch.Execute();
        var scheduled = 0;
        foreach (var (id, stateRead, recordRead) in reads)
        {
            var state = await stateRead.ConfigureAwait(false);
            if (state[0] != "closed" || !state[2].IsNullOrEmpty || !long.TryParse(state[1].ToString(), out var closedMs)) continue;
            var outcome = OutcomeOf(await recordRead.ConfigureAwait(false)) ?? (state[3].IsNullOrEmpty ? null : state[3].ToString());
            if (await retention.ScheduleClosedAsync(id, outcome, DateTimeOffset.FromUnixTimeMilliseconds(closedMs)).ConfigureAwait(false)) scheduled++;
        }
        return scheduled;
    }

    /// <summary>The outcome the console recorded (the Operator service's case record, JSON with "Outcome"), or null.</summary>
    private static string? OutcomeOf(RedisValue record)
    {
        if (record.IsNullOrEmpty) return null;
        try
        {
            using var json = JsonDocument.Parse(record.ToString());
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("Outcome", out var outcome)
                && outcome.ValueKind == JsonValueKind.String && outcome.GetString() is { Length: > 0 } code ? code : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
