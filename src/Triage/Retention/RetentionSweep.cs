using System.Text.Json;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Hosting;
using Hotline.Core.Live;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Retention;

/// <summary>
/// Retention by outcome: every <see cref="RetentionOptions.SweepInterval"/> (on the TimeProvider), deletes each closed case
/// whose retention ended (<see cref="CaseRetention"/>) with its conversation: the cases of the conversation are stripped
/// to their routing facts and their timelines replaced by one entry saying only "deleted by retention"; the Bot deletes
/// the conversation (<see cref="DeletionRequests"/>), which shreds its data keys and revokes its case code. A person who
/// wrote again after the case closed is not cut off: a newly opened case carries the old one, and a message without a case
/// restarts the time from that message. Several workers may sweep at once: each due case is claimed by one.
/// </summary>
public sealed class RetentionSweep(
    CaseRetention retention,
    CaseStore cases,
    ConversationStore conversations,
    ConversationDeletion deletion,
    DeletionRequests expiry,
    RetentionBackfill backfill,
    HotlineRedis redis,
    ConsoleSignals signals,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionSweep> logger) : BackgroundService
{
    private const int Batch = 100;

    /// <summary>How far back the transcript is read to see whether the person wrote after the case closed.</summary>
    private const int TailEntries = 50;

    public const string Reason = "retention";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(options.Value.SweepInterval, time, SweepAsync, logger, stoppingToken);

    /// <summary>
    /// Deletes every case (and its conversation) whose retention has ended, after a step of the backfill that schedules
    /// cases closed before retention existed; returns how many conversations it deleted.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await backfill.StepAsync(cancellationToken).ConfigureAwait(false);
        // Cases whose stripping a worker or the console began and did not end (it died): finished first. Whatever fails
        // there (each case's failure is already kept to itself) does not stop retention for every other case.
        try
        {
            foreach (var finished in await deletion.FinishInterruptedCasesAsync().ConfigureAwait(false))
            {
                await signals.CaseChangedAsync(finished).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!RedisFailures.IsUnreachable(e))
        {
            logger.LogError(e, "The cases' interrupted deletions could not be finished in this pass; retention goes on");
        }
        var deleted = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = await retention.ClaimDueAsync(Batch).ConfigureAwait(false);
            foreach (var (caseId, dueAt) in due)
            {
                if (await ExpireAsync(caseId, dueAt).ConfigureAwait(false)) deleted++;
            }
            if (due.Count < Batch) break;
        }
        return deleted;
    }

    private async Task<bool> ExpireAsync(string caseId, DateTimeOffset dueAt)
    {
        var state = await redis.Db.HashGetAsync(RedisKeys.Case(caseId), [CaseFields.Status, CaseFields.ClosedAt, CaseFields.DeletedAt, CaseFields.ConversationId]).ConfigureAwait(false);
        // Gone, reopened, or already deleted with its conversation (the wipe word, a supervisor): nothing left to do.
        if (state[0] != "closed" || !state[2].IsNullOrEmpty || !long.TryParse(state[1].ToString(), out var closedMs))
        {
            await retention.DoneAsync(caseId).ConfigureAwait(false);
            return false;
        }
        var conversationId = state[3].ToString();
        var conversation = await conversations.GetAsync(conversationId).ConfigureAwait(false);
        if (conversation?.CaseId is { } current && current != caseId)
        {
            // A new case opened on the conversation; it carries this one (CaseStore.ContinueAsync) and its retention decides.
            // A case closed before retention existed was never joined to it: it joins the end of that case's chain now (if
            // another joined there at the same moment, this one stays claimed and comes back after the lease to try again).
            if (await JoinChainAsync(current, caseId).ConfigureAwait(false)) await retention.DoneAsync(caseId).ConfigureAwait(false);
            return false;
        }
        var closedAt = DateTimeOffset.FromUnixTimeMilliseconds(closedMs);
        if (await LastPersonMessageAsync(conversationId).ConfigureAwait(false) is { } wrote && wrote > closedAt)
        {
            // The person wrote after the case closed, and nothing opened a case: the conversation is kept as long again from then.
            await retention.PostponeAsync(caseId, wrote + (dueAt - closedAt)).ConfigureAwait(false);
            return false;
        }

        // The cases first: once stripped, the Bot's report of the deletion (ConversationDeleted) finds nothing more to do.
        var chain = await ChainAsync(caseId).ConfigureAwait(false);
        foreach (var id in chain)
        {
            await deletion.ExpireCaseAsync(id).ConfigureAwait(false);
        }
        await expiry.RequestAsync(conversationId, Reason).ConfigureAwait(false);
        await retention.DoneAsync(caseId).ConfigureAwait(false);
        foreach (var id in chain) await signals.CaseChangedAsync(id).ConfigureAwait(false);
        logger.LogInformation("Case {CaseId} and its conversation deleted by retention ({Cases} cases)", caseId, chain.Count);
        return true;
    }

    /// <summary>The case and the earlier ones of its conversation that it carries, latest first.</summary>
    private async Task<List<string>> ChainAsync(string caseId)
    {
        var chain = new List<string>();
        for (var id = (string?)caseId; id is not null && !chain.Contains(id) && chain.Count < MaxChain; id = await cases.EarlierCaseAsync(id).ConfigureAwait(false))
        {
            chain.Add(id);
        }
        return chain;
    }

    private const int MaxChain = 100;

    /// <summary><paramref name="earlier"/> is deleted with <paramref name="current"/>: put at the end of its chain; true once it is in it.</summary>
    private async Task<bool> JoinChainAsync(string current, string earlier)
    {
        var chain = await ChainAsync(current).ConfigureAwait(false);
        if (chain.Contains(earlier)) return true;
        if (chain.Count >= MaxChain) return false;
        // Only where the chain ends: a case that already names its earlier one keeps it.
        return await redis.Db.HashSetAsync(RedisKeys.Case(chain[^1]), CaseFields.EarlierCase, earlier, When.NotExists).ConfigureAwait(false);
    }

    /// <summary>When the person last wrote, as far as the transcript's tail shows (times and authors are stored in clear, words never).</summary>
    private async Task<DateTimeOffset?> LastPersonMessageAsync(string conversationId)
    {
        var person = TranscriptEntry.AuthorName(Author.Person);
        var tail = await redis.Db.ListRangeAsync(RedisKeys.Transcript(conversationId), -TailEntries, -1).ConfigureAwait(false);
        for (var i = tail.Length - 1; i >= 0; i--)
        {
            if (JsonSerializer.Deserialize<TranscriptEntry>(tail[i].ToString()) is { } entry && entry.Author == person)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(entry.At);
            }
        }
        return null;
    }
}
