namespace Hotline.Bot.Channels.BotFramework;

/// <summary>A caller the Bot Connector vouched for: the serviceUrl its token names, and the key that signed it.</summary>
public sealed record ConnectorCaller(string ServiceUrl, string? SigningKeyId, ChannelSigningKeys Keys)
{
    public bool Endorses(string channelId) => Keys.Endorses(SigningKeyId, channelId);
}
