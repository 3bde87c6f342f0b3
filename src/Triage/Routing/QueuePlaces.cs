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
    // Records the telling only if nobody else told the person meanwhile (several workers tick at once).
    private static readonly LuaScript Record = LuaScript.Prepare(
        "if (redis.call('HGET', @key, 'placeToldAt') or '') ~= @was then return 0 end " +
        "redis.call('HSET', @key, 'placeTold', @place, 'placeToldAt', @at) return 1");

    /// <summary>Whether to tell a person now at <paramref name="place"/>, given what they were told last (null: never).</summary>
    public static bool ShouldTell(PlaceTold? last, int place, bool surge, DateTimeOffset now, RoutingOptions options)
    {
        if (last is null) return surge;
        if (now - last.At < TimeSpan.FromSeconds(options.PlaceUpdateMinSeconds)) return false;
        var gained = last.Place - place;
        return gained >= options.PlaceUpdateMinImprovement || (gained > 0 && place == 1);
    }

    /// <summary>Looks at every urgent waiting case, in queue order (its place is its index + 1).</summary>
    public async Task TellAsync(IReadOnlyList<string> urgentWaiting, bool surge, DateTimeOffset now)
    {
        var reads = urgentWaiting.Select(id => redis.Db.HashGetAsync(RedisKeys.Case(id), ["placeTold", "placeToldAt", "conversationId"])).ToArray();
        var fields = await Task.WhenAll(reads).ConfigureAwait(false);
        for (var i = 0; i < urgentWaiting.Count; i++)
        {
            var place = i + 1;
            var last = fields[i][1].IsNullOrEmpty ? null : new PlaceTold((int)fields[i][0], DateTimeOffset.FromUnixTimeMilliseconds((long)fields[i][1]));
            var conversationId = fields[i][2].ToString();
            if (string.IsNullOrEmpty(conversationId) || !ShouldTell(last, place, surge, now, options.Value)) continue;
            var recorded = await Record.EvaluateAsync(redis.Db, new
            {
                key = (RedisKey)RedisKeys.Case(urgentWaiting[i]),
                was = fields[i][1].IsNullOrEmpty ? "" : fields[i][1].ToString(),
                place,
                at = now.ToUnixTimeMilliseconds(),
            }).ConfigureAwait(false);
            if ((int)recorded != 1) continue;
            await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(conversationId, OutboxKind.QueuePlace, null, place).ToFields(signer)).ConfigureAwait(false);
            await timeline.AppendAsync(urgentWaiting[i], last is null ? TimelineKind.Surge : TimelineKind.Place,
                detail: last is null ? $"told place {place} in the queue" : $"told place {place} in the queue (was {last.Place})").ConfigureAwait(false);
        }
    }
}
