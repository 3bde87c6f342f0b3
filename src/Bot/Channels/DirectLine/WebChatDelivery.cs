using Hotline.Core;
using Hotline.Core.Messages;
using Hotline.Core.Outbox;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>
/// Web chat: what the hotline says goes into the conversation's delivery buffer, where the client fetches it. An
/// operator's reply is linked by its activity id, so the person's page can say it received and showed it.
/// </summary>
public sealed class WebChatDelivery(DeliveryBuffer buffer, ReplyStates replies) : IChannelDelivery
{
    public static readonly ChannelAccount BotAccount = new("hotline", "Hotline", "bot");

    public Channel Channel => Channel.WebChat;

    public Task DeliverAsync(string conversationId, Speaker speaker, string text, CancellationToken cancellationToken) => AppendAsync(conversationId, speaker, text);

    public async Task<ReplyState> DeliverReplyAsync(string conversationId, string text, ReplyRef reply, CancellationToken cancellationToken)
    {
        var id = await AppendAsync(conversationId, Speaker.Operator, text).ConfigureAwait(false);
        await replies.LinkAsync(ReceiptHandle(id), reply).ConfigureAwait(false);
        return ReplyState.Sent;
    }

    /// <summary>The handle under which a web chat activity's receipts find the operator reply it carries.</summary>
    public static string ReceiptHandle(string activityId) => "wc:" + activityId;

    private Task<string> AppendAsync(string conversationId, Speaker speaker, string text) =>
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
