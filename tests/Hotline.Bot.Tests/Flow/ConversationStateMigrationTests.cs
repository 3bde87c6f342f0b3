using Hotline.Bot.Flow;
using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using Hotline.Screening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Bot.Tests.Flow;

/// <summary>
/// A risk state and a duress mark an earlier version kept as keys of their own become fields of their conversation, and
/// keep working: the person under duress still gets only the innocent reply.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class ConversationStateMigrationTests(TwilioHotline hotline)
{
    [Fact]
    public async Task A_risk_state_and_a_duress_mark_kept_as_keys_before_move_into_the_conversation_and_the_next_reply_stays_innocent()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "hello, can I ask you something about my husband"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var conversation = RedisKeys.Conversation(conversationId);
        var sealedRisk = (string?)await hotline.Db.HashGetAsync(conversation, ConversationStore.RiskField);
        Assert.NotNull(sealedRisk);

        // What an earlier version left: the state under its own key, and a duress mark with three days left.
        await hotline.Db.HashDeleteAsync(conversation, [ConversationStore.RiskField, ConversationStore.DuressUntilField]);
        await hotline.Db.StringSetAsync(RedisKeys.ConversationRisk(conversationId), sealedRisk, TimeSpan.FromDays(30));
        await hotline.Db.StringSetAsync(RedisKeys.ConversationFlag(conversationId, "duress"), "1", TimeSpan.FromDays(3));

        var migration = new ConversationStateMigration(hotline.Services.GetRequiredService<HotlineRedis>(), TimeProvider.System, NullLogger<ConversationStateMigration>.Instance);
        Assert.True(await migration.MigrateAsync(CancellationToken.None) >= 2);

        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.ConversationRisk(conversationId)));
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.ConversationFlag(conversationId, "duress")));
        Assert.Equal(sealedRisk, (string?)await hotline.Db.HashGetAsync(conversation, ConversationStore.RiskField));
        var until = DateTimeOffset.FromUnixTimeMilliseconds((long)await hotline.Db.HashGetAsync(conversation, ConversationStore.DuressUntilField));
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(3));
        // A second run finds nothing left to move.
        Assert.Equal(0, await migration.MigrateAsync(CancellationToken.None));

        // The mark still holds: the next message is answered with the innocent reply only.
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "everything is fine"))).EnsureSuccessStatusCode();
        var language = (await hotline.Services.GetRequiredService<ConversationStore>().GetAsync(conversationId))!.Language;
        Assert.Equal(DuressDetector.InnocentReply(language), (await hotline.TranscriptAsync(conversationId))[^1]);
    }
}
