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
