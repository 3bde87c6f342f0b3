using Hotline.Bot.Channels.DirectLine;
using Hotline.Bot.Secrets;
using Hotline.Core.Messages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Bot.Tests.Secrets;

/// <summary>
/// "A destroyed key opens nothing", carried out as an attacker would: with a real redis-server writing its append-only
/// file, once the web chat delivery key of a day (24 h after the day) or a pseudonym key (one address lifetime after its
/// period) is destroyed, the thief reads every key Redis holds and every file of its folder, before and after the
/// scheduled AOF rewrite, holds the Bot's secrets as well, and tries to unwrap the stored keys with all of it and open the
/// delivery copy or tie the phone number to its pseudonym. Redis expires keys on its own clock, which a test cannot move:
/// when the test moves the Bot's clock it takes as much off every key's time to live, and deletes the keys whose time ran
/// out, as Redis's expiry deletes them (a DEL in the append-only file).
/// </summary>
public sealed class DestroyedKeyTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly TwilioOptions twilio = new() { AddressLifetime = TimeSpan.FromDays(7) };
    private readonly BotSecrets secrets = new(HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.NewKeyPair());
    private readonly FakeTimeProvider clock = new(OwnStretchOfTime.Start());

    private const string FirstDay = "Drilona here, he took my passport and the car keys";
    private const string NextDay = "Drilona again, I am at my sister's now";
    private const string Number = "+355697654321";

    [Fact]
    public async Task A_destroyed_delivery_key_opens_no_copy_from_redis_or_its_files_even_with_the_Bots_secrets()
    {
        var buffer = new DeliveryBuffer(new HotlineRedis(redis.Connection), secrets, clock);
        var conversation = "w" + Guid.NewGuid().ToString("N")[..20];
        await buffer.AppendAsync(conversation, Message(FirstDay));
        var firstDay = buffer.Keys.PeriodOf(clock.GetUtcNow());

        // The thief's tools work: while the day's key lives, Redis's files and the Bot's secrets open the copy.
        var live = await StolenAsync();
        Assert.Contains(live.OpenDeliveryCopies(live.UnwrapRotatingKeys("delivery", [secrets.DeliveryKey])), c => c.Contains(FirstDay, StringComparison.Ordinal));

        // The person writes again the next day (the copy of the first day stays, fetched or not), and 40 h after the first
        // message, 24 h after its day ended, the first day's key is destroyed.
        await PassAsync(TimeSpan.FromHours(20));
        await buffer.AppendAsync(conversation, Message(NextDay));
        await PassAsync(TimeSpan.FromHours(20));
        Assert.False(await redis.Database.KeyExistsAsync(buffer.Keys.RedisName(firstDay)));
        Assert.Equal(2, await buffer.CountAsync(conversation));

        // Before the rewrite the append-only file still holds the wrapped key: nothing in Redis or its files unwraps it.
        var beforeRewrite = await StolenAsync();
        Assert.Empty(beforeRewrite.UnwrapRotatingKeys("delivery", beforeRewrite.KeyCandidates()));
        Assert.Empty(beforeRewrite.OpenDeliveryCopies(beforeRewrite.UnwrapRotatingKeys("delivery", beforeRewrite.KeyCandidates())));
        // Only the Bot's secrets, which live outside the data folder, would: the limit the scheduled rewrite ends.
        Assert.Contains(beforeRewrite.OpenDeliveryCopies(beforeRewrite.UnwrapRotatingKeys("delivery", [secrets.DeliveryKey])), c => c.Contains(FirstDay, StringComparison.Ordinal));

        await redis.Server.RewriteAofAsync();

        var stolen = await StolenAsync();
        var dayKeys = stolen.UnwrapRotatingKeys("delivery", [secrets.DeliveryKey, secrets.PseudonymKey, secrets.TokenKey, secrets.Box.PrivateKey, .. stolen.KeyCandidates()]);
        Assert.DoesNotContain(firstDay, dayKeys.Keys);
        var opened = stolen.OpenDeliveryCopies(dayKeys);
        // The next day's copy, whose key lives, still opens with the Bot's secrets: the tools did not stop working.
        Assert.Contains(opened, c => c.Contains(NextDay, StringComparison.Ordinal));
        Assert.DoesNotContain(opened, c => c.Contains(FirstDay, StringComparison.Ordinal));
        // Nor is any word of it anywhere in Redis or its files, in any encoding.
        await AssertNowhereAsync(FirstDay, NextDay, "Drilona", "passport");
    }

    [Fact]
    public async Task A_destroyed_pseudonym_key_ties_no_phone_number_to_its_pseudonym_even_with_the_Bots_secrets()
    {
        var senders = Senders();
        var pseudonym = await senders.PseudonymOfAsync(Channel.Sms, Number);
        // The pointer from the sender to the conversation, as the Bot stores it for a message.
        await senders.NewConversationAsync(pseudonym, replaceExisting: false);
        var numbers = StolenCopy.NumbersAround(Number);

        // The thief's tools work: while the key lives, the Bot's secrets and Redis tie the number to the pseudonym.
        var live = await StolenAsync();
        Assert.Contains(pseudonym, live.Pseudonyms());
        Assert.Equal([Number], StolenCopy.ReversePseudonyms(live.UnwrapRotatingKeys("pseudonym", [secrets.PseudonymKey]).Values, numbers, live.Pseudonyms()));
        // A backup taken then keeps the pseudonym for the thief, whatever Redis forgets later.
        var known = live.Pseudonyms();

        // Two lifetimes on (and a day), the key is destroyed: one lifetime after its period ended.
        var period = senders.Keys.PeriodOf(clock.GetUtcNow());
        await PassAsync(2 * twilio.AddressLifetime + TimeSpan.FromDays(1));
        Assert.False(await redis.Database.KeyExistsAsync(senders.Keys.RedisName(period)));
        await Senders().PseudonymOfAsync(Channel.Sms, "+355690000002"); // someone else writes: the current period's key is made

        var beforeRewrite = await StolenAsync();
        Assert.Empty(StolenCopy.ReversePseudonyms([.. beforeRewrite.UnwrapRotatingKeys("pseudonym", beforeRewrite.KeyCandidates()).Values, .. beforeRewrite.KeyCandidates()], numbers, known));
        // Only the Bot's secrets would unwrap the destroyed key from the append-only file: the limit the rewrite ends.
        Assert.Contains(period, beforeRewrite.UnwrapRotatingKeys("pseudonym", [secrets.PseudonymKey]).Keys);

        await redis.Server.RewriteAofAsync();

        var stolen = await StolenAsync();
        var everything = new List<byte[]> { secrets.PseudonymKey, secrets.DeliveryKey, secrets.TokenKey, secrets.Box.PrivateKey };
        everything.AddRange(stolen.KeyCandidates());
        var unwrapped = stolen.UnwrapRotatingKeys("pseudonym", everything);
        Assert.DoesNotContain(period, unwrapped.Keys);
        Assert.NotEmpty(unwrapped); // the current period's key opens with the secrets: the tools still work
        Assert.Empty(StolenCopy.ReversePseudonyms([.. unwrapped.Values, .. everything], numbers, known));
        await AssertNowhereAsync(Number, Number.TrimStart('+'), Number[4..]);
    }

    private TwilioSenders Senders()
    {
        var connection = new HotlineRedis(redis.Connection);
        return new(connection, secrets, new PseudonymKeys(connection, secrets, Options.Create(twilio), clock), Options.Create(twilio), clock);
    }

    private static Activity Message(string text) => new() { Type = "message", Text = text, From = new ChannelAccount("u1", null, "user") };

    /// <summary>What a thief holds now: a dump of every key and every file of Redis's folder (the append-only files replayed).</summary>
    private async Task<StolenCopy> StolenAsync() => StolenCopy.Of(redis.Server.DataDirectory).With(await redis.Server.AllKeysAndValuesAsync());

    /// <summary>Moves the Bot's clock, and Redis's expiry with it (see the class summary).</summary>
    private async Task PassAsync(TimeSpan by)
    {
        clock.Advance(by);
        await foreach (var key in redis.Connection.GetServer(redis.ConnectionString).KeysAsync(pattern: "*"))
        {
            if (await redis.Database.KeyTimeToLiveAsync(key) is not { } left) continue;
            if (left <= by) await redis.Database.KeyDeleteAsync(key);
            else await redis.Database.KeyExpireAsync(key, left - by);
        }
    }

    private async Task AssertNowhereAsync(params string[] secretsToFind)
    {
        var scanner = new LeakScanner(secretsToFind);
        await scanner.ScanRedisAsync(redis.Server);
        scanner.ScanDirectory(redis.Server.DataDirectory);
        scanner.AssertNoLeaks();
    }
}
