using System.Text;
using System.Text.Json;
using Hotline.Bot.Secrets;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Core.Text;
using Hotline.Screening;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Bot.Flow;

/// <summary>
/// Keeps a conversation's <see cref="ConversationRisk"/> between messages, sealed: the state (earlier indicator ids, age,
/// categories, severities, times; never text) is encrypted under a per-conversation key derived from a secret only the
/// Bot holds, with the conversation id as associated data. Redis, a disk copy or another service sees an opaque value that
/// cannot be moved to another conversation. It is a field of the conversation's hash (<see cref="ConversationStore.RiskField"/>),
/// read with the conversation, and lives as long as it; a state whose last message is older than <see cref="TimeToLive"/>
/// counts as none.
/// </summary>
public sealed partial class ConversationRiskStore(HotlineRedis redis, BotSecrets secrets, ILogger<ConversationRiskStore> logger, TimeProvider time)
{
    /// <summary>How long the state counts after the conversation's last message.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(30);

    private sealed record State(
        int Severity, string[] Categories, bool Minor, int? Age, bool Disclosed, int Disclosure,
        long? DisclosedAt, long? LastAt, string[] Indicators, int Cues);

    // Read and written on every message: code generated at build time, with the reflection serializer's default options (the
    // sealed JSON is unchanged).
    [System.Text.Json.Serialization.JsonSerializable(typeof(State))]
    private sealed partial class StateJson : System.Text.Json.Serialization.JsonSerializerContext;

    /// <summary>
    /// The conversation's risk so far. A state that is missing, expired or does not authenticate starts again from
    /// <paramref name="floor"/> (the severity the conversation already has in clear), never lower.
    /// </summary>
    public async Task<ConversationRisk> GetAsync(string conversationId, Severity floor) => (await ReadAsync(conversationId, floor).ConfigureAwait(false)).Risk;

    /// <summary>As <see cref="GetAsync"/>, with the sealed value it was read from (null when there was none), for <see cref="Replace"/>.</summary>
    public async Task<(ConversationRisk Risk, string? Stored)> ReadAsync(string conversationId, Severity floor) =>
        Open(conversationId, floor, await Stored(redis.Db, conversationId).ConfigureAwait(false));

    /// <summary>The sealed state as stored (null when there is none), read on a batch with other reads.</summary>
    public static async Task<string?> Stored(IDatabaseAsync db, string conversationId) =>
        (string?)await db.HashGetAsync(RedisKeys.Conversation(conversationId), ConversationStore.RiskField).ConfigureAwait(false);

    /// <summary>As <see cref="ReadAsync"/>, from a sealed value already read (<see cref="Stored"/>, or the conversation's fields).</summary>
    public (ConversationRisk Risk, string? Stored) Open(string conversationId, Severity floor, string? stored)
    {
        var fresh = ConversationRisk.None with { Severity = floor, Disclosed = floor >= Severity.Medium, Disclosure = floor };
        if (stored is null) return (fresh, null);
        try
        {
            var dot = stored.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0) throw new CryptoFailure("a sealed conversation risk is malformed");
            var plaintext = HotlineCrypto.Decrypt(Base64Text.Decode(stored.AsSpan(dot + 1)), Base64Text.Decode(stored.AsSpan(0, dot)),
                KeyFor(conversationId), Ad(conversationId));
            var state = JsonSerializer.Deserialize(plaintext, StateJson.Default.State) ?? throw new CryptoFailure("a sealed conversation risk is empty");
            // Older than its lifetime: as if there were none (the key that held it once expired; the field stays with its conversation).
            if (state.LastAt is { } last && time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(last) > TimeToLive) return (fresh, stored);
            var risk = FromState(state);
            return (risk.Severity >= floor ? risk : risk with { Severity = floor }, stored);
        }
        catch (Exception e) when (e is CryptoFailure or FormatException or JsonException)
        {
            // Fail closed: nothing is read from a state that does not open; the conversation keeps its clear severity.
            logger.LogWarning("A conversation's sealed risk did not open ({Reason}); starting again from its severity", e.GetType().Name);
            return (fresh, stored);
        }
    }

    /// <summary>
    /// The sealed new state, to be written by the message's atomic step (<see cref="Hotline.Core.Conversations.MessageRecorder"/>)
    /// only while the key still holds <paramref name="stored"/>, the value the risk was read from.
    /// </summary>
    public ConversationRiskWrite Replace(string conversationId, string? stored, ConversationRisk risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(ToState(risk), StateJson.Default.State);
        var (nonce, cipher) = HotlineCrypto.Encrypt(plaintext, KeyFor(conversationId), Ad(conversationId));
        return new ConversationRiskWrite(stored, Convert.ToBase64String(nonce) + "." + Convert.ToBase64String(cipher));
    }

    public Task ForgetAsync(string conversationId) => redis.Db.HashDeleteAsync(RedisKeys.Conversation(conversationId), ConversationStore.RiskField);

    private static State ToState(ConversationRisk r) => new(
        (int)r.Severity, [.. r.Categories], r.Minor, r.Age, r.Disclosed, (int)r.Disclosure,
        r.DisclosedAt?.ToUnixTimeMilliseconds(), r.LastAt?.ToUnixTimeMilliseconds(), [.. r.Indicators], (int)r.Cues);

    private static ConversationRisk FromState(State s) => new((Severity)s.Severity, s.Categories, s.Minor, s.Age, s.Disclosed)
    {
        Disclosure = (Severity)s.Disclosure,
        DisclosedAt = s.DisclosedAt is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null,
        LastAt = s.LastAt is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : null,
        Indicators = s.Indicators,
        Cues = (Immediacy)s.Cues,
    };

    // A sub-key per conversation, for this purpose alone, from a secret that never leaves the Bot.
    private byte[] KeyFor(string conversationId) => HotlineCrypto.Derive(secrets.TokenKey, "conversation-risk", conversationId);

    private static byte[] Ad(string conversationId) => Encoding.UTF8.GetBytes("hotline-conversation-risk-v1\n" + conversationId);
}
