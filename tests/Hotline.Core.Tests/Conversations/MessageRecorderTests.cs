using Hotline.Core.Conversations;
using Hotline.Core.Cases;
using Hotline.Core.Events;
using System.Diagnostics.Metrics;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Conversations;

[Collection(RedisFixture.Collection)]
public sealed class MessageRecorderTests(RedisFixture redis)
{
    private readonly HotlineRedis hotline = new(redis.Connection);
    private readonly KeyPairBytes team = HotlineCrypto.NewKeyPair();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly string keysDir = Directory.CreateTempSubdirectory("hotline-recorder-").FullName;
    private IReadOnlyDictionary<string, byte[]> Signers_ => Signers.Services.ToDictionary(n => n, n => SigningIdentity.Load(keysDir, n).PublicKey);

    private async Task<(MessageRecorder Recorder, TranscriptStore Transcripts, ConversationStore Conversations, EventOutbox Outbox)> StackAsync()
    {
        // The team key as 'admin init-demo' creates it, signed and pinned; the Bot's signing key beside it.
        await redis.Database.KeyDeleteAsync(RedisKeys.TeamKey);
        var fingerprint = await TeamKeyCeremony.CreateAsync(redis.Database, keysDir, team.PublicKey);
        keys = new TeamKeyDirectory(hotline, Microsoft.Extensions.Options.Options.Create(new HotlineOptions { TeamKeyFingerprint = fingerprint! }));
        var transcripts = new TranscriptStore(hotline, keys, SigningIdentity.Load(keysDir, Signers.Bot), time);
        var outbox = new EventOutbox(hotline, metrics, time, NullLogger<EventOutbox>.Instance);
        return (new MessageRecorder(hotline, transcripts, keys, outbox, metrics, time), transcripts, new ConversationStore(hotline, time), outbox);
    }

    private TeamKeyDirectory? keys;
    private readonly HotlineMetrics metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    /// <summary>Another Bot's recorders on the same Redis (after <see cref="StackAsync"/>): its own data keys in memory.</summary>
    private (MessageRecorder One, MessageBatchRecorder Batch) OtherBot(EventOutbox outbox)
    {
        var transcripts = new TranscriptStore(hotline, keys!, SigningIdentity.Load(keysDir, Signers.Bot), time);
        return (new MessageRecorder(hotline, transcripts, keys!, outbox, metrics, time), new MessageBatchRecorder(hotline, transcripts, keys!, outbox, metrics, time));
    }

    private MessageEvent Draft(string conversationId, Severity severity) =>
        new(conversationId, 0, Channel.WebChat, Language.En, severity, severity, severity >= Severity.High ? ["violence"] : [], time.GetUtcNow());

    private async Task<List<MessageEvent>> EventsOfAsync(string conversationId) =>
        [.. (await redis.Database.StreamRangeAsync(RedisKeys.Events)).Select(e => MessageEvent.FromFields(e.Values)).OfType<MessageEvent>().Where(e => e.ConversationId == conversationId)];

