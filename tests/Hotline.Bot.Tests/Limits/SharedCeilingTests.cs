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
                var connection = await ConnectAsync(server);
                connections.Add(connection);
                bots.Add(Ceiling(connection, permits, window));
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
    public async Task Messages_arriving_together_at_a_window_start_ask_Redis_for_a_block_only_when_the_last_is_used_up()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await ConnectAsync(server);
        // 100 permits in blocks of 5 (a twentieth). Each block asked is one INCRBY in its script, on this test's own Redis.
        var ceiling = Ceiling(connection, 100, TimeSpan.FromMinutes(10));
        var before = await CommandCounts.OfAsync(connection, server.ConnectionString, "incrby");

        // Twenty webhooks at once, all before Redis answered the first ask: each block asked serves five of them, so four
        // asks in all (each one its own script, rather than one for every webhook that found nothing left).
        var together = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ceiling.TryTakeAsync()));
        Assert.All(together, Assert.True);
        Assert.Equal(4, await CommandCounts.OfAsync(connection, server.ConnectionString, "incrby") - before);

        // The window's permits are still answered exactly: 100 in all, then no more.
        var granted = together.Length;
        while (await ceiling.TryTakeAsync()) granted++;
        Assert.Equal(100, granted);
    }

    /// <summary>A Bot's connection (allowAdmin: the client lets INFO through, which the bot user may run).</summary>
    private static Task<StackExchange.Redis.ConnectionMultiplexer> ConnectAsync(RedisServer server) => StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(
        $"{server.ConnectionString},user=bot,password={server.Users.Password("bot")},allowAdmin=true");

    private static SharedCeiling Ceiling(StackExchange.Redis.ConnectionMultiplexer connection, int permits, TimeSpan window) =>
        new(new SharedWindow(new HotlineRedis(connection), NullLogger<SharedWindow>.Instance), "test-all", permits, window, TimeProvider.System);

    [Fact]
    public async Task A_spent_ceiling_answers_again_once_its_window_ends()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await ConnectAsync(server);
        var ceiling = Ceiling(connection, 2, TimeSpan.FromSeconds(1));

        while (await ceiling.TryTakeAsync()) { }
        // The window (one second from its first permit) ends, and the ceiling answers again: waited for, at most 30 s.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await ceiling.TryTakeAsync()) await Task.Delay(50, timeout.Token);
    }
}
