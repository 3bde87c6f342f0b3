using System.Text.Json.Serialization;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// What the bot needs to answer in a channel's conversation: where (serviceUrl, channel, the channel's conversation id),
/// as whom (the bot's account there), to whom (the person's channel user id) and in reply to which activity.
/// </summary>
public sealed record ConversationReference(
    [property: JsonPropertyName("serviceUrl")] string ServiceUrl,
    [property: JsonPropertyName("channelId")] string ChannelId,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("botId")] string? BotId,
    [property: JsonPropertyName("botName")] string? BotName,
    [property: JsonPropertyName("userId")] string? UserId,
    [property: JsonPropertyName("replyToId")] string? ReplyToId,
    [property: JsonPropertyName("locale")] string? Locale);
