using Hotline.Bot.Flow;
using Hotline.Core.Conversations;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// A channel conversation reads its alias (the conversation it continues with the case code) only when its hash says it
/// may have one (<see cref="ConversationStore.ContinuesField"/>): what the person writes after the move still reaches the
/// conversation they continued, also where an earlier version set the alias without the mark.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class ContinuedConversationTests(TwilioHotline hotline)
{
    [Fact]
    public async Task After_the_move_the_persons_messages_reach_the_conversation_they_continued_also_for_an_alias_set_before_the_mark()
    {
        var before = TwilioHotline.NewNumber();
        var now = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(before, "he beats me and took my passport, I am scared now"))).EnsureSuccessStatusCode();
        var earlier = (await hotline.ConversationOfAsync(before))!;
        var code = await hotline.CaseCodeSaidInAsync(earlier);
        Assert.False(string.IsNullOrEmpty(code), "an urgent message gets a case code");
        (await hotline.PostSignedAsync(TwilioHotline.Sms(now, code!))).EnsureSuccessStatusCode();
        var continuing = (await hotline.ConversationOfAsync(now))!;
        // Its operator confirms it is the same person (as the console's confirm does, through the outbox).
        await hotline.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(earlier, OutboxKind.MoveConfirmed, null).ToFields(hotline.ServiceSigningKey(Signers.Operator)));
        for (var until = DateTime.UtcNow.AddSeconds(15); (string?)await hotline.Db.StringGetAsync(RedisKeys.Alias(continuing)) != earlier; await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "the move is confirmed");
        }
        Assert.True(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(continuing), ConversationStore.ContinuesField));

        (await hotline.PostSignedAsync(TwilioHotline.Sms(now, "it is me, I have a new phone"))).EnsureSuccessStatusCode();
        // As an earlier version left it: the alias without the mark; the Bot's start marks it.
        await hotline.Db.HashDeleteAsync(RedisKeys.Conversation(continuing), ConversationStore.ContinuesField);
        var migration = new AliasMarkMigration(hotline.Services.GetRequiredService<HotlineRedis>(), NullLogger<AliasMarkMigration>.Instance);
        Assert.True(await migration.MigrateAsync(CancellationToken.None) >= 1);
        (await hotline.PostSignedAsync(TwilioHotline.Sms(now, "he is looking for me again"))).EnsureSuccessStatusCode();

        var there = await hotline.TranscriptAsync(earlier);
        Assert.Single(there, t => t == "it is me, I have a new phone");
        Assert.Single(there, t => t == "he is looking for me again");
        var here = await hotline.TranscriptAsync(continuing);
        Assert.DoesNotContain("it is me, I have a new phone", here);
        Assert.DoesNotContain("he is looking for me again", here);
    }
}
