using Hotline.Bot.Secrets;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// Finding 2 of the privacy review: the pseudonym secret reversed Albanian phone numbers. Now the key rotates every
/// address lifetime and is destroyed one lifetime after its period ends: within that time a sender is found under
/// the earlier pseudonym and moved to the current one; after it, not even the Bot's secrets tie a number to it.
/// </summary>
public sealed class PseudonymRotationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Number = "+355691234567";
    // Each test has its own Bot secrets and its own stretch of time, so no other test's keys share a name with its own.
    private readonly FakeTimeProvider clock = new(OwnStretchOfTime.Start());
    private readonly BotSecrets secrets = new(HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.NewKeyPair());
    private readonly TwilioOptions options = new() { AddressLifetime = TimeSpan.FromDays(7) };


    /// <summary>What one Bot holds: its own cache of the keys, the shared secrets and Redis.</summary>
    private TwilioSenders Senders()
    {
        var connection = new HotlineRedis(redis.Connection);
        return new(connection, secrets, new PseudonymKeys(connection, secrets, Options.Create(options), clock), Options.Create(options), clock);
    }

    [Fact]
    public async Task A_number_keeps_its_pseudonym_within_a_period_and_every_Bot_computes_the_same()
    {
        var first = await Senders().PseudonymOfAsync(Channel.Sms, Number);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(first, await Senders().PseudonymOfAsync(Channel.Sms, Number));
        Assert.NotEqual(first, await Senders().PseudonymOfAsync(Channel.WhatsApp, Number));
        Assert.NotEqual(first, await Senders().PseudonymOfAsync(Channel.Sms, "+355691234568"));
        Assert.DoesNotContain(Number, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_rotation_the_earlier_pseudonym_is_found_within_the_lifetime_and_never_after_its_key_is_destroyed()
    {
        var before = await Senders().PseudonymOfAsync(Channel.Sms, Number);
        var keyName = Senders().Keys.RedisName(Senders().Keys.PeriodOf(clock.GetUtcNow()));
        Assert.True(await redis.Database.KeyTimeToLiveAsync(keyName) <= TimeSpan.FromDays(14));

        clock.Advance(options.AddressLifetime);
        var now = await Senders().PseudonymOfAsync(Channel.Sms, Number);
        Assert.NotEqual(before, now);
        Assert.Equal(before, await Senders().EarlierPseudonymOfAsync(Channel.Sms, Number));

        clock.Advance(options.AddressLifetime);
        Assert.NotEqual(before, await Senders().EarlierPseudonymOfAsync(Channel.Sms, Number));
        Assert.NotEqual(before, await Senders().PseudonymOfAsync(Channel.Sms, Number));
        Assert.Null(await Senders().Keys.ForPeriodAsync(Senders().Keys.PeriodOf(clock.GetUtcNow()) - 2));
    }
}
