using Hotline.Core.Crypto;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Hotline.Triage.Retention;

/// <summary>
/// Deletes one conversation whose time is up, for a reason ("retention", "idle"), from the Triage worker. The Triage user
/// may not touch what only the Bot holds (delivery copy, sealed reply address, risk state, case code), so it asks the Bot
/// with a signed outbox message (<see cref="OutboxKind.Expire"/>), and the Bot deletes it by the one deletion path
/// (<c>ConversationDeletion</c>: its data keys first, so every copy is unreadable). The message carries the transcript's
/// length now: if the person writes before the Bot acts, nothing is deleted. Nothing is said to the person.
/// </summary>
public sealed class DeletionRequests(HotlineRedis redis, SigningIdentity signer, HotlineMetrics metrics, ILogger<DeletionRequests> logger)
{
    public async Task RequestAsync(string conversationId, string reason)
    {
        var entries = await redis.Db.ListLengthAsync(RedisKeys.Transcript(conversationId)).ConfigureAwait(false);
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(conversationId, OutboxKind.Expire, null, Sequence: entries).ToFields(signer)).ConfigureAwait(false);
        metrics.DeletionRequested(reason);
        logger.LogInformation("Asked the Bot to delete a conversation ({Reason})", reason);
    }
}