    [Fact]
    public async Task A_stored_message_is_in_the_transcript_and_its_event_on_the_events_stream_with_the_raised_severity()
    {
        var (recorder, transcripts, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.WebChat, Language.Other);

        var first = await recorder.RecordAsync(Draft(id, Severity.Critical), MessageFacts.None, "he has a knife", Language.En, duress: false, CancellationToken.None);
        var second = await recorder.RecordAsync(Draft(id, Severity.Low), MessageFacts.None, "thank you", null, duress: false, CancellationToken.None);

        Assert.Equal(["he has a knife", "thank you"], TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_));
        Assert.Equal(Severity.Critical, second.ConversationSeverity);
        var conversation = await conversations.GetAsync(id);
        Assert.Equal((Severity.Critical, Language.En), (conversation!.Severity, conversation.Language));
        var events = await EventsOfAsync(id);
        Assert.Equal([(0L, Severity.Critical, Severity.Critical), (1L, Severity.Low, Severity.Critical)],
            events.Select(e => (e.Sequence, e.MessageSeverity, e.ConversationSeverity)));
        Assert.Equal(0, await redis.Database.ListLengthAsync(RedisKeys.EventOutbox(id)));
        Assert.False(first.UnderDuress);
    }

    [Fact]
    public async Task A_message_whose_channel_id_was_taken_before_is_refused_by_the_step_that_would_store_it_and_nothing_is_stored()
    {
        var (recorder, transcripts, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.Sms, Language.En);
        var seen = $"hl:{{c:{id}}}:twilio:sids";
        var once = new MessageOnce(seen, "SM" + Guid.NewGuid().ToString("N"));
        Task<InboundStep> Step(CancellationToken _) => Task.FromResult(new InboundStep(Draft(id, Severity.High), MessageFacts.None));

        // The channel delivers the same message three times at once, and once more later.
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            recorder.RecordOnceAsync(id, Step, "he is at the door", null, duress: false, once, CancellationToken.None)));
        var late = await recorder.RecordOnceAsync(id, Step, "he is at the door", null, duress: false, once, CancellationToken.None);

        Assert.Single(deliveries, d => d is not null);
        Assert.Null(late);
        Assert.Equal(["he is at the door"], TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_));
        Assert.Single(await EventsOfAsync(id));
        Assert.Equal(0, await redis.Database.ListLengthAsync(RedisKeys.EventOutbox(id)));
        Assert.Equal([once.Id], (await redis.Database.SetMembersAsync(seen)).Select(v => v.ToString()));
        // Kept as long as the conversation (its deletion reads and deletes the set), however long it is idle.
        Assert.Null(await redis.Database.KeyTimeToLiveAsync(seen));

        // Another id of the same conversation is a message of its own.
        var next = await recorder.RecordOnceAsync(id, Step, "he left", null, duress: false, once with { Id = "SM" + Guid.NewGuid().ToString("N") }, CancellationToken.None);
        Assert.Equal(1, next!.Entry.Sequence);
    }

    [Fact]
    public async Task Age_area_minor_and_indicator_positions_reach_the_event_only_sealed_to_the_team_key_and_bound_to_their_entry()
    {
        var (recorder, _, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.WebChat, Language.Other);
        var facts = new MessageFacts(15, "Përmet", Minor: true, [new IndicatorRef("sq.beating", "domestic_violence", 3, 7)]);

        await recorder.RecordAsync(Draft(id, Severity.High), MessageFacts.None, "hello", Language.Sq, duress: false, CancellationToken.None);
        await recorder.RecordAsync(Draft(id, Severity.High) with { NamesArea = true, CoveredBy = ["unit-south"] }, facts, "jam 15 vjec ne Permet", null, duress: false, CancellationToken.None);

        var raw = (await redis.Database.StreamRangeAsync(RedisKeys.Events)).Where(e => e["conversationId"] == id).ToList();
        Assert.Equal(2, raw.Count);
        Assert.True(raw[0]["facts"].IsNull, "a message without facts carries no sealed value");
        Assert.DoesNotContain(raw[1].Values, v => v.Name == "age" || v.Name == "place" || v.Name == "minor" || v.Name == "indicators");
        Assert.DoesNotContain(raw[1].Values, v => v.Value == "15" || v.Value.ToString().Contains("Përmet") || v.Value.ToString().Contains("sq.beating"));

        var message = MessageEvent.FromFields(raw[1].Values)!;
        Assert.True(message.NamesArea);
        Assert.Equal(["unit-south"], message.CoveredBy);
        Assert.Equal(facts with { Indicators = [] }, MessageFacts.Open(message.SealedFacts!, team, id, "1") with { Indicators = [] });
        Assert.Equal(facts.Indicators, MessageFacts.Open(message.SealedFacts!, team, id, "1").Indicators);
        // Bound to its conversation and entry: shown under another case or message it does not open.
        Assert.Throws<CryptoFailure>(() => MessageFacts.Open(message.SealedFacts!, team, id, "0"));
        Assert.Throws<CryptoFailure>(() => MessageFacts.Open(message.SealedFacts!, team, "c-other", "1"));
        Assert.Throws<CryptoFailure>(() => MessageFacts.Open(message.SealedFacts!, HotlineCrypto.NewKeyPair(), id, "1"));
    }

    [Fact]
    public async Task A_message_judged_against_a_risk_state_another_message_replaced_meanwhile_is_judged_again_and_neither_update_is_lost()
    {
        var (recorder, transcripts, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.WebChat, Language.En);
        var key = RedisKeys.Conversation(id);
        var firstRead = new TaskCompletionSource();
        var secondStored = new TaskCompletionSource();
        var attempts = 0;

        // The first message reads the state, then waits while the second is read, judged and stored.
        var first = recorder.RecordAsync(id, async _ =>
        {
            var before = (string?)await redis.Database.HashGetAsync(key, ConversationStore.RiskField);
            if (Interlocked.Increment(ref attempts) == 1)
            {
                firstRead.SetResult();
                await secondStored.Task;
            }
            return new InboundStep(Draft(id, Severity.High), MessageFacts.None, new ConversationRiskWrite(before, before + "[first]"));
        }, "he is back", null, duress: false, CancellationToken.None);
        await firstRead.Task;
        await recorder.RecordAsync(id, async _ =>
        {
            var before = (string?)await redis.Database.HashGetAsync(key, ConversationStore.RiskField);
            return new InboundStep(Draft(id, Severity.Low), MessageFacts.None, new ConversationRiskWrite(before, before + "[second]"));
        }, "he has a knife", null, duress: false, CancellationToken.None);
        secondStored.SetResult();
        await first;

        Assert.Equal(2, attempts);
        Assert.Equal("[second][first]", (string?)await redis.Database.HashGetAsync(key, ConversationStore.RiskField));
        Assert.Equal(["he has a knife", "he is back"], TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_));
        Assert.Equal([Severity.Low, Severity.High], (await EventsOfAsync(id)).OrderBy(e => e.Sequence).Select(e => e.MessageSeverity));
    }

    [Fact]
    public async Task An_event_whose_writer_died_before_relaying_it_reaches_the_events_stream_by_the_sweep()
    {
        var (_, _, conversations, outbox) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.Sms, Language.En);
        // What the script leaves when the process dies right after it: the entry stored, the event only in the outbox, and
        // the conversation listed in the outbox index.
        var orphan = EventOutbox.Serialize((Draft(id, Severity.High) with { Sequence = 0 }).ToFields());
        await redis.Database.ListRightPushAsync(RedisKeys.EventOutbox(id), orphan);
        await redis.Database.SortedSetAddAsync(OutboxIndex.For(hotline, id), id, time.GetUtcNow().ToUnixTimeMilliseconds());

        // The writer normally relays within milliseconds: a fresh entry is left to it, by the full sweep as by the index's.
        await outbox.SweepAsync(CancellationToken.None);
        await outbox.SweepAsync(CancellationToken.None);
        Assert.Empty(await EventsOfAsync(id));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.True(await outbox.SweepAsync(CancellationToken.None) >= 1);

        var events = await EventsOfAsync(id);
        Assert.Equal([(0L, Severity.High)], events.Select(e => (e.Sequence, e.MessageSeverity)));
        Assert.Equal(0, await redis.Database.ListLengthAsync(RedisKeys.EventOutbox(id)));
    }

    [Fact]
    public async Task A_duress_signal_is_remembered_for_the_next_messages()
    {
        var (recorder, _, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.WebChat, Language.En);

        var before = await recorder.RecordAsync(Draft(id, Severity.None), MessageFacts.None, "hello", null, duress: false, CancellationToken.None);
        var signal = await recorder.RecordAsync(Draft(id, Severity.Critical), MessageFacts.None, "blue umbrella", null, duress: true, CancellationToken.None);
        var after = await recorder.RecordAsync(Draft(id, Severity.None), MessageFacts.None, "ok", null, duress: false, CancellationToken.None);

        Assert.Equal([false, true, true], new[] { before.UnderDuress, signal.UnderDuress, after.UnderDuress });
    }

    [Fact]
    public async Task A_duress_signal_keeps_the_conversation_under_duress_for_seven_days_and_no_longer()
    {
        var (recorder, _, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.WebChat, Language.En);

        await recorder.RecordAsync(Draft(id, Severity.Critical), MessageFacts.None, "blue umbrella", null, duress: true, CancellationToken.None);
        time.Advance(MessageRecorder.DuressLifetime - TimeSpan.FromMinutes(1));
        var within = await recorder.RecordAsync(Draft(id, Severity.None), MessageFacts.None, "ok", null, duress: false, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var after = await recorder.RecordAsync(Draft(id, Severity.None), MessageFacts.None, "fine now", null, duress: false, CancellationToken.None);

        Assert.True(within.UnderDuress);
        Assert.False(after.UnderDuress);
    }

    [Fact]
    public async Task A_message_sealed_before_a_deletion_and_stored_after_it_never_goes_under_the_removed_data_key()
    {
        var (recorder, transcripts, conversations, outbox) = await StackAsync();
        var deletion = new ConversationDeletion(hotline, outbox, new CaseStore(hotline, time), new CaseTimeline(hotline, time), time, NullLogger<ConversationDeletion>.Instance);
        foreach (var hashKept in new[] { true, false })
        {
            var id = "c" + Guid.NewGuid().ToString("N");
            await conversations.CreateAsync(id, Channel.Sms, Language.En);
            var attempts = 0;
            // The person's first message is sealed under a key this Bot made and stored for it; before its step runs, the
            // conversation is deleted (its tombstone kept, or, long after, gone with its lifetime). The transcript is as
            // long as before (empty), so only the key tells.
            async Task<InboundStep> DeletedMeanwhile(CancellationToken _)
            {
                if (attempts++ == 0)
                {
                    Assert.True((await deletion.DeleteConversationAsync(id)).Found);
                    if (!hashKept) await redis.Database.KeyDeleteAsync(RedisKeys.Conversation(id));
                }
                return new InboundStep(Draft(id, Severity.Low), MessageFacts.None);
            }

            var after = await recorder.RecordAsync(id, DeletedMeanwhile, "më ndihmoni", null, duress: false, CancellationToken.None);

            Assert.Equal(2, attempts);
            Assert.Equal([after.Entry.SealedKey], (await redis.Database.HashKeysAsync(RedisKeys.TranscriptKeys(id))).Select(k => k.ToString()));
            Assert.Equal(["më ndihmoni"], TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_));
        }
    }

    [Fact]
    public async Task A_batch_sealed_before_a_deletion_and_stored_after_it_is_refused_and_never_goes_under_the_removed_data_key()
    {
        var (recorder, transcripts, conversations, outbox) = await StackAsync();
        var deletion = new ConversationDeletion(hotline, outbox, new CaseStore(hotline, time), new CaseTimeline(hotline, time), time, NullLogger<ConversationDeletion>.Instance);
        foreach (var hashKept in new[] { true, false })
        {
            var id = "c" + Guid.NewGuid().ToString("N");
            await conversations.CreateAsync(id, Channel.Sms, Language.En);
            // One Bot stored the sender's first message and holds its tail and data key for the messages over the limit.
            var (one, batch) = OtherBot(outbox);
            var first = await one.RecordAsync(Draft(id, Severity.Low), MessageFacts.None, "përshëndetje", null, duress: false, CancellationToken.None);
            // Meanwhile the conversation is deleted (its tombstone kept, or, long after, gone with its lifetime) and the
            // person writes again through another Bot: a new first entry under a new key. The transcript is as long as the
            // first Bot's tail says, so only the tombstone or the key tells.
            Assert.True((await deletion.DeleteConversationAsync(id)).Found);
            if (!hashKept) await redis.Database.KeyDeleteAsync(RedisKeys.Conversation(id));
            var again = await recorder.RecordAsync(Draft(id, Severity.Low), MessageFacts.None, "jam përsëri", null, duress: false, CancellationToken.None);
            var sids = $"hl:{{c:{id}}}:twilio:sids";

            var stored = await batch.RecordAsync(id, TranscriptTail.Of(first.Entry), ["mesazhi 1", "mesazhi 2"], ["SM1" + id, "SM2" + id], sids, 0,
                new InboundStep(Draft(id, Severity.Medium), MessageFacts.None), null, duress: false, knownOperator: null, CancellationToken.None);

            Assert.Equal(BatchRecordedKind.Stale, stored.Kind);
            Assert.Equal(["jam përsëri"], TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_));
            Assert.Equal([again.Entry.SealedKey], (await redis.Database.HashKeysAsync(RedisKeys.TranscriptKeys(id))).Select(k => k.ToString()));
            Assert.False(await redis.Database.KeyExistsAsync(sids));
        }
    }

    [Fact]
    public async Task A_batch_is_stored_only_after_the_tail_it_was_sealed_after_and_a_redelivered_id_refuses_it_with_nothing_written()
    {
        var (_, transcripts, conversations, outbox) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.Sms, Language.En);
        var (one, batch) = OtherBot(outbox);
        var first = await one.RecordAsync(Draft(id, Severity.Low), MessageFacts.None, "përshëndetje", null, duress: false, CancellationToken.None);
        var sids = $"hl:{{c:{id}}}:twilio:sids";
        await redis.Database.SetAddAsync(sids, "SM-before");
        var step = new InboundStep(Draft(id, Severity.High), MessageFacts.None);
        Task<BatchRecorded> Batch(TranscriptTail tail, string[] texts, string[] ids) =>
            batch.RecordAsync(id, tail, texts, ids, sids, texts.Length - 1, step, null, duress: false, knownOperator: null, CancellationToken.None);

        // The second of three was delivered before: refused, with the indexes of those taken, and nothing written.
        var redelivered = await Batch(TranscriptTail.Of(first.Entry), ["a", "b", "c"], ["SM-a", "SM-before", "SM-c"]);
        Assert.Equal(BatchRecordedKind.Redelivered, redelivered.Kind);
        Assert.Equal([1], redelivered.Redelivered);
        Assert.Equal(1, await redis.Database.ListLengthAsync(RedisKeys.Transcript(id)));
        Assert.Equal(["SM-before"], (await redis.Database.SetMembersAsync(sids)).Select(v => v.ToString()));
        // The rest, after the tail: stored in order with one event. Then a batch sealed after the same tail, now stale:
        // refused, its push taken back, nothing of it left.
        var stored = await Batch(TranscriptTail.Of(first.Entry), ["a", "c"], ["SM-a", "SM-c"]);
        var stale = await Batch(TranscriptTail.Of(first.Entry), ["x", "y"], ["SM-x", "SM-y"]);

        Assert.Equal((BatchRecordedKind.Stored, Severity.High), (stored.Kind, stored.ConversationSeverity));
        Assert.Equal(BatchRecordedKind.Stale, stale.Kind);
        Assert.Equal(["përshëndetje", "a", "c"], TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_));
        Assert.Equal(["SM-a", "SM-before", "SM-c"], (await redis.Database.SetMembersAsync(sids)).Select(v => v.ToString()).Order());
        Assert.Equal([(0L, Severity.Low), (2L, Severity.High)], (await EventsOfAsync(id)).Select(e => (e.Sequence, e.MessageSeverity)));
    }

    [Fact]
    public async Task Messages_stored_after_Redis_forgot_its_scripts_are_each_stored_once_with_one_event_and_a_redelivery_still_refused()
    {
        var (_, transcripts, conversations, outbox) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.Sms, Language.En);
        // One Bot's recorders, so the batch is sealed under the data key the first message was sealed under.
        var (recorder, batch) = OtherBot(outbox);
        var sids = $"hl:{{c:{id}}}:twilio:sids";
        Task<InboundStep> Step(CancellationToken _) => Task.FromResult(new InboundStep(Draft(id, Severity.High), MessageFacts.None));
        // As after a restart or a failover: every node has lost every script.
        async Task ForgetScriptsAsync()
        {
            foreach (var endpoint in redis.Connection.GetEndPoints()) await redis.Connection.GetServer(endpoint).ScriptFlushAsync();
        }

        await ForgetScriptsAsync();
        var first = await recorder.RecordOnceAsync(id, Step, "he is outside", null, duress: false, new MessageOnce(sids, "SM-1"), CancellationToken.None);
        await ForgetScriptsAsync();
        var again = await recorder.RecordOnceAsync(id, Step, "he is outside", null, duress: false, new MessageOnce(sids, "SM-1"), CancellationToken.None);
        await ForgetScriptsAsync();
        var stored = await batch.RecordAsync(id, TranscriptTail.Of(first!.Entry), ["the door", "now"], ["SM-2", "SM-3"], sids, 1,
            new InboundStep(Draft(id, Severity.Critical), MessageFacts.None), null, duress: false, knownOperator: null, CancellationToken.None);

        Assert.Null(again);
        Assert.Equal(BatchRecordedKind.Stored, stored.Kind);
        Assert.Equal(["he is outside", "the door", "now"], TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_));
        Assert.Equal([0L, 2L], (await EventsOfAsync(id)).Select(e => e.Sequence));
        Assert.Equal(0, await redis.Database.ListLengthAsync(RedisKeys.EventOutbox(id)));
    }

    [Fact]
    public async Task A_message_that_may_make_a_case_urgent_wakes_the_triage_worker_at_once_and_the_others_wakes_wait_to_go_together()
    {
        var (recorder, _, conversations, _) = await StackAsync();
        var wakeChannel = RedisChannel.Literal(RedisKeys.Wake(RedisKeys.Events));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var wakes = System.Threading.Channels.Channel.CreateUnbounded<(string Message, TimeSpan At)>();
        var channel = await redis.Connection.GetSubscriber().SubscribeAsync(wakeChannel);
        channel.OnMessage(m => wakes.Writer.TryWrite((m.Message.ToString(), clock.Elapsed)));
        try
        {
            async Task<string> ConversationAsync((string Field, string Value)[] fields)
            {
                var id = "c" + Guid.NewGuid().ToString("N");
                await conversations.CreateAsync(id, Channel.Sms, Language.En);
                if (fields.Length > 0) await redis.Database.HashSetAsync(RedisKeys.Conversation(id), [.. fields.Select(f => new HashEntry(f.Field, f.Value))]);
                return id;
            }
            Task Record(string id, Severity severity) =>
                recorder.RecordAsync(Draft(id, severity), MessageFacts.None, "a message", null, duress: false, CancellationToken.None);

            // The wakes of one case: the first (waited for up to 10 s, however loaded the machine), then the others until
            // none comes for a while, so that none of them is left for the next case.
            async Task<List<(string Message, TimeSpan At)>> WakesAsync()
            {
                var got = new List<(string Message, TimeSpan At)>();
                using (var first = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
                {
                    try { got.Add(await wakes.Reader.ReadAsync(first.Token)); }
                    catch (OperationCanceledException) { Assert.Fail("no wake within 10 s of the message"); }
                }
                while (true)
                {
                    using var quiet = new CancellationTokenSource(EventOutbox.WakeGathering * 10);
                    try { got.Add(await wakes.Reader.ReadAsync(quiet.Token)); }
                    catch (OperationCanceledException) { return got; }
                }
            }

            // An urgent message's wake is sent during the call, before anything the test sends on the same connection once
            // the call has returned; a gathered one would come after that (at least WakeGathering later), however slow the
            // machine.
            async Task UrgentAsync(Severity severity, params (string Field, string Value)[] conversation)
            {
                var id = await ConversationAsync(conversation);
                var start = clock.Elapsed;
                await Record(id, severity);
                var after = "after-" + id;
                await redis.Connection.GetSubscriber().PublishAsync(wakeChannel, after);
                var got = await WakesAsync();
                var order = got.Select(w => w.Message).ToList();
                Assert.True(order.IndexOf(StreamGroupWorker.UrgentWake) is >= 0 and var urgent && urgent < order.IndexOf(after),
                    $"{severity}: wakes {string.Join(", ", got.Select(w => $"{w.Message} at {(w.At - start).TotalMilliseconds:F0} ms"))}");
            }

            // Messages that make nothing urgent, recorded together: their wake waits for the gathering (it cannot come
            // sooner, however fast the machine), and it is one wake for all of them when every call was over before the
            // first wake's gathering could have ended. A loaded machine may spread the calls wider: then the round is retried.
            async Task GatheredAsync(int messages, params (string Field, string Value)[] conversation)
            {
                for (var round = 1; ; round++)
                {
                    var ids = new List<string>();
                    for (var i = 0; i < messages; i++) ids.Add(await ConversationAsync(conversation));
                    var start = clock.Elapsed;
                    var ended = await Task.WhenAll(ids.Select(async id => { await Record(id, Severity.Low); return clock.Elapsed; }));
                    var got = await WakesAsync();
                    var seen = string.Join(", ", got.Select(w => $"{w.Message} at {(w.At - start).TotalMilliseconds:F0} ms"));
                    Assert.True(got[0].Message == "1" && got[0].At - start >= EventOutbox.WakeGathering * 0.8, $"{messages} calm message(s): wakes {seen}");
                    if (ended.Max() - start < EventOutbox.WakeGathering * 0.8)
                    {
                        Assert.True(got.Count == 1, $"{messages} calm message(s) recorded within {(ended.Max() - start).TotalMilliseconds:F0} ms: wakes {seen}");
                        return;
                    }
                    Assert.True(round < 20, $"{messages} calm message(s) never recorded within {EventOutbox.WakeGathering * 0.8} in 20 rounds");
                }
            }
            var urgentCase = new[] { ("severity", "4"), (ConversationStore.CaseIdField, "K1") };

            // Urgent: a first urgent message (no case yet), a calm one in a conversation whose case opened below urgent
            // and was then released (the next opens at the message's own severity, then rises to the conversation's), any
            // message while an operator holds the conversation (someone reads it live), an urgent message in an urgent case.
            await UrgentAsync(Severity.Critical);
            await UrgentAsync(Severity.Low, [.. urgentCase, (ConversationStore.PreviousCaseIdField, "K0")]);
            await UrgentAsync(Severity.Low, [.. urgentCase, (ConversationStore.OperatorField, "ana")]);
            await UrgentAsync(Severity.High, urgentCase);
            // Not urgent, its wake gathered: a calm message with nothing urgent about it, or in a conversation whose case
            // is urgent already; several such messages at once share one wake.
            await GatheredAsync(1);
            await GatheredAsync(1, urgentCase);
            await GatheredAsync(4);
        }
        finally
        {
            await channel.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task Writers_racing_on_one_conversation_leave_a_gapless_chain_and_one_event_per_message()
    {
        var (recorder, transcripts, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.WebChat, Language.En);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            recorder.RecordAsync(Draft(id, Severity.Low), MessageFacts.None, $"message {i}", null, duress: false, CancellationToken.None))));

        var texts = TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"message {i}").Order(), texts.Order());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), (await EventsOfAsync(id)).Select(e => e.Sequence).Order());
    }

    [Fact]
    public async Task The_bots_answer_is_kept_after_the_message_in_its_step_only_while_the_conversation_is_as_the_words_assumed()
    {
        var (recorder, transcripts, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.Sms, Language.En);
        var conversation = RedisKeys.Conversation(id);
        AnswerInStep Words(string text, Severity severity, bool duress) =>
            new(text, severity, duress, "twilioTurn", $"hl:{{c:{id}}}:twilio:order", ["twilioDelivery", "queued"]);
        Task<RecordedMessage?> Store(string text, Severity severity, bool duress, AnswerInStep words) =>
            recorder.RecordOnceAsync(id, _ => Task.FromResult(new InboundStep(Draft(id, severity), MessageFacts.None)), text, null, duress, null, CancellationToken.None,
                answer: _ => Task.FromResult<AnswerInStep?>(words));

        // As the words assumed: the message, then the answer, one chain; the answer's send turn taken and its outcome noted.
        var kept = await Store("is anyone there", Severity.Low, duress: false, Words("We read every message.", Severity.Low, duress: false));
        Assert.Equal((1L, 1L), (kept!.AnswerTurn, kept.Answer!.Sequence));
        // Another writer raised the conversation meanwhile: words chosen for a low one are not kept, the message is.
        await redis.Database.HashSetAsync(conversation, "severity", (int)Severity.High);
        var raised = await Store("hello?", Severity.Low, duress: false, Words("Noted.", Severity.Low, duress: false));
        Assert.Null(raised!.AnswerTurn);
        // A duress signal the words did not assume: not kept either (the answer must be the innocent one).
        var signalled = await Store("all fine", Severity.Low, duress: true, Words("Help is coming.", Severity.High, duress: false));
        Assert.Null(signalled!.AnswerTurn);
        Assert.True(signalled.UnderDuress);
        // Words that assume the signal still on: kept, with the next turn.
        var innocent = await Store("ok", Severity.Low, duress: false, Words("Thank you for writing.", Severity.High, duress: true));
        Assert.Equal(2L, innocent!.AnswerTurn);

        Assert.Equal(["is anyone there", "We read every message.", "hello?", "all fine", "ok", "Thank you for writing."],
            TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team, Signers_));
        Assert.Equal(["2", "queued"], (await redis.Database.HashGetAsync(conversation, ["twilioTurn", "twilioDelivery"])).Select(v => v.ToString()));
        Assert.Equal([0L, 2L, 3L, 4L], (await EventsOfAsync(id)).Select(e => e.Sequence));
        Assert.Equal(0, await redis.Database.ListLengthAsync(RedisKeys.EventOutbox(id)));
    }

    [Fact]
    public async Task A_kept_answer_is_on_its_channels_queue_once_with_its_turn_and_on_one_redis_the_step_that_stores_the_message_queues_it()
    {
        var (recorder, _, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.Sms, Language.En);
        var queue = $"hl:test:queue:{Guid.NewGuid():N}";
        var queuedAfter = new List<long>();
        AnswerInStep Words(string text, string stream) =>
            new(text, Severity.Low, false, "twilioTurn", $"hl:{{c:{id}}}:twilio:order", ["twilioDelivery", "queued"])
            {
                Queue = new QueuedAnswer(stream, [new NameValueEntry("o", text), new NameValueEntry("c", id)]),
                // What the channel does when the step did not queue it: the same entry, appended after the step.
                QueueAsync = async turn =>
                {
                    queuedAfter.Add(turn);
                    await redis.Database.StreamAddAsync(stream, [new NameValueEntry("o", text), new NameValueEntry("c", id), new NameValueEntry("n", turn)]);
                },
            };
        Task<RecordedMessage?> Store(string text, AnswerInStep words) =>
            recorder.RecordOnceAsync(id, _ => Task.FromResult(new InboundStep(Draft(id, Severity.Low), MessageFacts.None)), text, null, false, null, CancellationToken.None,
                answer: _ => Task.FromResult<AnswerInStep?>(words));

        var first = await Store("is anyone there", Words("We read every message.", queue));
        var second = await Store("hello?", Words("Noted.", queue));

        Assert.True(first!.AnswerQueued && second!.AnswerQueued);
        var entries = (await redis.Database.StreamRangeAsync(queue)).Select(e => RedisFields.ToMap(e.Values)).ToList();
        Assert.Equal([("We read every message.", "1"), ("Noted.", "2")], entries.Select(e => (e["o"], e["n"])));
        // On one Redis the step queued both itself (no write of their own after it); on a cluster the queue is on its own
        // slot and each was queued after its step.
        Assert.Equal(hotline.OneNode ? [] : [1L, 2L], queuedAfter);

        // A queue that refuses the entry (not a stream): the message and the answer are kept all the same, and the answer is
        // queued after the step, once.
        var refusing = $"hl:test:queue:{Guid.NewGuid():N}";
        await redis.Database.StringSetAsync(refusing, "not a stream");
        var stream = $"hl:test:queue:{Guid.NewGuid():N}";
        var third = await Store("still there?", Words("We are here.", refusing) with { QueueAsync = async turn =>
        {
            queuedAfter.Add(turn);
            await redis.Database.StreamAddAsync(stream, [new NameValueEntry("o", "We are here."), new NameValueEntry("n", turn)]);
        } });
        Assert.Equal(3L, third!.AnswerTurn);
        Assert.True(third.AnswerQueued);
        Assert.Equal(["3"], (await redis.Database.StreamRangeAsync(stream)).Select(e => RedisFields.ToMap(e.Values)["n"]));
        Assert.Equal(hotline.OneNode ? [3L] : [1L, 2L, 3L], queuedAfter);
        await redis.Database.KeyDeleteAsync([queue, refusing, stream]);
    }
}
