using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Flow;

/// <summary>
/// A change to how Redis holds something, carried out at start before the Bot takes a message, once per deployment: the
/// marker key says it is done. Interrupted, the next start does it again, so each move must be safe to repeat.
/// </summary>
public abstract class StartupMigration(HotlineRedis redis, string marker) : IHostedService
{
    /// <summary>The Redis the migration works on.</summary>
    protected HotlineRedis Redis { get; } = redis;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await Redis.Db.KeyExistsAsync(marker).ConfigureAwait(false)) return;
        var moved = await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await Redis.Db.StringSetAsync(marker, "1").ConfigureAwait(false);
        if (moved > 0) Report(moved);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Moves everything an earlier version left; returns how many things were moved.</summary>
    public abstract Task<int> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Says, in the log, how many things were moved (only when some were).</summary>
    protected abstract void Report(int moved);

    /// <summary>Every key matching the pattern, on every primary (a cluster spreads them over its nodes).</summary>
    protected async IAsyncEnumerable<RedisKey> KeysAsync(string pattern, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var server in Redis.Primaries)
        {
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 500).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return key;
            }
        }
    }
}
