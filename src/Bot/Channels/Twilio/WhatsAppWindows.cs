using System.Text;
using Hotline.Bot.Secrets;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// WhatsApp's 24-hour customer service window (https://www.twilio.com/docs/whatsapp/key-concepts#the-24-hour-window):
/// free-form messages only within 24 hours of the person's last message, an approved template otherwise. The window's end
/// is kept in the conversation hash (waWindowUntil) for the console; replies that could not go out are held, sealed,
/// and sent when the person writes again.
/// </summary>
public sealed class WhatsAppWindows(HotlineRedis redis, BotSecrets secrets, IOptions<TwilioOptions> options, TimeProvider time)
{
    private const string TakeAll = "local items = redis.call('LRANGE', KEYS[1], 0, -1) redis.call('DEL', KEYS[1]) return items";

    public async Task<WhatsAppWindow> GetAsync(string conversationId) =>
        ToWindow(await redis.Db.HashGetAsync(RedisKeys.Conversation(conversationId), Fields).ConfigureAwait(false));

    /// <summary>The window, read on a batch.</summary>
    public async Task<WhatsAppWindow> Get(IBatch batch, string conversationId) =>
        ToWindow(await batch.HashGetAsync(RedisKeys.Conversation(conversationId), Fields).ConfigureAwait(false));

    private static readonly RedisValue[] Fields = [TwilioFields.WhatsAppWindowUntil, TwilioFields.WhatsAppTemplateSentAt];

    private WhatsAppWindow ToWindow(RedisValue[] values)
    {
        var until = ParseMs(values[0]);
        return new WhatsAppWindow(until is { } u && time.GetUtcNow() < u, until, ParseMs(values[1]));
    }

    /// <summary>Whether a free-form message can be sent in this conversation right now.</summary>
    public async Task<bool> IsOpenAsync(string conversationId) => (await GetAsync(conversationId).ConfigureAwait(false)).Open;

    /// <summary>The person wrote: the window is open for another 24 hours; returns the replies held meanwhile, oldest first.</summary>
    public async Task<IReadOnlyList<string>> OpenAsync(string conversationId)
    {
        var until = time.GetUtcNow() + options.Value.WhatsAppWindow;
        await redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), TwilioFields.WhatsAppWindowUntil, until.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        var held = (RedisValue[]?)await redis.Db.ScriptEvaluateBySha(TakeAll, [TwilioKeys.Held(conversationId)]).ConfigureAwait(false) ?? [];
        if (held.Length == 0) return [];
        var key = KeyFor(conversationId);
        return held.Select(h =>
        {
            var parts = h.ToString().Split('.');
            return Encoding.UTF8.GetString(HotlineCrypto.Decrypt(Convert.FromBase64String(parts[1]), Convert.FromBase64String(parts[0]), key, Ad(conversationId)));
        }).ToList();
    }

    /// <summary>Keeps a reply, sealed, until the person writes again (or the address would have expired anyway).</summary>
    public async Task HoldAsync(string conversationId, string text)
    {
        var (nonce, cipher) = HotlineCrypto.Encrypt(Encoding.UTF8.GetBytes(text), KeyFor(conversationId), Ad(conversationId));
        var key = TwilioKeys.Held(conversationId);
        await redis.Db.ListRightPushAsync(key, Convert.ToBase64String(nonce) + "." + Convert.ToBase64String(cipher)).ConfigureAwait(false);
        await redis.Db.KeyExpireAsync(key, options.Value.AddressLifetime).ConfigureAwait(false);
    }

    public Task MarkTemplateSent(IBatch batch, string conversationId) =>
        batch.HashSetAsync(RedisKeys.Conversation(conversationId), TwilioFields.WhatsAppTemplateSentAt, time.GetUtcNow().ToUnixTimeMilliseconds());

    public Task ForgetAsync(string conversationId) => redis.Db.KeyDeleteAsync(TwilioKeys.Held(conversationId));

    private static DateTimeOffset? ParseMs(RedisValue value) =>
        long.TryParse(value.ToString(), out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private byte[] KeyFor(string conversationId) => HotlineCrypto.Derive(secrets.DeliveryKey, "twilio-held", conversationId);

    private static byte[] Ad(string conversationId) => Encoding.UTF8.GetBytes("hl-twilio-held-v1|" + conversationId);
}
