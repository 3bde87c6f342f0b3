using Hotline.Bot.Limits;
using Hotline.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Bot.Tests.Limits;

/// <summary>
/// The SMS ceiling over all senders, taken in blocks (<see cref="SharedCeiling"/>): two Bots, each with its own connection to
/// one real Redis, together answer
/// exactly the window's permits, and a spent window answers again once it ends.
/// </summary>
public sealed class SharedCeilingTests
{
    [Fact]
    public async Task Two_Bots_taking_the_ceiling_in_blocks_answer_exactly_its_permits_in_all_and_a_third_gets_none()
    {
        await using var server = await RedisServer.StartAsync();
        const int permits = 60;
        var window = TimeSpan.FromMinutes(10);
        var bots = new List<SharedCeiling>();
        var connections = new List<StackExchange.Redis.ConnectionMultiplexer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
                    $"{server.ConnectionString},user=bot,password={server.Users.Password("bot")}");
                connections.Add(connection);
                bots.Add(new SharedCeiling(new SharedWindow(new HotlineRedis(connection), NullLogger<SharedWindow>.Instance), "test-all", permits, window, TimeProvider.System));
            }

            // The first two Bots take turns, and each also takes a few at once, as concurrent webhooks do.
            var granted = 0;
            for (var round = 0; round < permits; round++)
            {
                foreach (var bot in bots.Take(2))
                {
                    var answers = await Task.WhenAll(Enumerable.Range(0, 1 + round % 3).Select(_ => bot.TryTakeAsync()));
                    granted += answers.Count(a => a);
                }
            }

            // Within one window nothing a Bot took is lost: every permit is answered once, and none more.
            Assert.Equal(permits, granted);
            Assert.False(await bots[2].TryTakeAsync(), "a third Bot finds the window spent");
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_spent_ceiling_answers_again_once_its_window_ends()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
            $"{server.ConnectionString},user=bot,password={server.Users.Password("bot")}");
        var ceiling = new SharedCeiling(new SharedWindow(new HotlineRedis(connection), NullLogger<SharedWindow>.Instance), "test-all", 2, TimeSpan.FromSeconds(1), TimeProvider.System);

        while (await ceiling.TryTakeAsync()) { }
        // The window (one second from its first permit) ends, and the ceiling answers again: waited for, at most 30 s.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await ceiling.TryTakeAsync()) await Task.Delay(50, timeout.Token);
    }
}
