using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Identity;
using Hotline.Core.Telemetry;
using Hotline.Core.Team;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hotline.Triage.Tests.Routing;

/// <summary>Every case has a claim deadline and the escalation ladder, and a waiting case nobody holds closes when idle.</summary>
[Collection(RedisFixture.Collection)]
public sealed class EverySeverityTests(RedisFixture fixture) : RoutingTest<CollectingNotifier>(fixture)
{
    private async Task<List<string>> AlertedAsync() =>
        (await NotificationsAsync()).Where(n => n.GetValueOrDefault("type") == "alert").Select(n => n["caseId"]).ToList();

    [Fact]
    public async Task Medium_low_and_none_cases_escalate_at_their_default_deadlines()
    {
        var medium = await services.OpenCaseAsync(Severity.Medium);
        var low = await services.OpenCaseAsync(Severity.Low);
        var none = await services.OpenCaseAsync(Severity.None);

        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        await Clock.TickAsync(default);
        Assert.Empty(await AlertedAsync());
        clock.Advance(TimeSpan.FromSeconds(2));
        await Clock.TickAsync(default);
        Assert.Equal([medium.Id], await AlertedAsync());

        clock.SetUtcNow(medium.OpenedAt + TimeSpan.FromMinutes(60) + TimeSpan.FromSeconds(1));
        await Clock.TickAsync(default);
        var alerted = await AlertedAsync();
        Assert.Contains(low.Id, alerted);
        Assert.Contains(none.Id, alerted);
    }

