using System.Net;
using Hotline.Core.Conversations;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// A channel conversation reads its alias (the conversation it continues with the case code) only when its hash says it
/// may have one (<see cref="ConversationStore.ContinuesField"/>): what the person writes after the move still reaches the
/// conversation they continued, also where a Bot of an earlier version confirmed the move (a plain SET of the alias, no
/// mark) of a conversation started before this version, whenever that happened in a rolling deploy.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class ContinuedConversationTests(TwilioHotline hotline)
{
    [Fact]
    public async Task After_the_move_the_persons_messages_reach_the_conversation_they_continued()
    {
        var earlier = await UrgentConversationAsync();
        var code = await hotline.CaseCodeSaidInAsync(earlier);
        var now = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(now, code!))).EnsureSuccessStatusCode();
        var continuing = (await hotline.ConversationOfAsync(now))!;
        // Its operator confirms it is the same person (as the console's confirm does, through the outbox).
        await hotline.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(earlier, OutboxKind.MoveConfirmed, null).ToFields(hotline.ServiceSigningKey(Signers.Operator)));
        for (var until = DateTime.UtcNow.AddSeconds(15); (string?)await hotline.Db.StringGetAsync(RedisKeys.Alias(continuing)) != earlier; await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "the move is confirmed");
        }

        (await hotline.PostSignedAsync(TwilioHotline.Sms(now, "it is me, I have a new phone"))).EnsureSuccessStatusCode();

        Assert.Single(await hotline.TranscriptAsync(earlier), t => t == "it is me, I have a new phone");
        Assert.DoesNotContain("it is me, I have a new phone", await hotline.TranscriptAsync(continuing));
    }

    [Fact]
    public async Task An_SMS_after_a_move_an_earlier_version_confirmed_reaches_the_conversation_continued_once()
    {
        var earlier = await UrgentConversationAsync();
        var now = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(now, (await hotline.CaseCodeSaidInAsync(earlier))!))).EnsureSuccessStatusCode();
        var continuing = (await hotline.ConversationOfAsync(now))!;
        await ConfirmedByAnEarlierVersionAsync(continuing, earlier);

        var first = TwilioHotline.Sms(now, "it is me, I have a new phone");
        (await hotline.PostSignedAsync(first)).EnsureSuccessStatusCode();
        // Twilio delivers the same message again: it is not stored twice.
        (await hotline.PostSignedAsync(first)).EnsureSuccessStatusCode();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(now, "he is looking for me again"))).EnsureSuccessStatusCode();

        var there = await hotline.TranscriptAsync(earlier);
        Assert.Single(there, t => t == "it is me, I have a new phone");
        Assert.Single(there, t => t == "he is looking for me again");
        var here = await hotline.TranscriptAsync(continuing);
        Assert.DoesNotContain("it is me, I have a new phone", here);
        Assert.DoesNotContain("he is looking for me again", here);
    }

    [Fact]
    public async Task A_web_chat_message_after_a_move_an_earlier_version_confirmed_reaches_the_conversation_continued()
    {
        var earlier = await UrgentConversationAsync();
        using var chat = await hotline.StartWebChatAsync();
        Assert.Equal(HttpStatusCode.OK, (await chat.SayAsync((await hotline.CaseCodeSaidInAsync(earlier))!)).StatusCode);
        for (var until = DateTime.UtcNow.AddSeconds(15); !await hotline.Db.HashExistsAsync(RedisKeys.Conversation(earlier), "moveTo"); await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "the case code asks to move the conversation");
        }
        await ConfirmedByAnEarlierVersionAsync(chat.ConversationId, earlier);

        Assert.Equal(HttpStatusCode.OK, (await chat.SayAsync("it is me, on the web now")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chat.SayAsync("he is looking for me again")).StatusCode);

        var there = await hotline.TranscriptAsync(earlier);
        Assert.Single(there, t => t == "it is me, on the web now");
        Assert.Single(there, t => t == "he is looking for me again");
        var here = await hotline.TranscriptAsync(chat.ConversationId);
        Assert.DoesNotContain("it is me, on the web now", here);
        Assert.DoesNotContain("he is looking for me again", here);
    }

    /// <summary>An SMS conversation with an urgent message, which gets a case code.</summary>
    private async Task<string> UrgentConversationAsync()
    {
        var before = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(before, "he beats me and took my passport, I am scared now"))).EnsureSuccessStatusCode();
        var earlier = (await hotline.ConversationOfAsync(before))!;
        Assert.False(string.IsNullOrEmpty(await hotline.CaseCodeSaidInAsync(earlier)), "an urgent message gets a case code");
        return earlier;
    }

    /// <summary>
    /// As a Bot of an earlier version confirms a move during a rolling deploy, after the newer Bots started (and after any
    /// start-up marking of the aliases there were): a plain SET of the alias, the hash not marked. Such a Bot also started
    /// the channel conversation (or one before it did): its hash has no <see cref="ConversationStore.AliasesMarkedField"/>.
    /// </summary>
    private async Task ConfirmedByAnEarlierVersionAsync(string continuing, string earlier)
    {
        Assert.True(await hotline.Db.HashDeleteAsync(RedisKeys.Conversation(continuing), ConversationStore.AliasesMarkedField), "a conversation this version started says so");
        await hotline.Db.StringSetAsync(RedisKeys.Alias(continuing), earlier, TimeSpan.FromDays(1));
        Assert.False(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(continuing), ConversationStore.ContinuesField));
    }
}
