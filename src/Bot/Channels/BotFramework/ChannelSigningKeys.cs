using Microsoft.IdentityModel.Tokens;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// The Bot Connector's signing keys as its OpenID metadata lists them, with each key's endorsements: the channel ids
/// that key may vouch for. Standard OpenID configuration drops the endorsements, hence this small document type.
/// </summary>
public sealed record ChannelSigningKeys(
    IReadOnlyList<SecurityKey> Keys,
    IReadOnlyList<string> Algorithms,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements)
{
    /// <summary>Whether the key with this id endorses the channel; a key that lists no endorsements endorses none.</summary>
    public bool Endorses(string? keyId, string channelId) =>
        keyId is not null && Endorsements.TryGetValue(keyId, out var channels) && channels.Contains(channelId);
}