    [Theory]
    [InlineData("LowDeadlineSeconds", "0")]
    [InlineData("MediumDeadlineSeconds", "30")]
    [InlineData("NoneDeadlineSeconds", "600")]
    [InlineData("IdleCloseMinutes", "60")]
    public void A_bad_routing_setting_stops_the_worker_with_a_clear_message(string name, string value)
    {
        using var bad = RoutingServices.Build(redis, clock, new CollectingNotifier(), (name, value));
        var error = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<RoutingOptions>>().Value);
        Assert.Contains("HOTLINE_ROUTING", error.Message);
    }

    [Fact]
    public async Task A_waiting_case_nobody_holds_closes_when_idle_with_a_note_and_counts_as_idle()
    {
        var conversations = services.GetRequiredService<ConversationStore>();
        var cases = services.GetRequiredService<CaseStore>();
        // The worker's history of its own metrics, as its host starts it: the dashboard counts closures from it.
        await services.GetServices<IHostedService>().OfType<MetricHistory>().Single().StartAsync(default);
        var waiting = await services.OpenCaseAsync(Severity.Low);
        await conversations.CreateAsync(waiting.ConversationId, Channel.WebChat, Language.Sq);
        await conversations.LinkCaseAsync(waiting.ConversationId, waiting.Id);
        await redis.Database.SortedSetAddAsync(RedisKeys.IdleCases, waiting.Id, waiting.OpenedAt.ToUnixTimeMilliseconds());
        var held = await services.OpenCaseAsync(Severity.Low);
        await redis.Database.SortedSetAddAsync(RedisKeys.IdleCases, held.Id, held.OpenedAt.ToUnixTimeMilliseconds());
        await cases.ClaimAsync(held.Id, "demo");

        clock.Advance(TimeSpan.FromMinutes(240) - TimeSpan.FromSeconds(1));
        await Clock.TickAsync(default);
        Assert.Equal(CaseStatus.Open, (await cases.GetAsync(waiting.Id))!.Status);

        clock.Advance(TimeSpan.FromSeconds(2));
        await Clock.TickAsync(default);
        var closed = (await cases.GetAsync(waiting.Id))!;
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal(CloseReasons.Idle, closed.CloseReason);
        Assert.Null(await redis.Database.SortedSetRankAsync(RedisKeys.Queue, waiting.Id));
        Assert.Contains(await services.GetRequiredService<CaseTimeline>().ReadAsync(waiting.Id), t => t.Kind == TimelineKind.Closed && t.Detail!.StartsWith("idle", StringComparison.Ordinal));
        var conversation = (await conversations.GetAsync(waiting.ConversationId))!;
        Assert.Null(conversation.CaseId);
        Assert.Equal(waiting.Id, conversation.PreviousCaseId);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var history = await services.GetRequiredService<MetricHistoryReader>().HoursAsync(now.AddHours(-1), now);
        Assert.Equal(1, history.Where(f => f.Instrument == "hotline.cases.closed" && f.Stat == "count" && f.Tag("reason") == CloseReasons.Idle).Sum(f => f.Value));
        // A case an operator holds is not idle, however quiet the person is.
        Assert.Equal(CaseStatus.Claimed, (await cases.GetAsync(held.Id))!.Status);
    }

    // A Triage worker that dies while it opens a case: the worker that handles the event next opens it.
    [Fact]
    public async Task A_conversation_linked_to_a_case_whose_worker_died_before_writing_it_gets_that_case_queued_with_its_deadline()
    {
        var conversations = services.GetRequiredService<ConversationStore>();
        var conversationId = Ids.New("C", 12);
        await conversations.CreateAsync(conversationId, Channel.Sms, Language.Sq);
        // All the worker that died had done: the conversation points at the case it was about to write.
        var caseId = Ids.New("K", 12);
        await conversations.LinkCaseAsync(conversationId, caseId);
        var message = new MessageEvent(conversationId, 1, Channel.Sms, Language.Sq, Severity.Critical, Severity.Critical, ["trafficking"], clock.GetUtcNow());
        await redis.Database.StreamAddAsync(RedisKeys.Events, message.ToFields());

        var router = services.GetServices<IHostedService>().OfType<CaseRouter>().Single();
        await router.StartAsync(CancellationToken.None);
        try
        {
            // The state stays once reached, so looking every 50 ms cannot miss it; the limit is generous, as nothing here measures time.
            var giveUp = DateTime.UtcNow.AddSeconds(60);
            while (await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, caseId) is null)
            {
                Assert.True(DateTime.UtcNow < giveUp, "the case was never queued");
                await Task.Delay(50);
            }
        }
        finally
        {
            await router.StopAsync(CancellationToken.None);
        }

        var record = await services.GetRequiredService<CaseStore>().GetAsync(caseId);
        Assert.Equal((CaseStatus.Open, Severity.Critical, conversationId), (record!.Status, record.Severity, record.ConversationId));
        Assert.True(await redis.Database.SetContainsAsync(RedisKeys.ActiveCases, caseId));
        Assert.NotNull(await redis.Database.SortedSetScoreAsync(RedisKeys.Deadlines, caseId));
        Assert.Single(await services.GetRequiredService<CaseTimeline>().ReadAsync(caseId), e => e.Kind == TimelineKind.Opened);
        Assert.Null(record.Opening);
    }

    /// <summary>
    /// A Triage worker opening a case died after one step of it (listing the case, writing its "opened" entries, making its
    /// first offer): the event it was handling, delivered twice more to another worker, finishes the opening from there,
    /// and every step of it is done once.
    /// </summary>
    [Theory]
    [InlineData(CaseOpening.Written)]
    [InlineData(CaseOpening.Announced)]
    [InlineData(CaseOpening.Offered)]
    public async Task A_case_whose_opener_died_while_opening_it_is_announced_and_offered_once_by_the_redelivered_event(CaseOpening diedAfter)
    {
        await redis.Database.HashSetAsync(RedisKeys.Operator("ana"), [new("roles", "Operator"), new("languages", "sq"), new("capacity", "2")]);
        await redis.Database.SetAddAsync(RedisKeys.Operators, "ana");
        await OperatorPresence.SetAsync("ana", PresenceStatus.Online);
        var conversations = services.GetRequiredService<ConversationStore>();
        var cases = services.GetRequiredService<CaseStore>();
        var timeline = services.GetRequiredService<CaseTimeline>();
        var conversationId = Ids.New("C", 12);
        await conversations.CreateAsync(conversationId, Channel.Sms, Language.Sq);
        var caseId = Ids.New("K", 12);
        await conversations.LinkCaseAsync(conversationId, caseId);

        // What the worker that died had done.
        await cases.TryOpenAsync(caseId, conversationId, Severity.High, ["trafficking"], Language.Sq, Channel.Sms);
        if (diedAfter >= CaseOpening.Announced) Assert.True(await cases.AnnounceOpeningAsync(caseId, [timeline.Entry(TimelineKind.Opened, detail: "high")]));
        if (diedAfter == CaseOpening.Offered)
        {
            // The offer as its script writes it, in one step: neither its deadline nor its notice went out.
            await redis.Database.HashSetAsync(RedisKeys.Case(caseId), [
                new(CaseFields.OfferedTo, "ana"), new(CaseFields.Offered, "ana"), new(CaseFields.Opening, CaseStore.OpeningWire(CaseOpening.Offered))]);
            await redis.Database.ListRightPushAsync(RedisKeys.CaseTimeline(caseId), timeline.Entry(TimelineKind.Offered, detail: "ana"));
        }

        // Its event, twice (the worker it went to next died too, before acknowledging it), read by workers that are gone and
        // idle as long as a stopping worker hands its entries back for.
        var message = new MessageEvent(conversationId, 1, Channel.Sms, Language.Sq, Severity.High, Severity.High, ["trafficking"], clock.GetUtcNow());
        await redis.Database.StreamCreateConsumerGroupAsync(RedisKeys.Events, CaseRouter.GroupName, "0-0", createStream: true);
        var ids = new[] { await redis.Database.StreamAddAsync(RedisKeys.Events, message.ToFields()), await redis.Database.StreamAddAsync(RedisKeys.Events, message.ToFields()) };
        Assert.Equal(2, (await redis.Database.StreamReadGroupAsync(RedisKeys.Events, CaseRouter.GroupName, "died", ">")).Length);
        await redis.Database.ExecuteAsync("XCLAIM", new object[] { RedisKeys.Events, CaseRouter.GroupName, "died", 0, ids[0].ToString(), ids[1].ToString(), "IDLE", 60_000, "JUSTID" });

        var router = services.GetServices<IHostedService>().OfType<CaseRouter>().Single();
        await router.StartAsync(CancellationToken.None);
        try
        {
            // Both entries acknowledged is a state that stays once reached, so looking every 50 ms cannot miss it; the
            // limit is generous, as nothing here measures time. The router looks for abandoned entries once half the claim
            // time has passed on its clock since it last looked (or started): the clock moves on until it has.
            var giveUp = DateTime.UtcNow.AddSeconds(60);
            while ((await redis.Database.StreamPendingAsync(RedisKeys.Events, CaseRouter.GroupName)).PendingMessageCount > 0)
            {
                Assert.True(DateTime.UtcNow < giveUp, "the events were never handled again");
                clock.Advance(TimeSpan.FromSeconds(16));
                await Task.Delay(50);
            }
        }
        finally
        {
            await router.StopAsync(CancellationToken.None);
        }

        var record = (await cases.GetAsync(caseId))!;
        Assert.Null(record.Opening);
        Assert.Equal((CaseStatus.Open, "ana"), (record.Status, (await cases.FactsAsync(caseId))!.OfferedTo));
        Assert.NotNull(await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, caseId));
        Assert.NotNull(await redis.Database.SortedSetScoreAsync(RedisKeys.Deadlines, caseId));
        Assert.NotNull(await redis.Database.SortedSetScoreAsync(RedisKeys.OfferDeadlines, caseId));
        var entries = (await timeline.ReadAsync(caseId)).Select(e => e.Kind.ToWire() + (e.Detail is null ? "" : ": " + e.Detail)).ToList();
        Assert.Single(entries, e => e.StartsWith(TimelineKind.Opened.ToWire() + ":", StringComparison.Ordinal));
        Assert.Single(entries, e => e.StartsWith(TimelineKind.Offered.ToWire() + ":", StringComparison.Ordinal));
        Assert.Contains(TimelineKind.Offered.ToWire() + ": ana", entries);
        // Ana is told of the offer once: the worker that died never told her.
        var notices = (await redis.Database.StreamRangeAsync(RedisKeys.Notifications)).Where(e => e["type"] == "offer").Select(e => $"{e["caseId"]}>{e["to"]}");
        Assert.Equal([$"{caseId}>ana"], notices);
    }
}
