using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace Hotline.Core.Telemetry;

/// <summary>
/// hotline.redis.commands.sent (meter "Hotline"): the Redis commands this process's client has written to Redis, by
/// StackExchange.Redis's own count of operations on its connections. It counts what travels over the network (a script
/// is one EVALSHA, whatever it runs inside Redis), where Redis's INFO commandstats and total_commands_processed count the
/// commands a script runs too. A count only: no key, command name or address. Observed from the moment the multiplexer is
/// made (<see cref="Observe"/>, in its registration), so building the meter provider never connects to Redis or reads the
/// Redis settings before the host has validated them.
/// </summary>
public static class RedisClientMetrics
{
    public const string CommandsSent = "hotline.redis.commands.sent";

    public static void Observe(IMeterFactory meters, IConnectionMultiplexer multiplexer) =>
        meters.Create(HotlineMetrics.MeterName).CreateObservableCounter(CommandsSent, () => Sent(multiplexer), "{command}",
            "Redis commands written by this process's client (a script counts once, not the commands it runs inside Redis)");

    private static long Sent(IConnectionMultiplexer multiplexer)
    {
        var counters = multiplexer.GetCounters();
        return counters.Interactive.OperationCount + counters.Subscription.OperationCount;
    }
}
