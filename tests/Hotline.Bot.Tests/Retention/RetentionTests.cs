using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Transcripts;
using Hotline.Triage.Retention;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Bot.Tests.Retention;

/// <summary>
/// Retention by outcome, with the Bot and the Triage worker running on a real redis-server under the production ACL: once
/// the retention of a closed case's outcome has passed (on a FakeTimeProvider given to the Triage worker's sweep), the
/// conversation's transcript, data keys, delivery state and case code are gone, its case keeps only its routing facts and
/// a timeline saying only that it was deleted by retention, the person is told nothing, and a live conversation is untouched.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class RetentionTests(TwilioHotline hotline)
{
    private const string Urgent = "he beats me and took my passport, I am scared now";

    private IServiceProvider Triage => hotline.TriageWorker!.Services;

    [Fact]
    public async Task After_its_outcomes_retention_a_resolved_case_and_its_conversation_are_deleted_saying_nothing_and_a_live_one_is_untouched()
    {
        var from = TwilioHotline.NewNumber();
        var other = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, Urgent))).EnsureSuccessStatusCode();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(other, Urgent))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var liveId = (await hotline.ConversationOfAsync(other))!;
        var code = await hotline.CaseCodeSaidInAsync(conversationId);
        Assert.False(string.IsNullOrEmpty(code), "an urgent message gets a case code");
        var codeKey = RedisKeys.CaseCode(hotline.Services.GetRequiredService<CaseCodeKey>().LookupOf(code!));
        var caseId = await CaseOfAsync(conversationId);
        var liveCase = await CaseOfAsync(liveId);

        // An operator resolves the case as "information given" (the console records the outcome, then releases).
        await ResolveAsync(caseId, conversationId, "information-given");
        await hotline.WaitUntilQuietAsync();
        var leftovers = ConversationLeftovers.Capture(await hotline.Redis.AllKeysAndValuesAsync(), conversationId, caseId, code);
        Assert.True(leftovers.Captured >= 4, "the transcript, its data keys, the sealed address, the risk state and the code were there to delete");
        Assert.True(await Triage.GetRequiredService<HotlineRedis>().Db.KeyExistsAsync(RedisKeys.CaseRecordFields(caseId)));
        // The live conversation goes on (the bot may tell its person their place meanwhile): what it held must still be there.
        var liveEntries = await hotline.Db.ListRangeAsync(RedisKeys.Transcript(liveId));
        var liveKeys = await hotline.Db.HashGetAllAsync(RedisKeys.TranscriptKeys(liveId));
        Assert.True(liveEntries.Length > 0 && liveKeys.Length > 0);
        var toPerson = hotline.Twilio.Messages.Count(m => m.To == from);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var period = Triage.GetRequiredService<IOptions<RetentionOptions>>().Value.For("information-given");
        // Two Triage workers sweep: each due case is claimed by one of them.
        var sweeps = new[] { Sweep(clock), Sweep(clock) };

        clock.Advance(period - TimeSpan.FromHours(1));
        await Task.WhenAll(sweeps.Select(s => s.SweepAsync(CancellationToken.None)));
        Assert.True(await hotline.Db.ListLengthAsync(RedisKeys.Transcript(conversationId)) > 0, "kept until its retention ends");
        Assert.True(await hotline.Db.KeyExistsAsync(codeKey));

        clock.Advance(TimeSpan.FromHours(2));
        await Task.WhenAll(sweeps.Select(s => s.SweepAsync(CancellationToken.None)));
        await WaitForAsync(async () => (await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "deletedAt")), "the Bot deletes the conversation");
        await hotline.WaitUntilQuietAsync();

        var found = leftovers.Find(await hotline.Redis.AllKeysAndValuesAsync(), ConversationDeletion.TombstoneFields, ConversationDeletion.IdentifyingCaseFields);
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.TranscriptKeys(conversationId)), "the data keys are shredded");
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Transcript(conversationId)));
        Assert.False(await hotline.Db.KeyExistsAsync(codeKey), "the case code is revoked");
        Assert.False(await Triage.GetRequiredService<HotlineRedis>().Db.KeyExistsAsync(RedisKeys.CaseRecordFields(caseId)), "the outcome record is gone");
        var timeline = await Triage.GetRequiredService<CaseTimeline>().ReadAsync(caseId);
        var only = Assert.Single(timeline);
        Assert.Equal((TimelineKind.Deleted, ConversationDeletion.DeletedByRetention), (only.Kind, only.Detail));
        Assert.Null(await Triage.GetRequiredService<CaseRetention>().DueAsync(caseId));

        // The live conversation and its case are as they were.
        Assert.Equal(liveEntries, (await hotline.Db.ListRangeAsync(RedisKeys.Transcript(liveId))).Take(liveEntries.Length));
        Assert.Subset((await hotline.Db.HashGetAllAsync(RedisKeys.TranscriptKeys(liveId))).ToHashSet(), liveKeys.ToHashSet());
        Assert.Contains(await hotline.TranscriptAsync(liveId), t => t == Urgent);
        Assert.Equal(CaseStatus.Open, (await Triage.GetRequiredService<CaseStore>().GetAsync(liveCase))!.Status);

        // Nothing ties the number to the deleted conversation: the sender's pointer is gone, and Twilio deletes its copies.
        Assert.Null(await hotline.ConversationOfAsync(from));
        await hotline.WaitUntilDeletedAtTwilioAsync([from]);

        // The person was told nothing; writing again starts afresh, with nothing of the old conversation said.
        Assert.Equal(toPerson, hotline.Twilio.Messages.Count(m => m.To == from));
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Përshëndetje"))).EnsureSuccessStatusCode();
        var next = (await hotline.ConversationOfAsync(from))!;
        Assert.NotEqual(conversationId, next);
        var greeting = SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, toPerson + greeting.Count);
        await hotline.WaitUntilSentAsync();
        Assert.All(hotline.Twilio.Messages.Where(m => m.To == from).Skip(toPerson), m => Assert.DoesNotContain(code!, m.Body ?? "", StringComparison.Ordinal));
        // The code opens nothing from another number.
        var stranger = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(stranger, code!))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == stranger && (m.Body ?? "").Contains("kod nuk u njoh", StringComparison.Ordinal), 1);
    }

    [Fact]
    public async Task A_person_who_writes_again_after_the_case_closed_keeps_the_conversation_until_the_later_cases_retention_ends()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, Urgent))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var first = await CaseOfAsync(conversationId);
        await ResolveAsync(first, conversationId, "test-or-misuse");
        var retention = Triage.GetRequiredService<CaseRetention>();
        Assert.NotNull(await retention.DueAsync(first));

        // The person writes again: a new case opens, and the first one leaves the schedule (it goes with the new one).
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "he came back and is shouting at the door, please help"))).EnsureSuccessStatusCode();
        Assert.Equal(conversationId, await hotline.ConversationOfAsync(from));
        var second = await CaseOfAsync(conversationId, other: first);
        await WaitForAsync(async () => await retention.DueAsync(first) is null, "the first case leaves the schedule");
        Assert.Equal(first, await Triage.GetRequiredService<CaseStore>().EarlierCaseAsync(second));
        await hotline.WaitUntilQuietAsync();
        var entries = await hotline.Db.ListRangeAsync(RedisKeys.Transcript(conversationId));

        // Long past any retention, the conversation is still there: its case is open.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock.Advance(TimeSpan.FromDays(RetentionOptions.MaxDays));
        await Sweep(clock).SweepAsync(CancellationToken.None);
        Assert.Equal(entries, (await hotline.Db.ListRangeAsync(RedisKeys.Transcript(conversationId))).Take(entries.Length));
        Assert.False(await hotline.Db.HashExistsAsync(RedisKeys.Case(first), "deletedAt"));

        // Once the later case is resolved and its retention ends, the conversation goes, with both cases.
        await ResolveAsync(second, conversationId, "person-left");
        await Sweep(clock).SweepAsync(CancellationToken.None);
        await WaitForAsync(async () => await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "deletedAt"), "the Bot deletes the conversation");
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.TranscriptKeys(conversationId)));
        foreach (var id in new[] { first, second })
        {
            var timeline = await Triage.GetRequiredService<CaseTimeline>().ReadAsync(id);
            Assert.Equal([ConversationDeletion.DeletedByRetention], timeline.Select(t => t.Detail));
        }
    }

    [Fact]
    public async Task A_case_closed_before_retention_existed_is_found_by_the_backfill_and_shredded_when_its_outcomes_retention_ends()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, Urgent))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var caseId = await CaseOfAsync(conversationId);
        var redis = Triage.GetRequiredService<HotlineRedis>();

        // Resolved the way a version without retention did: the outcome recorded, the case released, nothing scheduled.
        var unscheduled = new CaseStore(redis, TimeProvider.System);
        Assert.Equal(ClaimOutcome.Claimed, await unscheduled.ClaimAsync(caseId, "demo"));
        await new Hotline.Operator.Cases.CaseRecordStore(redis)
            .SaveAsync(caseId, new Hotline.Operator.Cases.CaseOutcome("information-given", [], null, "demo", DateTimeOffset.UtcNow));
        Assert.True(await unscheduled.ReleaseAsync(caseId, "demo", "information-given"));
        await Triage.GetRequiredService<ConversationStore>().UnlinkCaseAsync(conversationId);
        var retention = Triage.GetRequiredService<CaseRetention>();
        Assert.Null(await retention.DueAsync(caseId));
        await hotline.WaitUntilQuietAsync();
        var dataKeys = await hotline.Db.HashGetAllAsync(RedisKeys.TranscriptKeys(conversationId));
        Assert.NotEmpty(dataKeys);
        // A deployment upgraded with such cases: its backfill has not run yet.
        await redis.Db.KeyDeleteAsync(RedisKeys.RetentionBackfill);

        var closedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)await redis.Db.HashGetAsync(RedisKeys.Case(caseId), "closedAt"));
        var period = Triage.GetRequiredService<IOptions<RetentionOptions>>().Value.For("information-given");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock.Advance(period - TimeSpan.FromHours(1));
        var sweep = Sweep(clock);
        // Kept until its retention ends: the backfill finds it and schedules it from when it closed, for its outcome.
        while (!await Triage.GetRequiredService<RetentionBackfill>().IsDoneAsync()) await sweep.SweepAsync(CancellationToken.None);
        Assert.Equal(closedAt + period, await retention.DueAsync(caseId));
        Assert.Equal(dataKeys.Length, (await hotline.Db.HashGetAllAsync(RedisKeys.TranscriptKeys(conversationId))).Length);

        clock.Advance(TimeSpan.FromHours(2));
        await sweep.SweepAsync(CancellationToken.None);
        await WaitForAsync(async () => await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "deletedAt"), "the Bot deletes the conversation");
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.TranscriptKeys(conversationId)), "the data keys are shredded");
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Transcript(conversationId)));
        Assert.False(await redis.Db.KeyExistsAsync(RedisKeys.CaseRecordFields(caseId)), "the outcome record is gone");
        var timeline = await Triage.GetRequiredService<CaseTimeline>().ReadAsync(caseId);
        Assert.Equal([ConversationDeletion.DeletedByRetention], timeline.Select(t => t.Detail));
    }

    /// <summary>The Triage worker's sweep, on <paramref name="clock"/>, with everything else the running worker's.</summary>
    private RetentionSweep Sweep(FakeTimeProvider clock) =>
        ActivatorUtilities.CreateInstance<RetentionSweep>(Triage,
            new CaseRetention(Triage.GetRequiredService<HotlineRedis>(), Triage.GetRequiredService<IOptions<RetentionOptions>>(), clock), (TimeProvider)clock);

    /// <summary>What the Operator service does on Resolve: the outcome recorded, then the case released back to the bot.</summary>
    private async Task ResolveAsync(string caseId, string conversationId, string outcome)
    {
        var cases = Triage.GetRequiredService<CaseStore>();
        Assert.Equal(ClaimOutcome.Claimed, await cases.ClaimAsync(caseId, "demo"));
        await new Hotline.Operator.Cases.CaseRecordStore(Triage.GetRequiredService<HotlineRedis>())
            .SaveAsync(caseId, new Hotline.Operator.Cases.CaseOutcome(outcome, ["referral-1"], null, "demo", DateTimeOffset.UtcNow));
        Assert.True(await cases.ReleaseAsync(caseId, "demo", outcome));
        await Triage.GetRequiredService<ConversationStore>().UnlinkCaseAsync(conversationId);
    }

    private async Task<string> CaseOfAsync(string conversationId, string? other = null)
    {
        string? caseId = null;
        await WaitForAsync(async () =>
        {
            caseId = (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "caseId");
            // The router links the conversation to the case's id first and writes the case after it: the case is open
            // once its record has a status, not when the link appears.
            return caseId is not null && caseId != other && await hotline.Db.HashExistsAsync(RedisKeys.Case(caseId), "status");
        }, "a case opens");
        return caseId!;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var until = DateTime.UtcNow.AddSeconds(30); !await condition(); await Task.Delay(100))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited 30 s: {what}");
        }
    }
}
