using System.Diagnostics.Metrics;
using Hotline.Core.Cases;
using Hotline.Core.Crypto;
using Hotline.Core.Events;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Hotline.Core.Tests.Crypto;
using Hotline.Core.Transcripts;
using Hotline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Hotline.Core.Tests.Transcripts;

/// <summary>
/// A deletion whose process dies half-way, against a real redis-server: the process "dies" where its Redis user is refused
/// the first command after the step on the conversation's (or the case's) slot, which is where a crash hurts most. What
/// is left is unreadable at once, and the sweep that runs later (in the Bot, in the Triage worker) finishes the rest:
/// the case code stops working, the case is closed and stripped, the private notes are shredded, nothing is left marked.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class InterruptedDeletionTests(RedisFixture redis) : SignedTeamTests(redis)
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    private ConversationDeletion Deletion(IConnectionMultiplexer connection)
    {
        var hotline = new HotlineRedis(connection);
        var metrics = new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        return new ConversationDeletion(hotline, new EventOutbox(hotline, metrics, time, NullLogger<EventOutbox>.Instance), new CaseStore(hotline, time),
            new CaseTimeline(hotline, time), time, NullLogger<ConversationDeletion>.Instance);
    }

    private TranscriptStore Transcripts(string signer)
    {
        var hotline = new HotlineRedis(Server.Connection);
        return new(hotline, new TeamKeyDirectory(hotline, Options.Create(new HotlineOptions { TeamKeyFingerprint = Fingerprint })), SigningIdentity.Load(KeysDir, signer), time);
    }

    /// <summary>A connection as a user that may do everything but <paramref name="rules"/> says otherwise: its process dies where it is refused.</summary>
    private async Task<ConnectionMultiplexer> DyingAsync(string rules)
    {
        foreach (var node in Server.Server.Servers(Server.Connection))
        {
            await node.ExecuteAsync("ACL", ["SETUSER", "dying", "reset", "on", ">dying-password", "&*", "+@all", .. rules.Split(' ')]);
        }
        return await ConnectionMultiplexer.ConnectAsync($"{Server.ConnectionString},user=dying,password=dying-password,abortConnect=false");
    }

    [Fact]
    public async Task A_conversation_whose_deletion_died_after_its_first_step_is_unreadable_and_the_sweep_finishes_it()
    {
        const string Id = "c-dies";
        await Server.Database.HashSetAsync(RedisKeys.Conversation(Id), [new("channel", "sms"), new("caseId", "K-dies"), new("caseCodeLookup", "lookup-dies")]);
        await Server.Database.StringSetAsync(RedisKeys.CaseCode("lookup-dies"), Id);
        await new CaseStore(new HotlineRedis(Server.Connection), time).OpenAsync("K-dies", Id, Severity.High, ["violence"], Language.Sq, Channel.Sms);
        await Transcripts(Signers.Bot).AppendAsync(Id, Author.Person, null, "më ndihmoni", CancellationToken.None);

        // The Bot dies right after the step on the conversation's slot (its next command, reading hl:events, never runs).
        await using (var dying = await DyingAsync("~* -xrange"))
        {
            await Assert.ThrowsAsync<RedisServerException>(() => Deletion(dying).DeleteConversationAsync(Id));
        }
        Assert.Empty(await Transcripts(Signers.Bot).ReadAsync(Id, CancellationToken.None));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.TranscriptKeys(Id)));

        // Before a minute has passed, the sweep leaves it to the deletion that may still be under way; then it finishes it.
        var deletion = Deletion(Server.Connection);
        Assert.Empty(await deletion.FinishInterruptedAsync());
        time.Advance(ConversationDeletion.InterruptedAfter + TimeSpan.FromSeconds(1));
        var finished = Assert.Single(await deletion.FinishInterruptedAsync());
        Assert.Equal("K-dies", finished.CaseId);

        // The code no longer leads anywhere, and the Triage worker is told to close the case (once is enough; twice is harmless).
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.CaseCode("lookup-dies")));
        var told = (await Server.Database.StreamRangeAsync(RedisKeys.Events)).Select(e => CaseEvent.FromFields(e.Values)).OfType<CaseEvent.ConversationDeleted>().ToList();
        Assert.NotEmpty(told);
        Assert.All(told, e => Assert.Equal(new CaseEvent.ConversationDeleted("K-dies", Id), e));
        Assert.True(await deletion.ForgetCaseAsync(told[0].CaseId, null));
        Assert.Equal("closed", (await Server.Database.HashGetAsync(RedisKeys.Case("K-dies"), CaseFields.Status)).ToString());

        // Nothing of the conversation is left waiting: its outbox, its remainder, its mark.
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.EventOutbox(Id)));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.DeletionRemainder(Id)));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.ConversationDeletions));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.CaseDeletions));
    }

    [Fact]
    public async Task A_deletion_that_died_after_its_first_step_has_its_case_event_relayed_by_the_outbox_index_without_a_scan()
    {
        const string Id = "c-dies-listed";
        await Server.Database.HashSetAsync(RedisKeys.Conversation(Id), [new("channel", "sms"), new("caseId", "K-dies-listed")]);
        await new CaseStore(new HotlineRedis(Server.Connection), time).OpenAsync("K-dies-listed", Id, Severity.High, ["violence"], Language.Sq, Channel.Sms);
        await using (var dying = await DyingAsync("~* -xrange"))
        {
            await Assert.ThrowsAsync<RedisServerException>(() => Deletion(dying).DeleteConversationAsync(Id));
        }
        var hotline = new HotlineRedis(Server.Connection);
        var outbox = new EventOutbox(hotline, new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), time,
            NullLogger<EventOutbox>.Instance);

        // The case event waits in the outbox, and the step listed the conversation (the index kept for a limited time from
        // then): the index's sweep relays it, no SCAN needed.
        Assert.InRange(await Server.Database.KeyTimeToLiveAsync(OutboxIndex.For(hotline, Id)) ?? TimeSpan.MaxValue, TimeSpan.FromSeconds(1), OutboxIndex.Kept);
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.True(await outbox.SweepIndexedAsync(CancellationToken.None) >= 1);

        var told = (await Server.Database.StreamRangeAsync(RedisKeys.Events)).Select(e => CaseEvent.FromFields(e.Values)).OfType<CaseEvent.ConversationDeleted>();
        Assert.Contains(new CaseEvent.ConversationDeleted("K-dies-listed", Id), told);
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.EventOutbox(Id)));
        Assert.Null(await Server.Database.SortedSetScoreAsync(OutboxIndex.For(hotline, Id), Id));
    }

    [Fact]
    public async Task A_deletion_the_person_asked_for_that_died_before_its_first_step_is_done_whole_by_the_sweep_and_a_guarded_one_is_dropped()
    {
        foreach (var id in new[] { "c-asked", "c-guarded" })
        {
            await Server.Database.HashSetAsync(RedisKeys.Conversation(id), "channel", "webchat");
            await Transcripts(Signers.Bot).AppendAsync(id, Author.Person, null, "a jeni aty?", CancellationToken.None);
        }
        // The Bot dies once it has marked each deletion, before the step on the conversation's slot runs.
        await using (var dying = await DyingAsync("~* -eval -evalsha"))
        {
            await Assert.ThrowsAsync<RedisServerException>(() => Deletion(dying).DeleteConversationAsync("c-asked"));
            await Assert.ThrowsAsync<RedisServerException>(() => Deletion(dying).DeleteConversationAsync("c-guarded", onlyIfEntriesAtMost: 1));
        }
        Assert.Single(await Transcripts(Signers.Bot).ReadAsync("c-asked", CancellationToken.None));

        time.Advance(ConversationDeletion.InterruptedAfter + TimeSpan.FromSeconds(1));
        Assert.True(Assert.Single(await Deletion(Server.Connection).FinishInterruptedAsync()).Found);

        // What the person asked for is done; what retention decided is left whole, for retention to decide again.
        Assert.Empty(await Transcripts(Signers.Bot).ReadAsync("c-asked", CancellationToken.None));
        Assert.Single(await Transcripts(Signers.Bot).ReadAsync("c-guarded", CancellationToken.None));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.ConversationDeletions));
    }

    [Fact]
    public async Task A_case_whose_stripping_died_after_its_first_step_has_its_private_notes_shredded_by_the_sweep()
    {
        const string Id = "c-case-dies";
        var caseId = "K-strip";
        await new CaseStore(new HotlineRedis(Server.Connection), time).OpenAsync(caseId, Id, Severity.Medium, ["violence"], Language.En, Channel.WebChat);
        await Transcripts(Signers.Operator).AppendAsync(TranscriptStore.NotesId(caseId), Author.Operator, "demo", "she lives near the school", CancellationToken.None);
        Assert.Single(await Transcripts(Signers.Operator).ReadAsync(TranscriptStore.NotesId(caseId), CancellationToken.None));

        // The Triage worker dies right after the step on the case's slot: it may write any key but the notes' own ("hl:{c:n…").
        await using (var dying = await DyingAsync("~[^h]* ~h[^l]* ~hl[^:]* ~hl:[^{]* ~hl:{[^c]* ~hl:{c[^:]* ~hl:{c:[^n]*"))
        {
            await Assert.ThrowsAsync<RedisServerException>(() => Deletion(dying).ForgetCaseAsync(caseId, null));
        }
        Assert.False((await Server.Database.HashGetAsync(RedisKeys.Case(caseId), CaseFields.DeletedAt)).IsNullOrEmpty);
        // Asked again (the event handled once more), the case counts as forgotten; the sweep still finishes it.
        var deletion = Deletion(Server.Connection);
        Assert.False(await deletion.ForgetCaseAsync(caseId, null));
        time.Advance(ConversationDeletion.InterruptedAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(caseId, Assert.Single(await deletion.FinishInterruptedCasesAsync()));

        Assert.Empty(await Transcripts(Signers.Operator).ReadAsync(TranscriptStore.NotesId(caseId), CancellationToken.None));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.TranscriptKeys(TranscriptStore.NotesId(caseId))));
        Assert.Equal("closed", (await Server.Database.HashGetAsync(RedisKeys.Case(caseId), CaseFields.Status)).ToString());
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.CaseDeletions));
        Assert.Empty(await deletion.FinishInterruptedCasesAsync());
    }

    [Fact]
    public async Task An_expired_conversation_whose_deletion_died_after_its_first_step_is_finished_by_the_sweep_and_its_twilio_messages_deleted()
    {
        const string Id = "c-expires";
        await Server.Database.HashSetAsync(RedisKeys.Conversation(Id), [new("channel", "sms"), new("createdAt", time.GetUtcNow().ToUnixTimeMilliseconds())]);
        await Server.Database.SetAddAsync($"hl:{{c:{Id}}}:twilio:sids", ["SM-expires-1", "SM-expires-2"]);
        await Transcripts(Signers.Bot).AppendAsync(Id, Author.Person, null, "përshëndetje", CancellationToken.None);

        // The Bot's expiry dies right after the step on the conversation's slot (its next command, reading hl:events, never runs).
        var idle = time.GetUtcNow() + TimeSpan.FromHours(1);
        await using (var dying = await DyingAsync("~* -xrange"))
        {
            await Assert.ThrowsAsync<RedisServerException>(() => Deletion(dying).ExpireConversationAsync(Id, idle, idle));
        }
        Assert.Empty(await Transcripts(Signers.Bot).ReadAsync(Id, CancellationToken.None));

        // The sweep finishes it: the messages' copies at Twilio are handed on for deletion, nothing is left marked or waiting.
        time.Advance(ConversationDeletion.InterruptedAfter + TimeSpan.FromSeconds(1));
        var finished = Assert.Single(await Deletion(Server.Connection).FinishInterruptedAsync());
        Assert.Equal(["SM-expires-1", "SM-expires-2"], finished.ChannelMessageIds.Order());
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.DeletionRemainder(Id)));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.ConversationDeletions));
    }

    [Fact]
    public async Task A_conversation_that_expiry_keeps_is_left_unmarked()
    {
        const string Id = "c-kept";
        await Server.Database.HashSetAsync(RedisKeys.Conversation(Id), [new("channel", "webchat"), new("createdAt", time.GetUtcNow().ToUnixTimeMilliseconds())]);
        var longAgo = time.GetUtcNow() - TimeSpan.FromDays(1);
        Assert.Null(await Deletion(Server.Connection).ExpireConversationAsync(Id, longAgo, longAgo));
        Assert.False(await Server.Database.KeyExistsAsync(RedisKeys.ConversationDeletions));
        Assert.Equal("webchat", (await Server.Database.HashGetAsync(RedisKeys.Conversation(Id), "channel")).ToString());
    }

    [Fact]
    public async Task One_interrupted_deletion_that_keeps_failing_does_not_keep_the_others_from_being_finished()
    {
        // A poisoned mark of each kind (its key holds the wrong type, so every command on it fails), written first, and a
        // deletion of each kind that died before its first step.
        var longAgo = $"asked:{(time.GetUtcNow() - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds()}";
        await Server.Database.StringSetAsync(RedisKeys.Conversation("c-poisoned"), "not a hash");
        await Server.Database.StringSetAsync(RedisKeys.Case("K-poisoned"), "not a hash");
        await Server.Database.HashSetAsync(RedisKeys.ConversationDeletions, [new("c-poisoned", longAgo), new("c-good", longAgo)]);
        await Server.Database.HashSetAsync(RedisKeys.CaseDeletions, [new("K-poisoned", longAgo.Replace("asked", "forgotten")), new("K-good", longAgo.Replace("asked", "forgotten"))]);
        await Server.Database.HashSetAsync(RedisKeys.Conversation("c-good"), "channel", "webchat");
        await Transcripts(Signers.Bot).AppendAsync("c-good", Author.Person, null, "a jeni aty?", CancellationToken.None);
        await new CaseStore(new HotlineRedis(Server.Connection), time).OpenAsync("K-good", "c-other", Severity.Medium, ["violence"], Language.En, Channel.WebChat);

        var deletion = Deletion(Server.Connection);
        for (var pass = 0; pass < 2; pass++)
        {
            Assert.Single(await deletion.FinishInterruptedAsync());
            Assert.Equal("K-good", Assert.Single(await deletion.FinishInterruptedCasesAsync()));
            // Once finished, the good ones are not done again; the poisoned ones stay marked and are tried next pass.
            Assert.Empty(await Transcripts(Signers.Bot).ReadAsync("c-good", CancellationToken.None));
            Assert.Equal("closed", (await Server.Database.HashGetAsync(RedisKeys.Case("K-good"), CaseFields.Status)).ToString());
            Assert.Equal(["c-poisoned"], (await Server.Database.HashKeysAsync(RedisKeys.ConversationDeletions)).Select(k => k.ToString()));
            Assert.Equal(["K-poisoned"], (await Server.Database.HashKeysAsync(RedisKeys.CaseDeletions)).Select(k => k.ToString()));
            await Server.Database.HashSetAsync(RedisKeys.ConversationDeletions, "c-good", longAgo);
            await Server.Database.HashSetAsync(RedisKeys.CaseDeletions, "K-good", longAgo.Replace("asked", "forgotten"));
        }
    }
}
