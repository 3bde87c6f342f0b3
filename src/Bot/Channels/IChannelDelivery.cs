using Hotline.Core;
using Hotline.Core.Outbox;

namespace Hotline.Bot.Channels;

/// <summary>Sends what the hotline says to the person on one channel.</summary>
public interface IChannelDelivery
{
    Channel Channel { get; }

    Task DeliverAsync(string conversationId, Speaker speaker, string text, CancellationToken cancellationToken);

    /// <summary>
    /// An operator's reply: delivered as <see cref="DeliverAsync"/> does, telling how far it got. A channel that can learn
    /// more later (Twilio's status callbacks, the web chat page's receipts) links its own handle to <paramref name="reply"/>.
    /// </summary>
    async Task<ReplyState> DeliverReplyAsync(string conversationId, string text, ReplyRef reply, CancellationToken cancellationToken)
    {
        await DeliverAsync(conversationId, Speaker.Operator, text, cancellationToken).ConfigureAwait(false);
        return ReplyState.Sent;
    }

    /// <summary>Shows that the operator is typing, where the channel can; nothing is stored.</summary>
    Task SignalTypingAsync(string conversationId, CancellationToken cancellationToken) => Task.CompletedTask;
}
