using System.Globalization;
using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>How many times a Redis server has run a command so far (INFO commandstats: those run inside scripts included).</summary>
public static class CommandCounts
{
    /// <param name="command">As commandstats names it: <c>hmget</c>, <c>xinfo|stream</c>.</param>
    public static async Task<long> OfAsync(IConnectionMultiplexer connection, string server, string command)
    {
        var stats = (await connection.GetServer(server).InfoAsync("commandstats")).SelectMany(g => g);
        // cmdstat_hmget: calls=12,usec=...
        var line = stats.FirstOrDefault(p => p.Key == "cmdstat_" + command).Value;
        return line is null ? 0 : long.Parse(line.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture);
    }
}
