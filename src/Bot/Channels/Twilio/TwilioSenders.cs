using System.Collections.Concurrent;
using System.Text;
using Hotline.Bot.Secrets;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Identity;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Who wrote, without keeping who: a sender's address (a phone number, "whatsapp:+…", or a business-scoped WhatsApp id,
/// all opaque strings here) becomes a pseudonym that points at a conversation for a while, and the address itself is
/// kept only sealed (XChaCha20-Poly1305 under a key derived per conversation), expiring, to reply to.
/// </summary>
public sealed class TwilioSenders(HotlineRedis redis, BotSecrets secrets, PseudonymKeys pseudonymKeys, IOptions<TwilioOptions> options, TimeProvider time)
{
    private const string Version = "tw1";

    /// <summary>How long this process keeps where a sender's pointer led, to save reading it on the sender's next message.</summary>
    public static readonly TimeSpan RecallFor = TimeSpan.FromMinutes(5);

    // Pseudonym → the live conversation its pointer last led to here, and until when (a timestamp). Bounded: emptied when full.
    private const int RecallLimit = 20_000;
    private readonly ConcurrentDictionary<string, (string ConversationId, long Until)> recalled = new(StringComparer.Ordinal);

    /// <summary>
    /// The pseudonym keys (<see cref="PseudonymKeys"/>): a number can be tied to its pseudonym only while that pseudonym
    /// still leads somewhere; after that not even the Bot's secrets do it.
    /// </summary>
    public RotatingKeys Keys => pseudonymKeys.Keys;

    /// <summary>The sender's pseudonym under the current key.</summary>
    public async Task<string> PseudonymOfAsync(Channel channel, string address) => Hotline.Core.Identity.Pseudonymizer.Of((await Keys.CurrentAsync().ConfigureAwait(false)).Key, channel, address);

    /// <summary>
    /// The sender's pseudonym under the previous period's key, while that key lives: a sender who wrote before the last
    /// rotation is found by it, within their pointer's lifetime, and the pointer then moves to the current pseudonym.
    /// </summary>
    public async Task<string?> EarlierPseudonymOfAsync(Channel channel, string address) =>
        await Keys.ForPeriodAsync(Keys.PeriodOf(time.GetUtcNow()) - 1).ConfigureAwait(false) is { } key ? Hotline.Core.Identity.Pseudonymizer.Of(key, channel, address) : null;

    /// <summary>Forgets where a pseudonym pointed (an earlier pseudonym, once the pointer moved to the current one).</summary>
    public Task ForgetPointerAsync(string pseudonym)
    {
        recalled.TryRemove(pseudonym, out _);
        return redis.Db.KeyDeleteAsync(TwilioKeys.Sender(pseudonym));
    }

    /// <summary>
    /// The conversation this process last found the sender's pointer leading to, within <see cref="RecallFor"/>; null when it
    /// knows none. Only a hint: the pointer changes only when its conversation ends (a stop or wipe word, expiry, a deletion),
    /// so a caller that finds the conversation ended or gone must ask Redis (<see cref="ConversationOfAsync"/>) instead.
    /// </summary>
    public string? Recalled(string pseudonym) =>
        recalled.TryGetValue(pseudonym, out var known) && time.GetTimestamp() < known.Until ? known.ConversationId : null;

    /// <summary>Keeps, for <see cref="RecallFor"/>, that the sender's pointer leads to this live conversation.</summary>
    public void Recall(string pseudonym, string conversationId)
    {
        if (recalled.Count >= RecallLimit) recalled.Clear();
        recalled[pseudonym] = (conversationId, time.GetTimestamp() + (long)(RecallFor.TotalSeconds * time.TimestampFrequency));
    }

    /// <summary>Drops what <see cref="Recall"/> kept for this sender.</summary>
    public void Unrecall(string pseudonym) => recalled.TryRemove(pseudonym, out _);

    /// <summary>The conversation this sender is in, if it has not expired or been forgotten.</summary>
    public async Task<string?> ConversationOfAsync(string pseudonym) =>
        (string?)await redis.Db.StringGetAsync(TwilioKeys.Sender(pseudonym)).ConfigureAwait(false);

