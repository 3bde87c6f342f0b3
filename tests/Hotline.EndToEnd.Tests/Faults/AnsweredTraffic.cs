using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests.Faults;

/// <summary>What must hold after faults under web chat traffic, on one Redis or on a Redis Cluster alike.</summary>
public static class AnsweredTraffic
{
    /// <summary>Waits until a condition holds or fails naming it: the caller's own, so that a failure shows its processes' output.</summary>
    public delegate Task WaitFor(string what, Func<Task<bool>> condition, TimeSpan timeout);

    /// <summary>
    /// Claim deadlines of 10 s for the urgent severities, for a Triage worker under faults: nobody claiming, every urgent
    /// case's escalation steps fall due while the faults happen (the last 30 s after it opened).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ShortDeadlines = new Dictionary<string, string>
    {
        ["HOTLINE_ROUTING__CriticalDeadlineSeconds"] = "10",
        ["HOTLINE_ROUTING__HighDeadlineSeconds"] = "10",
    };

    /// <summary>
    /// With <see cref="ShortDeadlines"/> and nobody claiming: every urgent case reaches the last escalation step (the on-call
    /// supervisor's SMS), each step recorded once on its timeline, and no deadline is left behind, whatever was killed while
    /// one was due. Returns how many urgent cases there were.
    /// </summary>
    public static async Task<int> AssertEveryUrgentCaseEscalatedAsync(IConnectionMultiplexer inspector, IReadOnlyList<AnsweredMessage> answered, WaitFor waitFor)
    {
        var db = inspector.GetDatabase();
        var cases = new List<string>();
        foreach (var conversationId in answered.Where(m => m.Urgent).Select(m => m.ConversationId).Distinct())
        {
            cases.Add((string?)await db.HashGetAsync(RedisKeys.Conversation(conversationId), ConversationStore.CaseIdField)
                ?? throw new InvalidOperationException($"the urgent conversation {conversationId} has no case"));
        }
        Assert.NotEmpty(cases);
        await waitFor($"each of the {cases.Count} urgent cases escalated to the fallback, no deadline left", async () =>
        {
            foreach (var caseId in cases)
            {
                if ((int)await db.HashGetAsync(RedisKeys.Case(caseId), CaseFields.Escalation) < 3 || await db.SortedSetScoreAsync(RedisKeys.Deadlines, caseId) is not null) return false;
            }
            return true;
        }, TimeSpan.FromSeconds(180));
        foreach (var caseId in cases)
        {
            var timeline = (await db.ListRangeAsync(RedisKeys.CaseTimeline(caseId))).Select(e => JsonSerializer.Deserialize<TimelineEntry>(e.ToString())!);
            Assert.Equal(3, timeline.Count(e => e.Kind == TimelineKind.Escalated));
        }
        return cases.Count;
    }

    /// <summary>
    /// Waits until every stream entry is handled and acknowledged (the restarted or surviving workers claimed what the killed
    /// ones held), then checks that every message answered 200 is in its transcript exactly once (opened with the team key,
    /// chain checked), that its event left the conversation's outbox, and that every urgent conversation has a high or
    /// critical case in the queue.
    /// </summary>
    public static async Task AssertNothingLostAsync(IConnectionMultiplexer inspector, IReadOnlyList<AnsweredMessage> answered, TestTeam team, WaitFor waitFor)
    {
        var db = inspector.GetDatabase();
        await waitFor("every stream entry handled and acknowledged", async () =>
            await StreamGroups.CaughtUpAsync(db, RedisKeys.Events, "triage") && await StreamGroups.CaughtUpAsync(db, RedisKeys.Notifications, "operator"),
            TimeSpan.FromSeconds(90));

        var conversations = new ConversationStore(new HotlineRedis(inspector), TimeProvider.System);
        var cases = new CaseStore(new HotlineRedis(inspector), TimeProvider.System);
        foreach (var conversation in answered.GroupBy(m => m.ConversationId))
        {
            // Every message answered 200 is in the transcript exactly once.
            // Each entry with the sealed data key it names, as a reader gets it (TranscriptStore.ReadAsync).
            var sealedKeys = (await db.HashGetAllAsync(RedisKeys.TranscriptKeys(conversation.Key))).ToDictionary(k => k.Name.ToString(), k => k.Value.ToString(), StringComparer.Ordinal);
            var entries = (await db.ListRangeAsync(RedisKeys.Transcript(conversation.Key)))
                .Select(v => JsonSerializer.Deserialize<TranscriptEntry>(v.ToString())!)
                .Select(e => e.UsesDataKey && sealedKeys.TryGetValue(e.SealedKey, out var key) ? e with { DataKey = key } : e)
                .ToList();
            IReadOnlyList<string> texts;
            try
            {
                texts = TranscriptStore.OpenAll(conversation.Key, entries, team.Box, team.Signers);
            }
            catch (CryptoFailure e)
            {
                throw new CryptoFailure($"{e.Message}: " + string.Join(", ", entries.Select(x => $"{x.Sequence} {x.Author} prev {x.Prev[..8]} hash {x.ChainHash()[..8]}")));
            }
            foreach (var message in conversation) Assert.Equal(1, texts.Count(t => t == message.Text));
            // Its event left the conversation's outbox.
            Assert.Equal(0, await db.ListLengthAsync(RedisKeys.EventOutbox(conversation.Key)));
            // Every urgent one has a queued case.
            if (!conversation.Any(m => m.Urgent)) continue;
            var caseId = (await conversations.GetAsync(conversation.Key))?.CaseId;
            Assert.NotNull(caseId);
            var record = await cases.GetAsync(caseId);
            Assert.NotNull(record);
            Assert.True(record.Severity >= Severity.High, $"case {caseId} is {record.Severity}");
            Assert.NotNull(await db.SortedSetScoreAsync(RedisKeys.Queue, caseId));
        }
    }
}
