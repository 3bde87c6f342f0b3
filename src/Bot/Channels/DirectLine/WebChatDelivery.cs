using Hotline.Core;
using Hotline.Core.Messages;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>Web chat: what the hotline says goes into the conversation's delivery buffer, where the client fetches it.</summary>
public sealed class WebChatDelivery(DeliveryBuffer buffer) : IChannelDelivery
{
    public static readonly ChannelAccount BotAccount = new("hotline", "Hotline", "bot");

    public Channel Channel => Channel.WebChat;

    public Task DeliverAsync(string conversationId, Speaker speaker, string text, CancellationToken cancellationToken) =>
        buffer.AppendAsync(conversationId, new Activity
        {
            Type = Activity.Types.Message,
            From = speaker == Speaker.Operator ? BotAccount with { Name = "Counsellor" } : BotAccount,
            Text = text,
            ChannelId = "directline",
        });

    public Task SignalTypingAsync(string conversationId, CancellationToken cancellationToken) =>
        buffer.PublishEphemeralAsync(conversationId, new Activity
        {
            Type = Activity.Types.Typing,
            From = BotAccount with { Name = "Counsellor" },
            ChannelId = "directline",
        });
}
