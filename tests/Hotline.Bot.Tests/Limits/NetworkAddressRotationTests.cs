using System.Text;
using Hotline.Bot.Limits;
using Hotline.Bot.Secrets;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Bot.Tests.Limits;

/// <summary>
/// Network addresses were hashed under a fixed key: with the Bot's secrets, any address could be tied to its hash in the
/// limits' keys for ever. Now the hash is under the rotating pseudonym key (a fresh one every address lifetime, destroyed
/// one lifetime after its own ends), against a real redis-server: within a period every Bot gives an address the same hash
/// (the limits count across Bots), at the rotation it changes, and once the key is destroyed nothing recomputes the old one.
/// </summary>
public sealed class NetworkAddressRotationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Address = "203.0.113.7";
    // Each test has its own Bot secrets and its own stretch of time, so no other test's keys share a name with its own.
    private readonly FakeTimeProvider clock = new(OwnStretchOfTime.Start());
    private readonly BotSecrets secrets = new(HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.NewKeyPair());
    private readonly TwilioOptions options = new() { AddressLifetime = TimeSpan.FromDays(7) };

    /// <summary>A Bot's own pseudonym keys: each Bot loads them from Redis into its own memory.</summary>
    private PseudonymKeys NewPseudonymKeys() => new(new HotlineRedis(redis.Connection), secrets, Options.Create(options), clock);

    /// <summary>A Bot's view of network addresses, ready for a request (as UseNetworkAddresses makes it).</summary>
    private async Task<NetworkAddresses> BotAsync()
    {
        var addresses = new NetworkAddresses(NewPseudonymKeys(), clock);
        await addresses.PrepareAsync();
        return addresses;
    }

    [Fact]
    public async Task An_address_keeps_its_hash_within_a_period_on_every_Bot_and_gets_another_after_the_rotation()
    {
        var first = (await BotAsync()).Of(Address);
        Assert.DoesNotContain(Address, first, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromDays(2)); // Monday 09:00 to Wednesday: periods start on Thursdays at 00:00 UTC
        Assert.Equal(first, (await BotAsync()).Of(Address));
        Assert.NotEqual(first, (await BotAsync()).Of("203.0.113.8"));

        // A Bot that keeps running picks up the new period's key at its next request.
        var running = await BotAsync();
        clock.Advance(options.AddressLifetime);
        Assert.Equal(first, running.Of(Address)); // not prepared for this request yet
        await running.PrepareAsync();
        var rotated = running.Of(Address);
        Assert.NotEqual(first, rotated);
        Assert.Equal(rotated, (await BotAsync()).Of(Address));

        // The key the first hash was made under is destroyed one lifetime after its period: with the Bot's secrets, and
        // Redis as it is, nothing opens it again.
        clock.Advance(options.AddressLifetime);
        Assert.Null(await running.Keys.ForPeriodAsync(running.Keys.PeriodOf(clock.GetUtcNow()) - 2));
        Assert.NotEqual(first, (await BotAsync()).Of(Address));
    }

    [Fact]
    public async Task The_hash_is_under_the_same_rotating_key_as_the_sms_senders_and_that_key_is_only_wrapped_and_expiring_in_redis()
    {
        var bot = await BotAsync();
        var senders = new TwilioSenders(new HotlineRedis(redis.Connection), secrets, NewPseudonymKeys(), Options.Create(options), clock);
        var period = bot.Keys.PeriodOf(clock.GetUtcNow());
        Assert.Equal(senders.Keys.RedisName(period), bot.Keys.RedisName(period));
        var (_, key) = await senders.Keys.CurrentAsync();
        Assert.Equal("a_" + Convert.ToHexStringLower(HotlineCrypto.Mac(key, Encoding.UTF8.GetBytes("address:" + Address)).AsSpan(0, 16)), bot.Of(Address));
        var stored = (string)(await redis.Database.StringGetAsync(bot.Keys.RedisName(period)))!;
        Assert.DoesNotContain(Convert.ToBase64String(key), stored, StringComparison.Ordinal);
        Assert.True(await redis.Database.KeyTimeToLiveAsync(bot.Keys.RedisName(period)) <= options.AddressLifetime * 2);
    }
}
