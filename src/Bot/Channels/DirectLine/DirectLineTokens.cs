using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Bot.Secrets;
using Hotline.Core.Crypto;
using Hotline.Core.Identity;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>
/// Self-contained tokens (payload + HMAC), so no token is stored anywhere. A token is the only thing that
/// protects a conversation: it is unguessable and bound to that conversation.
/// </summary>
public sealed class DirectLineTokens(BotSecrets secrets, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <param name="notAfter">The conversation's end of life (its maximum age): the token expires then at the latest.</param>
    public (string Token, DirectLineGrant Grant) Issue(string? conversationId = null, string? userId = null, DateTimeOffset? notAfter = null)
    {
        var expires = time.GetUtcNow().Add(Lifetime);
        var grant = new DirectLineGrant(
            conversationId ?? Ids.New("", 24),
            userId ?? Ids.New("dl_", 20),
            (notAfter is { } end && end < expires ? end : expires).ToUnixTimeSeconds());
        var payload = JsonSerializer.SerializeToUtf8Bytes(grant);
        var mac = HotlineCrypto.Mac(secrets.TokenKey, payload);
        return ($"dl1.{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(mac)}", grant);
    }

    /// <summary>The grant of a genuine, unexpired token; null for anything else.</summary>
    public DirectLineGrant? Validate(string? token) => Inspect(token) is (TokenState.Valid, var grant) ? grant : null;

    /// <summary>What a token is: genuine and current, genuine but expired (with its grant), or not one of ours.</summary>
    public (TokenState State, DirectLineGrant? Grant) Inspect(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024) return (TokenState.Invalid, null);
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != "dl1") return (TokenState.Invalid, null);
        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            var mac = Base64Url.DecodeFromChars(parts[2]);
            if (!CryptographicOperations.FixedTimeEquals(mac, HotlineCrypto.Mac(secrets.TokenKey, payload))) return (TokenState.Invalid, null);
            var grant = JsonSerializer.Deserialize<DirectLineGrant>(payload);
            if (grant is null || !Ids.IsWellFormed(grant.ConversationId)) return (TokenState.Invalid, null);
            return grant.ExpiresAt < time.GetUtcNow().ToUnixTimeSeconds() ? (TokenState.Expired, grant) : (TokenState.Valid, grant);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (TokenState.Invalid, null);
        }
    }

    public static string? BearerFrom(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;

    public int ExpiresInSeconds => (int)Lifetime.TotalSeconds;

    /// <summary>Seconds from now until <paramref name="grant"/> expires (Direct Line's expires_in).</summary>
    public int ExpiresInSecondsOf(DirectLineGrant grant) => (int)Math.Max(0, grant.ExpiresAt - time.GetUtcNow().ToUnixTimeSeconds());
}
