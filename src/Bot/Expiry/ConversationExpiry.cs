using Hotline.Bot.Channels.Twilio;
using Hotline.Core.Hosting;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Expiry;

/// <summary>
/// Deletes conversations that never reached a case once they are idle (<see cref="ConversationLifetimeOptions.Idle"/>)
/// or old (<see cref="ConversationLifetimeOptions.MaxAge"/>): a web chat opened and left, an SMS that only said hello.
/// The deletion is the complete one (<see cref="ConversationDeletion"/>: the data keys are shredded), and it is checked
/// in the same step that the conversation still has no case, operator, route or event waiting, so nobody's message goes
/// with it. Nothing is sent to the person: whoever writes again simply starts a new conversation. Runs in every Bot
/// (only the Bot may delete a conversation's keys); two Bots expiring the same conversation delete it once.
/// </summary>
public sealed class ConversationExpiry(
    HotlineRedis redis,
    ConversationDeletion deletion,
    MessageStates states,
    IOptions<ConversationLifetimeOptions> options,
    TimeProvider time,
    ILogger<ConversationExpiry> logger) : BackgroundService
{
    /// <summary>How long an expired conversation's tombstone stays, so a token or sender still holding it is told it was deleted.</summary>
    public static readonly TimeSpan TombstoneLifetime = TimeSpan.FromDays(1);

    /// <summary>More events than this not yet handled by the Triage worker: the pass waits for a calmer moment.</summary>
    private const int Backlog = 10_000;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(options.Value.Interval, time, ExpireAsync, logger, stoppingToken);

    /// <summary>One pass over every conversation; returns how many expired.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        // Deletions a Bot began and did not end (it died): finished first, and their messages deleted at Twilio too.
        // Whatever fails there (each deletion's failure is already kept to itself) does not stop expiry for the others.
        try
        {
            foreach (var finished in await deletion.FinishInterruptedAsync().ConfigureAwait(false))
            {
                await states.ScheduleDeletionsAsync(finished.ChannelMessageIds).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!RedisFailures.IsUnreachable(e))
        {
            logger.LogError(e, "The conversations' interrupted deletions could not be finished in this pass; expiry goes on");
        }
        var now = time.GetUtcNow();
        var (idleBefore, startedBefore) = (now - options.Value.Idle, now - options.Value.MaxAge);
        if (await AwaitingTriageAsync().ConfigureAwait(false) is not { } awaiting)
        {
            logger.LogInformation("Conversation expiry waits: the Triage worker has more than {Backlog} events to handle", Backlog);
            return 0;
        }
        var expired = 0;
        foreach (var server in redis.Primaries)
        {
            await foreach (var key in server.KeysAsync(pattern: RedisKeys.ConversationPattern, pageSize: 500).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (RedisKeys.IdIn(key!, RedisKeys.ConversationPattern) is not { } conversationId || awaiting.Contains(conversationId)) continue;
                if (await deletion.ExpireConversationAsync(conversationId, idleBefore, startedBefore).ConfigureAwait(false) is not { } deleted) continue;
                await redis.Db.KeyExpireAsync(key, TombstoneLifetime).ConfigureAwait(false);
                // An SMS or WhatsApp conversation's messages go at Twilio too, as with every other deletion.
                await states.ScheduleDeletionsAsync(deleted.ChannelMessageIds).ConfigureAwait(false);
                expired++;
            }
        }
        if (expired > 0) logger.LogInformation("{Count} conversations without a case expired", expired);
        return expired;
    }

    /// <summary>
    /// Conversations with an event on hl:events that some consumer group has not acknowledged yet (a message whose case may
    /// be about to open), or null when there are too many to tell. An event still in a conversation's own outbox is seen by
    /// the deletion's check; one relayed after this look is of a message newer than the idle cut-off, which that check sees.
    /// </summary>
    private async Task<HashSet<string>?> AwaitingTriageAsync()
    {
        var awaiting = new HashSet<string>(StringComparer.Ordinal);
        if (!await redis.Db.KeyExistsAsync(RedisKeys.Events).ConfigureAwait(false)) return awaiting;
        foreach (var group in await redis.Db.StreamGroupInfoAsync(RedisKeys.Events).ConfigureAwait(false))
        {
            RedisValue from = "(" + group.LastDeliveredId;
            if (group.PendingMessageCount > 0)
            {
                var pending = await redis.Db.StreamPendingAsync(RedisKeys.Events, group.Name).ConfigureAwait(false);
                from = pending.LowestPendingMessageId;
            }
            var entries = await redis.Db.StreamRangeAsync(RedisKeys.Events, from, "+", count: Backlog + 1).ConfigureAwait(false);
            if (entries.Length > Backlog) return null;
            foreach (var entry in entries)
            {
                if (entry["conversationId"] is { IsNullOrEmpty: false } id) awaiting.Add(id.ToString());
            }
        }
        return awaiting;
    }

}
