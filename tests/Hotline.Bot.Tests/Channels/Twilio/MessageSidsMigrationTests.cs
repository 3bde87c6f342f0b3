using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>Message SIDs an earlier version kept for 30 days only: kept as long as their conversation from the Bot's start.</summary>
[Collection(TwilioCollection.Name)]
public sealed class MessageSidsMigrationTests(TwilioHotline hotline)
{
    [Fact]
    public async Task Message_sids_an_earlier_version_gave_a_time_to_live_are_kept_as_long_as_the_conversation()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, I need to talk to someone"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, 1);
        var sids = $"hl:{{c:{conversationId}}}:twilio:sids";
        // As an earlier version left it: 30 days after the last message, and then gone.
        Assert.True(await hotline.Db.KeyExpireAsync(sids, TimeSpan.FromDays(30)));
        var held = await hotline.Db.SetMembersAsync(sids);

        var migration = new MessageSidsMigration(hotline.Services.GetRequiredService<HotlineRedis>(), NullLogger<MessageSidsMigration>.Instance);
        Assert.True(await migration.MigrateAsync(CancellationToken.None) >= 1);

        Assert.Null(await hotline.Db.KeyTimeToLiveAsync(sids));
        // Every SID held is still there (the bot's replies may add more meanwhile).
        Assert.Subset((await hotline.Db.SetMembersAsync(sids)).ToHashSet(), held.ToHashSet());
        // Done once per deployment: the Bot that started on this Redis did it, and said so.
        Assert.True(await hotline.Db.KeyExistsAsync(MessageSidsMigration.Done));
    }
}
