using Hotline.Core;
using Hotline.Core.Outbox;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>SMS or WhatsApp as the conversation flow sees it: one instance per channel, both through the same outbox.</summary>
public sealed class TwilioChannelDelivery(Channel channel, TwilioOutbox outbox) : IChannelDelivery
{
    public Channel Channel => channel;

    public Task DeliverAsync(string conversationId, Speaker speaker, string text, CancellationToken cancellationToken) =>
        DeliverWithOutcomeAsync(conversationId, text, cancellationToken);

    public bool AnswersInOneStep(string conversationId) => outbox.AnswersInOneStep(conversationId, channel);

    public ChannelAnswer? AnswerInStep(string conversationId, string text, Severity severity, bool underDuress) =>
        outbox.AnswerInStep(conversationId, channel, text, severity, underDuress);

    public Task<bool> AnswerInOneStepAsync(string conversationId, string text, AnswerStep step, CancellationToken cancellationToken) =>
        outbox.AnswerInOneStepAsync(conversationId, channel, text, step, cancellationToken);

    /// <summary>Queued for Twilio (sending until it accepts), held outside WhatsApp's window, or failed for want of an address.</summary>
    public async Task<ReplyState> DeliverReplyAsync(string conversationId, string text, ReplyRef reply, CancellationToken cancellationToken) =>
        await outbox.DeliverAsync(conversationId, channel, text, cancellationToken, reply).ConfigureAwait(false) switch
        {
            TwilioDeliveryOutcome.Queued => ReplyState.Sending,
            TwilioDeliveryOutcome.Held or TwilioDeliveryOutcome.HeldTemplateSent => ReplyState.Held,
            _ => ReplyState.Failed,
        };

    /// <summary>As <see cref="DeliverAsync"/>, telling what became of the reply (held outside WhatsApp's window, say).</summary>
    public Task<TwilioDeliveryOutcome> DeliverWithOutcomeAsync(string conversationId, string text, CancellationToken cancellationToken) =>
        outbox.DeliverAsync(conversationId, channel, text, cancellationToken);
}
