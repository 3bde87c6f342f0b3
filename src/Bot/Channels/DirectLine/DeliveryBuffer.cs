using System.Text;
using System.Text.Json;
using Hotline.Bot.Secrets;
using Hotline.Core.Crypto;
using Hotline.Core.Messages;
using Hotline.Core.Storage;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>
/// A web chat conversation's activities, for Direct Line clients to fetch by watermark. Encrypted under a
/// per-conversation key derived from the Bot's secret, and expiring: Redis never holds the text in clear.
/// The user's own id is never stored; it is filled in from the reader's token.
/// </summary>
public sealed class DeliveryBuffer(HotlineRedis redis, BotSecrets secrets, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task<string> AppendAsync(string conversationId, Activity activity)
    {
        var key = RedisKeys.Delivery(conversationId);
        var timestamped = activity with { Timestamp = time.GetUtcNow(), Conversation = new ConversationAccount(conversationId) };
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(timestamped, Activity.Json);
        var (nonce, cipher) = HotlineCrypto.Encrypt(plaintext, KeyFor(conversationId), Ad(conversationId));
        var length = await redis.Db.ListRightPushAsync(key, Convert.ToBase64String(nonce) + "." + Convert.ToBase64String(cipher)).ConfigureAwait(false);
        await redis.Db.KeyExpireAsync(key, Retention).ConfigureAwait(false);
        // Wakes WebSocket streams of this conversation on every Bot instance; carries no content.
        await redis.Subscriber.PublishAsync(WakeChannel(conversationId), length).ConfigureAwait(false);
        return ActivityId(conversationId, length - 1);
    }

    /// <summary>Activities after the watermark (an index), with the new watermark.</summary>
    public async Task<(IReadOnlyList<Activity> Activities, long Watermark)> ReadAsync(string conversationId, long watermark, string userId)
    {
        var values = await redis.Db.ListRangeAsync(RedisKeys.Delivery(conversationId), Math.Max(0, watermark)).ConfigureAwait(false);
        var key = KeyFor(conversationId);
        var list = new List<Activity>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var parts = values[i].ToString().Split('.');
            var plaintext = HotlineCrypto.Decrypt(Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[0]), key, Ad(conversationId));
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

    public Task ForgetAsync(string conversationId) => redis.Db.KeyDeleteAsync(RedisKeys.Delivery(conversationId));

    public static StackExchange.Redis.RedisChannel WakeChannel(string conversationId) =>
        StackExchange.Redis.RedisChannel.Literal(RedisKeys.Delivery(conversationId) + ":wake");

    public static string ActivityId(string conversationId, long index) => $"{conversationId}|{index:D7}";

    private byte[] KeyFor(string conversationId) => HotlineCrypto.Derive(secrets.DeliveryKey, "delivery", conversationId);

    private static byte[] Ad(string conversationId) => Encoding.UTF8.GetBytes("hl-delivery-v1|" + conversationId);
}
