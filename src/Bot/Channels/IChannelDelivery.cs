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

    /// <summary>
    /// The bot's answer to the person's message just stored: kept in the transcript after <see cref="AnswerStep.KnownTail"/>
    /// and queued for delivery in one step on the conversation's slot, which also removes <see cref="AnswerStep.Relayed"/>
    /// from the conversation's event outbox. False, with nothing done, when the channel cannot do it in one step (the
    /// caller then appends and delivers as usual).
    /// </summary>
    Task<bool> AnswerInOneStepAsync(string conversationId, string text, AnswerStep step, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>
    /// The bot's answer to the person's message being stored, for the step that stores it to keep too, worded for the
    /// conversation at <paramref name="severity"/> with duress on or not (<see cref="Hotline.Core.Conversations.AnswerInStep"/>);
    /// null when the channel cannot (the answer then follows the message as usual).
    /// </summary>
    ChannelAnswer? AnswerInStep(string conversationId, string text, Severity severity, bool underDuress) => null;

    /// <summary>Whether <see cref="AnswerInOneStepAsync"/> would take the answer in this conversation now.</summary>
    bool AnswersInOneStep(string conversationId) => false;

    /// <summary>Shows that the operator is typing, where the channel can; nothing is stored.</summary>
    Task SignalTypingAsync(string conversationId, CancellationToken cancellationToken) => Task.CompletedTask;
}
