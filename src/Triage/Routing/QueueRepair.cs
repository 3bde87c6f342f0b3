using Hotline.Core.Cases;
using Hotline.Core.Hosting;
using Hotline.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Mends the queue and the holders' counts (<see cref="CaseQueue"/>) where they disagree with the cases themselves. A case's
/// own script and the index step after it are on two slots, so a process that dies between them leaves the index behind
/// (a claimed case still queued, a closed one still counted). Once at start and then every <see cref="Interval"/>, it reads
/// every active, queued or held case; a disagreement is mended only when the next pass finds the same one, so a claim or
/// close half-way through (its index step a moment away) is never "mended" back. This is the only place that reads every
/// case, once a minute, where routing used to read them all on every new case and every second.
/// </summary>
public sealed class QueueRepair(HotlineRedis redis, CaseStore cases, TimeProvider time, ILogger<QueueRepair> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private IReadOnlySet<Disagreement> lastSeen = new HashSet<Disagreement>();

    /// <summary>A case as the index has it against the case itself: "queued", "held:NAME", "" (neither); and the case's change number.</summary>
    private sealed record Disagreement(string CaseId, string Index, string Case, long Version);

    // A case whose hash is gone (deleted) closed at some change after any the index saw.
    private const long Deleted = 1L << 52;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(Interval, time, _ => RepairAsync(), logger, stoppingToken, atStart: true);

    /// <summary>One pass: returns how many disagreements it mended (those the previous pass had found too).</summary>
    public async Task<int> RepairAsync()
    {
        var active = redis.Db.SetMembersAsync(RedisKeys.ActiveCases);
        var queued = redis.Db.SortedSetRangeByRankAsync(RedisKeys.Queue);
        var held = CaseQueue.HeldAsync(redis.Db);
        var queuedIds = (await queued.ConfigureAwait(false)).Select(v => v.ToString()).ToHashSet();
        var heldBy = await held.ConfigureAwait(false);
        var ids = (await active.ConfigureAwait(false)).Select(v => v.ToString()).Union(queuedIds).Union(heldBy.Keys).ToList();
        var states = await Task.WhenAll(ids.Select(id => redis.Db.HashGetAsync(RedisKeys.Case(id), [CaseFields.Status, CaseFields.Holder, CaseFields.QueueVersion]))).ConfigureAwait(false);

        var found = new HashSet<Disagreement>();
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var index = queuedIds.Contains(id) ? "queued" : heldBy.TryGetValue(id, out var h) ? "held:" + h : "";
            var truth = states[i][0].ToString() switch
            {
                "open" => "queued",
                "claimed" when !states[i][1].IsNullOrEmpty => "held:" + states[i][1],
                _ => "",
            };
            // A held case can also be queued by mistake: what matters is both parts agreeing.
            var both = queuedIds.Contains(id) && heldBy.ContainsKey(id);
            var version = states[i][0].IsNull ? Deleted : (long)states[i][2];
            if (index != truth || both) found.Add(new Disagreement(id, both ? "queued+" + index : index, truth, version));
        }

        var mended = 0;
        foreach (var d in found.Where(lastSeen.Contains))
        {
            if (d.Case == "queued")
            {
                // An open case missing from the queue is queued again at its own place (a case once claimed never opens again).
                if (await cases.GetAsync(d.CaseId).ConfigureAwait(false) is not { Status: CaseStatus.Open } record) continue;
                await redis.Db.SortedSetAddAsync(RedisKeys.Queue, d.CaseId, CaseStore.QueueScore(record.Severity, record.OpenedAt, record.SharedNetwork), SortedSetWhen.NotExists).ConfigureAwait(false);
            }
            else if (d.Case.StartsWith("held:", StringComparison.Ordinal))
            {
                await CaseQueue.HoldAsync(redis.Db, d.CaseId, d.Case["held:".Length..], d.Version, time.GetUtcNow()).ConfigureAwait(false);
            }
            else
            {
                await CaseQueue.LeaveAsync(redis.Db, d.CaseId, d.Version, time.GetUtcNow()).ConfigureAwait(false);
            }
            mended++;
            // The states without the holder's name: no one's name goes into a log.
            logger.LogWarning("Case {CaseId}: the queue index said {Index} where the case says {Case}; mended", d.CaseId, Kind(d.Index), Kind(d.Case));
        }
        lastSeen = found;
        return mended;
    }

    private static string Kind(string state) => state.Length == 0 ? "closed" : state.Split(':')[0];
}
