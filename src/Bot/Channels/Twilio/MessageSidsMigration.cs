using Hotline.Core.Storage;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// A conversation's message SIDs were once kept for <see cref="TwilioOptions.MessageRecordLifetime"/> (30 days) after its
/// last message, so a deletion after a longer silence left the earlier messages at Twilio. They are now kept as long as
/// the conversation: at start, every set an earlier version gave a time-to-live loses it. Done once per deployment
/// (<see cref="Done"/>); interrupted, the next start finishes it.
/// </summary>
public sealed class MessageSidsMigration(HotlineRedis redis, ILogger<MessageSidsMigration> logger) : IHostedService
{
    /// <summary>Set once every conversation's message SIDs are kept without a time-to-live.</summary>
    public const string Done = "hl:twilio:sids-kept";

    private const string Pattern = "hl:{c:*}:twilio:sids";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await redis.Db.KeyExistsAsync(Done).ConfigureAwait(false)) return;
        var kept = await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await redis.Db.StringSetAsync(Done, "1").ConfigureAwait(false);
        if (kept > 0) logger.LogWarning("{Count} conversations' Twilio message SIDs are now kept as long as the conversation", kept);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Removes the time-to-live of every conversation's message SIDs; returns how many had one.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var kept = 0;
        foreach (var server in redis.Primaries)
        {
            await foreach (var key in server.KeysAsync(pattern: Pattern, pageSize: 500).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (await redis.Db.KeyPersistAsync(key).ConfigureAwait(false)) kept++;
            }
        }
        return kept;
    }
}
