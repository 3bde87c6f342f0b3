using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Expiry;
using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Bot.Tests.Expiry;

/// <summary>
/// Conversations that never reached a case expire once idle or old, deleted completely (their data keys shredded), on a
/// real Bot and Redis with the Triage worker in process; a conversation with a case is never touched.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class ConversationExpiryTests(TwilioHotline hotline)
{
    private const string Critical = "burri po me rreh tani, ka thike ne dore, ndihme";

    [Fact]
    public async Task An_idle_conversation_without_a_case_is_deleted_completely_once_idle_long_enough_and_one_with_a_case_is_kept()
    {
        using var idle = await hotline.StartWebChatAsync();
        using var helped = await hotline.StartWebChatAsync();
        Assert.Equal(HttpStatusCode.OK, (await helped.SayAsync(Critical)).StatusCode);
        var caseId = await WaitForCaseAsync(helped.ConversationId);
        var helpedTranscript = await hotline.TranscriptAsync(helped.ConversationId);
        Assert.NotEmpty(await hotline.TranscriptAsync(idle.ConversationId));
        var lifetime = new ConversationLifetimeOptions();

        // A day later nothing is idle long enough; three days later the conversation nobody wrote in is.
        Assert.Equal(0, await PassAsync(DateTimeOffset.UtcNow.AddHours(24), lifetime, idle.ConversationId, helped.ConversationId));
        Assert.True(await hotline.Db.KeyExistsAsync(RedisKeys.TranscriptKeys(idle.ConversationId)));
        Assert.Equal(1, await PassAsync(DateTimeOffset.UtcNow.AddHours(lifetime.IdleHours + 1), lifetime, idle.ConversationId, helped.ConversationId));

        // Everything of it is gone (its data keys first: the entries cannot be opened from any copy); only the tombstone
        // stays a while, so its token is told the conversation was deleted rather than that it never existed.
        foreach (var key in ConversationDeletion.KeysOf(idle.ConversationId)) Assert.False(await hotline.Db.KeyExistsAsync(key), key);
        var tombstone = await hotline.Db.HashGetAllAsync(RedisKeys.Conversation(idle.ConversationId));
        Assert.Equal(ConversationDeletion.TombstoneFields.Order(), tombstone.Select(e => e.Name.ToString()).Order());
        Assert.InRange((await hotline.Db.KeyTimeToLiveAsync(RedisKeys.Conversation(idle.ConversationId)))!.Value, TimeSpan.FromHours(23), ConversationExpiry.TombstoneLifetime);
        Assert.Equal(HttpStatusCode.Gone, (await idle.SayAsync("hello?")).StatusCode);

        // The conversation with a case is untouched, whatever its age.
        // (The bot may have said more since, as the queue moved: what was there is there still.)
        Assert.Equal(helpedTranscript, (await hotline.TranscriptAsync(helped.ConversationId)).Take(helpedTranscript.Count));
        Assert.Equal(caseId, (await hotline.Services.GetRequiredService<ConversationStore>().GetAsync(helped.ConversationId))!.CaseId);
    }

    [Fact]
    public async Task A_conversation_without_a_case_is_deleted_at_its_maximum_age_even_while_written_in()
    {
        var lifetime = new ConversationLifetimeOptions();
        using var old = await hotline.StartWebChatAsync();
        using var oldWithCase = await hotline.StartWebChatAsync();
        Assert.Equal(HttpStatusCode.OK, (await oldWithCase.SayAsync(Critical)).StatusCode);
        await WaitForCaseAsync(oldWithCase.ConversationId);
        // Both were started longer ago than the maximum age; both were written in just now.
        var startedLongAgo = DateTimeOffset.UtcNow.AddHours(-lifetime.MaxAgeHours - 1).ToUnixTimeMilliseconds();
        foreach (var id in new[] { old.ConversationId, oldWithCase.ConversationId }) await hotline.Db.HashSetAsync(RedisKeys.Conversation(id), "createdAt", startedLongAgo);
        Assert.Equal(HttpStatusCode.OK, (await old.SayAsync("hello")).StatusCode);

        Assert.Equal(1, await PassAsync(DateTimeOffset.UtcNow, lifetime, old.ConversationId, oldWithCase.ConversationId));

        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Transcript(old.ConversationId)));
        Assert.True(await hotline.Db.KeyExistsAsync(RedisKeys.Transcript(oldWithCase.ConversationId)));
    }

    [Fact]
    public async Task An_idle_sms_conversation_without_a_case_has_every_message_deleted_at_twilio_when_it_expires()
    {
        // START alone greets and opens no case: nobody wrote anything to hear, so the conversation may expire.
        var from = TwilioHotline.NewNumber();
        var start = TwilioHotline.Sms(from, "START");
        (await hotline.PostSignedAsync(start)).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var greeting = SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, greeting.Count);
        await hotline.WaitUntilSentAsync();
        var lifetime = new ConversationLifetimeOptions();

        Assert.Equal(1, await PassAsync(DateTimeOffset.UtcNow.AddHours(lifetime.IdleHours + 1), lifetime, conversationId));

        // The greeting and the START at Twilio go with it, as with the wipe word and every other deletion.
        await hotline.WaitUntilDeletedAtTwilioAsync([from], start);
        Assert.False(await hotline.Db.KeyExistsAsync($"hl:{{c:{conversationId}}}:twilio:sids"));
    }

    /// <summary>One expiry pass as a Bot would run it at <paramref name="at"/>; how many of <paramref name="watched"/> it deleted.</summary>
    private async Task<int> PassAsync(DateTimeOffset at, ConversationLifetimeOptions lifetime, params string[] watched)
    {
        // Earlier work settled first: a message still waiting for the Triage worker keeps its conversation, rightly.
        await hotline.WaitUntilQuietAsync();
        var before = new List<string>();
        foreach (var id in watched) if (await hotline.Db.KeyExistsAsync(RedisKeys.Transcript(id))) before.Add(id);
        await ExpiryAt(hotline, at, lifetime).ExpireAsync(CancellationToken.None);
        var gone = 0;
        foreach (var id in before) if (!await hotline.Db.KeyExistsAsync(RedisKeys.Transcript(id))) gone++;
        return gone;
    }

    /// <summary>The expiry a Bot of <paramref name="hotline"/> runs, with its clock at <paramref name="at"/>.</summary>
    internal static ConversationExpiry ExpiryAt(TwilioHotline hotline, DateTimeOffset at, ConversationLifetimeOptions lifetime) =>
        new(hotline.Services.GetRequiredService<HotlineRedis>(), hotline.Services.GetRequiredService<ConversationDeletion>(),
            hotline.Services.GetRequiredService<MessageStates>(), Options.Create(lifetime), new FakeTimeProvider(at), NullLogger<ConversationExpiry>.Instance);

    private async Task<string> WaitForCaseAsync(string conversationId)
    {
        var store = hotline.Services.GetRequiredService<ConversationStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if ((await store.GetAsync(conversationId))?.CaseId is { } caseId) return caseId;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The Triage worker did not open the case within 60 s");
            await Task.Delay(100);
        }
    }
}
