using Hotline.Core.Cases;
using Hotline.Core.Crypto;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Tells waiting people their place in the queue (the Bot words it in their language): first when they wait during a
/// surge, then again only when the place has improved meaningfully and not sooner than the configured interval, so an
/// SMS user is not sent a text at every move of the queue. A worse place is never announced.
/// </summary>
public sealed class QueuePlaces(HotlineRedis redis, CaseTimeline timeline, SigningIdentity signer, IOptions<RoutingOptions> options)
{
    // Records the telling only if nobody else told the person meanwhile (several workers tick at once) and the case still
    // waits (a claim clears its told place in the same slot: a telling after it would otherwise bring the place back).
    private const string Record =
        "if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end " +
        "if (redis.call('HGET', KEYS[2], ARGV[1]) or '') ~= ARGV[2] then return 0 end " +
        "redis.call('HSET', KEYS[2], ARGV[1], ARGV[3]) return 1";

    /// <summary>Whether to tell a person now at <paramref name="place"/>, given what they were told last (null: never).</summary>
    public static bool ShouldTell(PlaceTold? last, int place, bool surge, DateTimeOffset now, RoutingOptions options)
    {
        if (last is null) return surge;
        if (now - last.At < TimeSpan.FromSeconds(options.PlaceUpdateMinSeconds)) return false;
        var gained = last.Place - place;
        return gained >= options.PlaceUpdateMinImprovement || (gained > 0 && place == 1);
    }

    /// <summary>
    /// Looks at every urgent waiting case, in queue order (its place is its index + 1): what each was told is one read of
    /// <see cref="RedisKeys.QueueTold"/>, and only a case whose person is told now is read itself (for its conversation).
    /// </summary>
    public async Task TellAsync(IReadOnlyList<string> urgentWaiting, bool surge, DateTimeOffset now)
    {
        if (urgentWaiting.Count == 0) return;
        var told = await redis.Db.HashGetAsync(RedisKeys.QueueTold, [.. urgentWaiting.Select(id => (RedisValue)id)]).ConfigureAwait(false);
        for (var i = 0; i < urgentWaiting.Count; i++)
        {
            var place = i + 1;
            var was = told[i].IsNullOrEmpty ? "" : told[i].ToString();
            var last = Parse(was);
            if (!ShouldTell(last, place, surge, now, options.Value)) continue;
            var caseId = urgentWaiting[i];
            var conversationId = (await redis.Db.HashGetAsync(RedisKeys.Case(caseId), CaseFields.ConversationId).ConfigureAwait(false)).ToString();
            if (string.IsNullOrEmpty(conversationId)) continue;
            var recorded = await redis.Db.ScriptEvaluateBySha(Record, [RedisKeys.Queue, RedisKeys.QueueTold],
                [caseId, was, $"{place}|{now.ToUnixTimeMilliseconds()}"]).ConfigureAwait(false);
            if ((int)recorded != 1) continue;
            await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(conversationId, OutboxKind.QueuePlace, null, place).ToFields(signer)).ConfigureAwait(false);
            await timeline.AppendAsync(caseId, last is null ? TimelineKind.Surge : TimelineKind.Place,
                detail: last is null ? $"told place {place} in the queue" : $"told place {place} in the queue (was {last.Place})").ConfigureAwait(false);
        }
    }

    /// <summary>"place|unix ms" as <see cref="RedisKeys.QueueTold"/> keeps it; null when never told (or unreadable).</summary>
    private static PlaceTold? Parse(string told)
    {
        var bar = told.IndexOf('|');
        return bar > 0 && int.TryParse(told.AsSpan(0, bar), out var place) && long.TryParse(told.AsSpan(bar + 1), out var at)
            ? new PlaceTold(place, DateTimeOffset.FromUnixTimeMilliseconds(at))
            : null;
    }
}
