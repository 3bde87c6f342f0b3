using System.Text;
using System.Text.Json;
using Hotline.Bot.Secrets;
using Hotline.Core.Crypto;
using Hotline.Core.Messages;
using Hotline.Core.Storage;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>
/// A web chat conversation's activities, for Direct Line clients to fetch by watermark. Redis never holds the text in
/// clear: each activity is encrypted under a per-conversation key derived from the day's delivery key, which rotates
/// daily and is destroyed 24 h after its day ends (<see cref="RotatingKeys"/>), so no copy of the data, nor the Bot's
/// secrets, opens an older one. An activity is dropped as soon as the client has fetched past it (its watermark), and
/// the whole copy expires 24 h after the last activity. The user's own id is never stored; it is filled in from the
/// reader's token.
/// </summary>
public sealed class DeliveryBuffer(HotlineRedis redis, BotSecrets secrets, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The delivery keys: one a day, each destroyed <see cref="Retention"/> after its day ends.</summary>
    public RotatingKeys Keys { get; } = new(redis, secrets.DeliveryKey, "delivery", TimeSpan.FromDays(1), Retention, time);

    // Blanks the activities before the watermark the client sent (positions stay, so activity ids and watermarks do
    // not move); stops at the first one already dropped.
    private static readonly RedisScript Drop = RedisScript.Named(
        "local last = math.min(tonumber(@before), redis.call('LLEN', @key)) - 1 " +
        "for i = last, 0, -1 do if redis.call('LINDEX', @key, i) == '' then break end redis.call('LSET', @key, i, '') end return 1",
        keys: ["key"],
        args: ["before"]);

    public async Task<string> AppendAsync(string conversationId, Activity activity)
    {
        var key = RedisKeys.Delivery(conversationId);
        var timestamped = activity with { Timestamp = time.GetUtcNow(), Conversation = new ConversationAccount(conversationId) };
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(timestamped, Activity.Json);
        var (day, dayKey) = await Keys.CurrentAsync().ConfigureAwait(false);
        var (nonce, cipher) = HotlineCrypto.Encrypt(plaintext, KeyFor(dayKey, conversationId), Ad(conversationId));
        var length = await redis.Db.ListRightPushAsync(key, $"{day}.{Convert.ToBase64String(nonce)}.{Convert.ToBase64String(cipher)}").ConfigureAwait(false);
        await redis.Db.KeyExpireAsync(key, Retention).ConfigureAwait(false);
        // Wakes WebSocket streams of this conversation on every Bot instance; carries no content.
        await redis.Subscriber.PublishAsync(WakeChannel(conversationId), length).ConfigureAwait(false);
        return ActivityId(conversationId, length - 1);
    }

    /// <summary>
    /// Activities after the watermark (an index), with the new watermark. Those dropped, or whose day key is destroyed,
    /// are gone and skipped.
    /// </summary>
    public async Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long watermark, string userId)
    {
        var values = await redis.Db.ListRangeAsync(RedisKeys.Delivery(conversationId), Math.Max(0, watermark)).ConfigureAwait(false);
        var list = new List<Activity>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].ToString().Split('.') is not [var day, var nonce, var cipher] || !long.TryParse(day, out var number)) continue;
            if (await Keys.ForPeriodAsync(number).ConfigureAwait(false) is not { } dayKey) continue;
            var plaintext = HotlineCrypto.Decrypt(Convert.FromBase64String(cipher), Convert.FromBase64String(nonce), KeyFor(dayKey, conversationId), Ad(conversationId));
            var activity = JsonSerializer.Deserialize<Activity>(plaintext, Activity.Json)!;
            if (activity.From?.Role == "user") activity = activity with { From = new ChannelAccount(userId, null, "user") };
            list.Add(activity with { Id = ActivityId(conversationId, Math.Max(0, watermark) + i) });
        }
        return (list, Math.Max(0, watermark) + values.Length);
    }

    /// <summary>
    /// An activity for open streams only (typing): not kept, so it carries no text and a client that polls never sees it.
    /// </summary>
    public Task PublishEphemeralAsync(string conversationId, Activity activity) =>
        redis.Subscriber.PublishAsync(EphemeralChannel(conversationId),
            JsonSerializer.Serialize(activity with { Timestamp = time.GetUtcNow(), Conversation = new ConversationAccount(conversationId) }, Activity.Json));

    public static StackExchange.Redis.RedisChannel EphemeralChannel(string conversationId) =>
        StackExchange.Redis.RedisChannel.Literal(RedisKeys.Delivery(conversationId) + ":ephemeral");

    public Task<long> CountAsync(string conversationId) => redis.Db.ListLengthAsync(RedisKeys.Delivery(conversationId));

    /// <summary>The client fetched with this watermark, so it holds everything before it: those copies are dropped.</summary>
    public Task DropFetchedAsync(string conversationId, long watermark) =>
        watermark <= 0 ? Task.CompletedTask
            : Drop.EvaluateAsync(redis.Db, [RedisKeys.Delivery(conversationId)], [watermark]);

    public Task ForgetAsync(string conversationId) => redis.Db.KeyDeleteAsync(RedisKeys.Delivery(conversationId));

    public static StackExchange.Redis.RedisChannel WakeChannel(string conversationId) =>
        StackExchange.Redis.RedisChannel.Literal(RedisKeys.Delivery(conversationId) + ":wake");

    public static string ActivityId(string conversationId, long index) => $"{conversationId}|{index:D7}";

    private static byte[] KeyFor(byte[] dayKey, string conversationId) => HotlineCrypto.Derive(dayKey, "delivery", conversationId);

    private static byte[] Ad(string conversationId) => Encoding.UTF8.GetBytes("hl-delivery-v1|" + conversationId);
}
