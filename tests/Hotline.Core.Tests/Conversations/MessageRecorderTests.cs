using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Events;
using System.Diagnostics.Metrics;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Hotline.Core.Transcripts;
using Hotline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Conversations;

[Collection(RedisFixture.Collection)]
public sealed class MessageRecorderTests(RedisFixture redis)
{
    private readonly HotlineRedis hotline = new(redis.Connection);
    private readonly KeyPairBytes team = HotlineCrypto.NewKeyPair();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    private async Task<(MessageRecorder Recorder, TranscriptStore Transcripts, ConversationStore Conversations, EventOutbox Outbox)> StackAsync()
    {
        await redis.Database.HashSetAsync(RedisKeys.TeamKey, [new HashEntry("public", Convert.ToBase64String(team.PublicKey)), new HashEntry("version", "test-" + Convert.ToBase64String(team.PublicKey))]);
        var transcripts = new TranscriptStore(hotline, new TeamKeyDirectory(hotline), time);
        var metrics = new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        var outbox = new EventOutbox(hotline, metrics, time, NullLogger<EventOutbox>.Instance);
        return (new MessageRecorder(hotline, transcripts, outbox, metrics, time), transcripts, new ConversationStore(hotline, time), outbox);
    }

    private MessageEvent Draft(string conversationId, Severity severity) =>
        new(conversationId, 0, Channel.WebChat, Language.En, severity, severity, severity >= Severity.High ? ["violence"] : [], false, time.GetUtcNow());

    private async Task<List<MessageEvent>> EventsOfAsync(string conversationId) =>
        [.. (await redis.Database.StreamRangeAsync(RedisKeys.Events)).Select(e => MessageEvent.FromFields(e.Values)).OfType<MessageEvent>().Where(e => e.ConversationId == conversationId)];

    [Fact]
    public async Task A_stored_message_is_in_the_transcript_and_its_event_on_the_events_stream_with_the_raised_severity()
    {
        var (recorder, transcripts, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.WebChat, Language.Other);

        var first = await recorder.RecordAsync(Draft(id, Severity.Critical), "he has a knife", Language.En, duress: false, CancellationToken.None);
        var second = await recorder.RecordAsync(Draft(id, Severity.Low), "thank you", null, duress: false, CancellationToken.None);

        Assert.Equal(["he has a knife", "thank you"], TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team));
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
    public async Task An_event_whose_writer_died_before_relaying_it_reaches_the_events_stream_by_the_sweep()
    {
        var (_, _, conversations, outbox) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.Sms, Language.En);
        // What the script leaves when the process dies right after it: the entry stored, the event only in the outbox.
        var orphan = EventOutbox.Serialize((Draft(id, Severity.High) with { Sequence = 0 }).ToFields());
        await redis.Database.ListRightPushAsync(RedisKeys.EventOutbox(id), orphan);

        // The writer normally relays within milliseconds: a fresh entry is left to it.
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

        var before = await recorder.RecordAsync(Draft(id, Severity.None), "hello", null, duress: false, CancellationToken.None);
        var signal = await recorder.RecordAsync(Draft(id, Severity.Critical), "blue umbrella", null, duress: true, CancellationToken.None);
        var after = await recorder.RecordAsync(Draft(id, Severity.None), "ok", null, duress: false, CancellationToken.None);

        Assert.Equal([false, true, true], new[] { before.UnderDuress, signal.UnderDuress, after.UnderDuress });
    }

    [Fact]
    public async Task Writers_racing_on_one_conversation_leave_a_gapless_chain_and_one_event_per_message()
    {
        var (recorder, transcripts, conversations, _) = await StackAsync();
        var id = "c" + Guid.NewGuid().ToString("N");
        await conversations.CreateAsync(id, Channel.WebChat, Language.En);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            recorder.RecordAsync(Draft(id, Severity.Low), $"message {i}", null, duress: false, CancellationToken.None))));

        var texts = TranscriptStore.OpenAll(id, await transcripts.ReadAsync(id, CancellationToken.None), team);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"message {i}").Order(), texts.Order());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), (await EventsOfAsync(id)).Select(e => e.Sequence).Order());
    }
}

