using Hotline.Bot.Limits;
using Hotline.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Tests.Limits;

/// <summary>The SMS answers per sender, held in blocks (<see cref="SenderThrottle"/>), on one real Redis.</summary>
public sealed class SenderThrottleTests
{
    [Fact]
    public async Task Two_Bots_answer_a_sender_at_most_its_limit_in_all_and_its_flood_leaves_the_ceiling_to_others()
    {
        await using var server = await RedisServer.StartAsync();
        var connections = new List<StackExchange.Redis.ConnectionMultiplexer>();
        try
        {
            var limits = Options.Create(new LimitOptions { SmsPerSender = 10, SmsWindowSeconds = 600, SmsPerSecond = 14 });
            var bots = new List<SenderThrottle>();
            for (var i = 0; i < 2; i++)
            {
                var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
                    $"{server.ConnectionString},user=bot,password={server.Users.Password("bot")}");
                connections.Add(connection);
                bots.Add(new SenderThrottle(new SharedWindow(new HotlineRedis(connection), NullLogger<SharedWindow>.Instance), limits, TimeProvider.System));
            }

            // One number writes 200 times, at both Bots in turn and several at once.
            var answered = 0;
            for (var round = 0; round < 40; round++)
            {
                var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(k => bots[(round + k) % 2].MayAnswerAsync("flooder")));
                answered += answers.Count(a => a);
            }
            // Never more than its limit; a block one Bot holds may make it bite early, by less than a block (2) a Bot.
            Assert.InRange(answered, 10 - 2 * 2, 10);

            // Its flood took from the ceiling over all senders (14 a second) only what it was answered: four others, each
            // once, are answered whatever second this is.
            var others = await Task.WhenAll(Enumerable.Range(0, 4).Select(k => bots[k % 2].MayAnswerAsync("other-" + k)));
            Assert.All(others, Assert.True);
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }
}
