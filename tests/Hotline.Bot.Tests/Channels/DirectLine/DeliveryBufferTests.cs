using Hotline.Bot.Channels.DirectLine;
using Hotline.Bot.Secrets;
using Hotline.Core.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Bot.Tests.Channels.DirectLine;

/// <summary>
/// Finding 2 of the privacy review: the web chat delivery copy opened with the Bot's secret and an old copy of the data.
/// Now each day has its own key, destroyed 24 h after the day ends, and a copy is dropped once the client fetched past it.
/// </summary>
public sealed class DeliveryBufferTests(RedisFixture redis) : IClassFixture<RedisFixture>
{

    // Each test has its own Bot secrets and its own stretch of time, so no other test's keys share a name with its own.
    private readonly FakeTimeProvider clock = new(OwnStretchOfTime.Start());
    private readonly BotSecrets secrets = new(HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.NewKeyPair());

    private DeliveryBuffer Buffer() => new(new HotlineRedis(redis.Connection), secrets, clock);

    private static Activity Message(string text) => new() { Type = "message", Text = text, From = new ChannelAccount("bot", "Hotline", "bot") };

    private static string NewConversation() => "w" + Guid.NewGuid().ToString("N")[..20];

    [Fact]
    public async Task Every_Bot_uses_the_same_day_key_and_Redis_holds_it_only_wrapped_and_expiring()
    {
        var (day, key) = await Buffer().Keys.CurrentAsync();
        var (sameDay, sameKey) = await Buffer().Keys.CurrentAsync();
        Assert.Equal(day, sameDay);
        Assert.Equal(key, sameKey);

        var stored = (string?)await redis.Database.StringGetAsync(Buffer().Keys.RedisName(day));
        Assert.NotNull(stored);
        Assert.DoesNotContain(Convert.ToBase64String(key), stored, StringComparison.Ordinal);
        // Destroyed 24 h after its day ends: at most 24 h + the rest of today (15 h at 09:00).
        var ttl = await redis.Database.KeyTimeToLiveAsync(Buffer().Keys.RedisName(day));
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(38), TimeSpan.FromHours(39));

        clock.Advance(TimeSpan.FromDays(1));
        var (tomorrow, tomorrowKey) = await Buffer().Keys.CurrentAsync();
        Assert.Equal(day + 1, tomorrow);
        Assert.NotEqual(key, tomorrowKey);
    }

    [Fact]
    public async Task A_copy_opens_until_its_day_key_is_destroyed_and_never_after_even_with_the_Bots_secrets()
    {
        var buffer = Buffer();
        var conversation = NewConversation();
        await buffer.AppendAsync(conversation, Message("they took my passport"));
        clock.Advance(TimeSpan.FromHours(20));
        await buffer.AppendAsync(conversation, Message("the next day"));

        var (both, _) = await buffer.ReadAsync(conversation, 0, "u1");
        Assert.Equal(["they took my passport", "the next day"], both.Select(a => a.Text));

        // 24 h after the first day ended its key is gone: a Bot with the same secrets, reading the same Redis, opens
        // only the second day's copy.
        clock.Advance(TimeSpan.FromHours(20));
        var (left, watermark) = await Buffer().ReadAsync(conversation, 0, "u1");
        Assert.Equal(["the next day"], left.Select(a => a.Text));
        Assert.Equal(2, watermark);
        Assert.Null(await Buffer().Keys.ForPeriodAsync(buffer.Keys.PeriodOf(clock.GetUtcNow().AddHours(-40))));
    }

    [Fact]
    public async Task Copies_before_the_clients_watermark_are_dropped_and_ids_and_watermarks_do_not_move()
    {
        var buffer = Buffer();
        var conversation = NewConversation();
        foreach (var text in new[] { "one", "two", "three" }) await buffer.AppendAsync(conversation, Message(text));

        await buffer.DropFetchedAsync(conversation, 2);

        var stored = await redis.Database.ListRangeAsync(RedisKeys.Delivery(conversation));
        Assert.Equal(3, stored.Length);
        Assert.Equal(["", ""], stored.Take(2).Select(v => v.ToString()));
        Assert.NotEqual("", stored[2].ToString());
        var (fromStart, watermark) = await buffer.ReadAsync(conversation, 0, "u1");
        Assert.Equal(["three"], fromStart.Select(a => a.Text));
        Assert.Equal(DeliveryBuffer.ActivityId(conversation, 2), fromStart[0].Id);
        Assert.Equal(3, watermark);

        await buffer.AppendAsync(conversation, Message("four"));
        await buffer.DropFetchedAsync(conversation, 3);
        var (rest, next) = await buffer.ReadAsync(conversation, 3, "u1");
        Assert.Equal(["four"], rest.Select(a => a.Text));
        Assert.Equal(4, next);
        Assert.Equal(["", "", ""], (await redis.Database.ListRangeAsync(RedisKeys.Delivery(conversation))).Take(3).Select(v => v.ToString()));
    }
}
