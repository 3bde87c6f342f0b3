using System.Diagnostics;
using System.Text;
using Hotline.Bot.Channels.BotFramework;
using Hotline.Bot.Secrets;
using Hotline.Core.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.BotFramework;

/// <summary>
/// A Bot Framework channel's conversation is found through a pointer named by its hash under the rotating pseudonym key
/// (the one SMS and WhatsApp senders and network addresses are hashed under), on a real redis-server as the Bot's own Redis
/// user: it continues across a rotation, every Bot finds the same conversation, and once the key that hashed it is
/// destroyed nothing leads from the channel's ids to it.
/// </summary>
public sealed class BotFrameworkConversationRotationTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private const string ChannelId = "msteams";
    // Each test has its own Bot secrets and its own stretch of time, so no other test's keys share a name with its own.
    private readonly FakeTimeProvider clock = new(OwnStretchOfTime.Start());
    private readonly BotSecrets secrets = new(HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.NewKeyPair());
    private readonly TwilioOptions options = new() { AddressLifetime = TimeSpan.FromDays(7) };
    private readonly string channelConversation = "a:1x7Gq-" + Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer asBot = null!;

    public async Task InitializeAsync() => asBot = await redis.Server.ConnectAsAsync("bot");

    public async Task DisposeAsync() => await asBot.DisposeAsync();

    /// <summary>What one Bot holds: its own cache of the keys, the shared secrets and Redis.</summary>
    private BotFrameworkConversations Bot() =>
        new(new HotlineRedis(asBot), secrets, new PseudonymKeys(new HotlineRedis(asBot), secrets, Options.Create(options), clock), clock);

    private string PointerUnder(byte[] key) => BotFrameworkConversations.Pointer(Pseudonymizer.Of(key, Channel.BotFramework, ChannelId + "|" + channelConversation));

    [Fact]
    public async Task A_conversation_started_in_one_period_continues_in_the_next_on_every_Bot_and_moves_under_the_new_key()
    {
        // Activities of a new channel conversation reach several Bots at once: one hotline conversation.
        var started = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Bot().ConversationOfAsync(ChannelId, channelConversation)));
        var id = Assert.Single(started.Distinct());
        Assert.Equal(id, await Bot().FindAsync(ChannelId, channelConversation));
        var (period, key) = await Bot().Keys.CurrentAsync();
        var pointer = PointerUnder(key);
        Assert.Equal(id, (string?)await redis.Database.StringGetAsync(pointer));
        // The id is random: not the channel conversation's hash under the Bot's fixed key, which never changes.
        Assert.NotEqual(Pseudonymizer.Of(secrets.PseudonymKey, Channel.BotFramework, ChannelId + "|" + channelConversation), id);
        // Neither the channel's ids nor a key are in Redis in any form.
        var scanner = new LeakScanner([channelConversation, Convert.ToBase64String(key), Convert.ToHexString(key), Convert.ToBase64String(secrets.PseudonymKey)]);
        await scanner.ScanRedisAsync(redis.Server);
        scanner.AssertNoLeaks();

        clock.Advance(options.AddressLifetime);

        Assert.Equal(id, await Bot().ConversationOfAsync(ChannelId, channelConversation));
        var (next, nextKey) = await Bot().Keys.CurrentAsync();
        Assert.Equal(period + 1, next);
        Assert.Equal(id, (string?)await redis.Database.StringGetAsync(PointerUnder(nextKey)));
        Assert.False(await redis.Database.KeyExistsAsync(pointer), "the pointer under the earlier key is gone once moved");
        Assert.Equal(id, await Bot().ConversationOfAsync(ChannelId, channelConversation));
    }

    [Fact]
    public async Task After_the_key_that_hashed_it_is_destroyed_the_old_hash_opens_nothing_and_the_channel_conversation_starts_anew()
    {
        var made = Stopwatch.StartNew();
        var id = await Bot().ConversationOfAsync(ChannelId, channelConversation);
        made.Stop();
        var (period, key) = await Bot().Keys.CurrentAsync();
        var pointer = PointerUnder(key);
        // In Redis, the pointer goes when the key that names it goes: both are given the time left until the key's
        // destruction by the Bot's clock. This clock stands still here while real time passes, so the pointer, written
        // after the key, may outlive it by the real time its making took, and never by more; both read in one batch.
        var batch = redis.Database.CreateBatch();
        var keyTtl = batch.KeyTimeToLiveAsync(Bot().Keys.RedisName(period));
        var pointerTtl = batch.KeyTimeToLiveAsync(pointer);
        batch.Execute();
        var (keyLeft, pointerLeft) = (await keyTtl, await pointerTtl);
        Assert.NotNull(keyLeft);
        Assert.NotNull(pointerLeft);
        var reading = TimeSpan.FromMilliseconds(50); // the two reads are one batch, not one instant
        Assert.InRange(pointerLeft.Value, keyLeft.Value - reading, keyLeft.Value + made.Elapsed + reading);

        // Silent for two periods: the key of the first is destroyed, and no activity moved the pointer meanwhile.
        clock.Advance(options.AddressLifetime * 2);

        Assert.Null(await Bot().Keys.ForPeriodAsync(period));
        Assert.Null(await Bot().FindAsync(ChannelId, channelConversation));
        var fresh = await Bot().ConversationOfAsync(ChannelId, channelConversation);
        Assert.NotEqual(id, fresh);
    }

    [Fact]
    public async Task A_conversation_begun_under_the_fixed_key_before_is_continued_until_it_is_deleted()
    {
        // An earlier version named the conversation by the channel conversation's hash under the Bot's fixed key.
        var before = Pseudonymizer.Of(secrets.PseudonymKey, Channel.BotFramework, ChannelId + "|" + channelConversation);
        await redis.Database.HashSetAsync(RedisKeys.Conversation(before), "channel", Channel.BotFramework.ToWire());

        Assert.Equal(before, await Bot().FindAsync(ChannelId, channelConversation));
        Assert.Equal(before, await Bot().ConversationOfAsync(ChannelId, channelConversation));
        Assert.Equal(before, (string?)await redis.Database.StringGetAsync(PointerUnder((await Bot().Keys.CurrentAsync()).Key)));

        // Deleted (only its tombstone is left) and its pointer's key gone: the channel conversation starts a new one.
        await redis.Database.HashSetAsync(RedisKeys.Conversation(before), "deletedAt", 1);
        clock.Advance(options.AddressLifetime * 2);
        Assert.NotEqual(before, await Bot().ConversationOfAsync(ChannelId, channelConversation));
    }

    [Fact]
    public async Task An_activity_redelivered_across_two_pseudonym_key_changes_is_taken_once()
    {
        // A deployment whose pseudonyms live six hours: within the connector's redelivery window (a day) the key changes
        // twice, and the key the activity was first taken under is destroyed by then.
        options.AddressLifetime = TimeSpan.FromHours(6);
        var activity = "1733400000000-" + Guid.NewGuid().ToString("N")[..8];
        var first = await Bot().TakeActivityAsync(ChannelId, channelConversation, activity);
        Assert.NotNull(first);
        var (period, _) = await Bot().Keys.CurrentAsync();
        Assert.Null(await Bot().TakeActivityAsync(ChannelId, channelConversation, activity)); // at once, on another Bot

        clock.Advance(options.AddressLifetime * 2);
        Assert.Equal(period + 2, (await Bot().Keys.CurrentAsync()).Period);
        Assert.Null(await Bot().Keys.ForPeriodAsync(period));
        Assert.Null(await Bot().TakeActivityAsync(ChannelId, channelConversation, activity));
        // Another activity of the same conversation is taken, and what names the taken one holds no channel id.
        Assert.NotNull(await Bot().TakeActivityAsync(ChannelId, channelConversation, activity + "-next"));
        var scanner = new LeakScanner([channelConversation, activity]);
        await scanner.ScanRedisAsync(redis.Server);
        scanner.AssertNoLeaks();

        // A failed handling releases it, so the connector's next redelivery is taken.
        await Bot().ReleaseActivityAsync(first);
        Assert.NotNull(await Bot().TakeActivityAsync(ChannelId, channelConversation, activity));
    }
}
