using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// Whether this process can do its work: Redis answers, has room to write, and every stream group this process reads
/// (each <see cref="StreamGroupWorker"/> it runs) exists, and the team key record there is one it may seal to (signed by the
/// pinned key, not older than one accepted before: <see cref="Crypto.TeamKeyFloor"/>). One check for every service's GET /readyz, whether it is served
/// by ASP.NET Core (Bot, Operator) or by the Triage worker's own listener.
/// </summary>
/// <remarks>The hosted services are looked up at each check, not injected: a hosted service that serves the check (the Triage
/// worker's listener) would otherwise depend on itself.</remarks>
public sealed class Readiness(HotlineRedis redis, RedisMemory memory, IOptions<RedisMemoryOptions> memoryOptions, Crypto.TeamKeyDirectory teamKeys, IServiceProvider services)
{
    public async Task<ReadinessReport> CheckAsync()
    {
        var missing = new List<string>();
        RedisMemoryReading? reading;
        string? teamKeyRefused = null;
        try
        {
            try
            {
                await teamKeys.RecordAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Crypto.CryptoFailure e)
            {
                teamKeyRefused = e.Message;
            }
            catch (InvalidOperationException)
            {
                // No team key yet: 'admin init-demo' has not run, and whatever needs one says so.
            }
            await redis.Db.PingAsync().ConfigureAwait(false);
            reading = await memory.ReadAsync().ConfigureAwait(false);
            foreach (var reads in services.GetServices<IHostedService>().OfType<StreamGroupWorker>().Select(w => w.Reads).OfType<(string Stream, string Group)>())
            {
                var groups = await redis.Db.StreamGroupInfoAsync(reads.Stream).ConfigureAwait(false);
                if (!groups.Any(g => g.Name == reads.Group)) missing.Add($"{reads.Stream}/{reads.Group}");
            }
        }
        catch (RedisServerException e) when (e.Message.StartsWith("ERR no such key", StringComparison.Ordinal))
        {
            missing.Add("a stream this service reads does not exist yet");
            reading = memory.Last;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            return ReadinessReport.NotReady("Redis is not reachable.");
        }
        if (teamKeyRefused is not null) return ReadinessReport.NotReady($"The team key record in Redis is refused, nothing is sealed: {teamKeyRefused}.");
        if (reading is { Full: true }) return ReadinessReport.NotReady($"Redis memory is full, {reading.Describe()}: writes are refused.");
        if (missing.Count > 0) return ReadinessReport.NotReady("Stream groups not created yet: " + string.Join(", ", missing));
        var pressure = reading is { Limit: > 0 } && reading.Percent >= memoryOptions.Value.AlertPercent ? $"; Redis memory high, {reading.Describe()}" : "";
        return new ReadinessReport(true, "ready" + pressure);
    }
}