    /// <summary>Points the sender at a new conversation; if another message of theirs won a race, at that one.</summary>
    public async Task<string> NewConversationAsync(string pseudonym, bool replaceExisting)
    {
        var key = TwilioKeys.Sender(pseudonym);
        var lifetime = options.Value.AddressLifetime;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var fresh = Ids.New("", 24);
            if (replaceExisting)
            {
                await redis.Db.StringSetAsync(key, fresh, lifetime).ConfigureAwait(false);
                return fresh;
            }
            if (await redis.Db.StringSetAsync(key, fresh, lifetime, When.NotExists).ConfigureAwait(false)) return fresh;
            if ((string?)await redis.Db.StringGetAsync(key).ConfigureAwait(false) is { } winner) return winner;
        }
        throw new InvalidOperationException("Could not map a sender to a conversation");
    }

    /// <summary>Keeps the pointer and the sealed address for another lifetime from now (queued on a batch, sent with it).</summary>
    public IEnumerable<Task> Remember(IBatch batch, string conversationId, string pseudonym, Channel channel, string address)
    {
        var lifetime = options.Value.AddressLifetime;
        var (nonce, cipher) = HotlineCrypto.Encrypt(Encoding.UTF8.GetBytes(address), KeyFor(conversationId), Ad(conversationId, channel));
        var sealedAddress = $"{Version}.{Convert.ToBase64String(nonce)}.{Convert.ToBase64String(cipher)}";
        yield return batch.StringSetAsync(TwilioKeys.Sender(pseudonym), conversationId, lifetime);
        yield return batch.StringSetAsync(RedisKeys.Address(conversationId), sealedAddress, lifetime);
        yield return batch.HashSetAsync(RedisKeys.Conversation(conversationId), TwilioFields.RememberedAt, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// Whether a message of this conversation keeps the pointer and the address for another lifetime: when they were last
    /// kept more than 1/168 of it ago (an hour of the default week). Doing it on every message cost two writes and a seal
    /// each; they now vanish between a lifetime less an hour and a lifetime after the person's last message.
    /// </summary>
    public bool DueToRemember(ConversationRecord conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return !long.TryParse(conversation.Fields.GetValueOrDefault(TwilioFields.RememberedAt), out var at)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(at) >= options.Value.AddressLifetime / 168;
    }

    /// <summary>The address to reply to, or null once it expired or was forgotten.</summary>
    public async Task<string?> AddressAsync(string conversationId, Channel channel) =>
        Unseal(conversationId, channel, await redis.Db.StringGetAsync(RedisKeys.Address(conversationId)).ConfigureAwait(false));

    /// <summary>The address from the stored value of RedisKeys.Address, or null when there is none (or it is another channel's).</summary>
    public string? Unseal(string conversationId, Channel channel, RedisValue stored)
    {
        if (stored.IsNullOrEmpty) return null;
        var parts = stored.ToString().Split('.');
        // Another channel's reference under the same key is not ours to read.
        if (parts.Length != 3 || parts[0] != Version) return null;
        var plaintext = HotlineCrypto.Decrypt(Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[1]), KeyFor(conversationId), Ad(conversationId, channel));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>Forgets the address and the pointer at once (a stop or wipe word).</summary>
    public async Task ForgetAsync(string conversationId, string pseudonym)
    {
        recalled.TryRemove(pseudonym, out _);
        await redis.Db.KeyDeleteAsync(RedisKeys.Address(conversationId)).ConfigureAwait(false);
        // Only if it still points here: a newer conversation of the same sender is not this one to forget.
        await redis.Db.ScriptEvaluateBySha(DeleteIfEquals, [TwilioKeys.Sender(pseudonym)], [conversationId]).ConfigureAwait(false);
    }

    /// <summary>
    /// The sender's pseudonyms (under the current key and the previous one, while it lives), from the conversation's sealed
    /// address: what a deletion started elsewhere than the sender's own message (a supervisor, retention) must forget.
    /// </summary>
    public async Task<IReadOnlyList<string>> PseudonymsOfAsync(string conversationId, Channel channel)
    {
        if (await AddressAsync(conversationId, channel).ConfigureAwait(false) is not { } address) return [];
        var current = await PseudonymOfAsync(channel, address).ConfigureAwait(false);
        return await EarlierPseudonymOfAsync(channel, address).ConfigureAwait(false) is { } earlier ? [current, earlier] : [current];
    }

    /// <summary>Forgets where these pseudonyms point, each only if it still points at this conversation.</summary>
    public async Task ForgetPointersAsync(string conversationId, IReadOnlyList<string> pseudonyms)
    {
        foreach (var pseudonym in pseudonyms)
        {
            recalled.TryRemove(pseudonym, out _);
            await redis.Db.ScriptEvaluateBySha(DeleteIfEquals, [TwilioKeys.Sender(pseudonym)], [conversationId]).ConfigureAwait(false);
        }
    }

    private const string DeleteIfEquals = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private byte[] KeyFor(string conversationId) => HotlineCrypto.Derive(secrets.DeliveryKey, "twilio-address", conversationId);

    private static byte[] Ad(string conversationId, Channel channel) => Encoding.UTF8.GetBytes($"hl-twilio-address-v1|{conversationId}|{channel.ToWire()}");
}
