using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Identity;

namespace Hotline.Triage.Tests.Routing;

/// <summary>The events of one read, many conversations at once: each conversation's in the order written.</summary>
[Collection(RedisFixture.Collection)]
public sealed class EventsReadTogetherTests(RedisFixture fixture) : RoutingTest<CollectingNotifier>(fixture)
{
    [Fact]
    public async Task Many_conversations_written_at_once_each_get_one_case_raised_in_the_order_their_messages_came_and_the_consoles_hear_of_each()
    {
        var conversations = services.GetRequiredService<ConversationStore>();
        var start = clock.GetUtcNow();
        var ids = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            var conversationId = Ids.New("C", 12);
            await conversations.CreateAsync(conversationId, Channel.Sms, Language.Sq);
            ids.Add(conversationId);
        }
        // Every conversation's three messages, each worse than the one before and seconds apart, are on the stream before
        // the worker starts, so its reads hold many conversations' events together.
        Severity[] steps = [Severity.Low, Severity.High, Severity.Critical];
        for (var n = 0; n < steps.Length; n++)
        {
            foreach (var conversationId in ids)
            {
                var message = new MessageEvent(conversationId, n + 1, Channel.Sms, Language.Sq, steps[n], steps[n], ["violence"], start.AddSeconds(n));
                await redis.Database.StreamAddAsync(RedisKeys.Events, message.ToFields());
            }
        }

        await HandleAllEventsAsync();

        var cases = services.GetRequiredService<CaseStore>();
        var timeline = services.GetRequiredService<CaseTimeline>();
        var signalled = (await NotificationsAsync()).Where(n => n.GetValueOrDefault("type") == "case").Select(n => n["caseId"]).ToHashSet();
        foreach (var conversationId in ids)
        {
            var caseId = (await conversations.GetAsync(conversationId))!.CaseId!;
            var record = (await cases.GetAsync(caseId))!;
            Assert.Equal((CaseStatus.Open, Severity.Critical, Severity.Critical), (record.Status, record.Severity, record.ScreenedSeverity));
            var entries = (await timeline.ReadAsync(caseId)).Select(e => e.Kind.ToWire() + (e.Detail is null ? "" : ": " + e.Detail)).ToList();
            Assert.Single(entries, e => e.StartsWith(TimelineKind.Opened.ToWire() + ": low", StringComparison.Ordinal));
            Assert.Equal([TimelineKind.Raised.ToWire() + ": high", TimelineKind.Raised.ToWire() + ": critical"], entries.Where(e => e.StartsWith(TimelineKind.Raised.ToWire(), StringComparison.Ordinal)));
            Assert.Contains(caseId, signalled);
            // The person last wrote at start + 2 s: the idle time kept is no more than a 240th of the idle close before that.
            var idleSince = (await redis.Database.SortedSetScoreAsync(RedisKeys.IdleCases, caseId))!.Value;
            var last = start.AddSeconds(2).ToUnixTimeMilliseconds();
            Assert.InRange(idleSince, last - TimeSpan.FromMinutes(240).TotalMilliseconds / 240, last);
        }
    }
}
