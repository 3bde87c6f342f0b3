using System.Diagnostics.Metrics;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hotline.Core.Tests.Telemetry;

[Collection(RedisFixture.Collection)]
public sealed class RedisClientMetricsTests(RedisFixture redis)
{
    [Fact]
    public async Task Commands_sent_count_what_the_client_wrote_and_a_script_once_whatever_it_runs_inside_Redis()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        await using var connection = await redis.Server.ConnectAsync(); // its own: its count is this test's alone
        var key = $"test:sent:{Guid.NewGuid():N}";
        var meters = services.GetRequiredService<IMeterFactory>();
        RedisClientMetrics.Observe(meters, connection);
        // The factory's meter of that name: this test's instrument, not another host's in the same process.
        var meter = meters.Create(HotlineMetrics.MeterName);
        var db = connection.GetDatabase();
        await db.PingAsync();

        var before = Observe(meter);
        await db.StringSetAsync(key, "1");
        await db.StringGetAsync(key);
        // One command on the wire, four run by Redis.
        await db.ScriptEvaluateAsync("redis.call('incr', KEYS[1]); redis.call('incr', KEYS[1]); redis.call('get', KEYS[1]); return redis.call('incr', KEYS[1])", [key]);
        await db.KeyDeleteAsync(key);
        var after = Observe(meter);

        // The four commands, give or take the client's own keep-alive written meanwhile.
        Assert.InRange(after - before, 4, 5);
    }

    private static long Observe(Meter meter)
    {
        long sent = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == RedisClientMetrics.CommandsSent) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => sent = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return sent;
    }
}
