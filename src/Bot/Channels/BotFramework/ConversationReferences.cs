using System.Text;
using System.Text.Json;
using Hotline.Bot.Secrets;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// Keeps each conversation's reference only sealed (XChaCha20-Poly1305 under a key derived per conversation from the
/// Bot's secret) and only for a while: Redis never holds the serviceUrl, the channel's ids or the person's id in clear.
/// </summary>
public sealed class ConversationReferences(HotlineRedis redis, BotSecrets secrets, IOptions<BotFrameworkOptions> options)
{
    private const string Version = "bf1";

    public async Task SaveAsync(string conversationId, ConversationReference reference)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(reference);
        var (nonce, cipher) = HotlineCrypto.Encrypt(plaintext, KeyFor(conversationId), Ad(conversationId));
        var value = $"{Version}.{Convert.ToBase64String(nonce)}.{Convert.ToBase64String(cipher)}";
        await redis.Db.StringSetAsync(RedisKeys.Address(conversationId), value, options.Value.AddressLifetime).ConfigureAwait(false);
    }

    /// <summary>The reference, or null when it expired, was forgotten, or is not a Bot Framework one.</summary>
    public async Task<ConversationReference?> GetAsync(string conversationId)
    {
        var value = (string?)await redis.Db.StringGetAsync(RedisKeys.Address(conversationId)).ConfigureAwait(false);
        var parts = value?.Split('.');
        if (parts is not [Version, var nonce, var cipher]) return null;
        var plaintext = HotlineCrypto.Decrypt(Convert.FromBase64String(cipher), Convert.FromBase64String(nonce), KeyFor(conversationId), Ad(conversationId));
        return JsonSerializer.Deserialize<ConversationReference>(plaintext);
    }

    public Task ForgetAsync(string conversationId) => redis.Db.KeyDeleteAsync(RedisKeys.Address(conversationId));

    private byte[] KeyFor(string conversationId) => HotlineCrypto.Derive(secrets.DeliveryKey, "botframework-address", conversationId);

    private static byte[] Ad(string conversationId) => Encoding.UTF8.GetBytes("hl-botframework-address-v1|" + conversationId);
}
