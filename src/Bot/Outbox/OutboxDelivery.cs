using Hotline.Core.Transcripts;
using System.Text;
using Hotline.Bot.Channels;
using Hotline.Bot.Flow;
using Hotline.Bot.Secrets;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Bot.Outbox;

/// <summary>Delivers what operators send, and their joining and leaving, on the person's own channel.</summary>
public sealed class OutboxDelivery(
    HotlineRedis redis,
    BotSecrets secrets,
    ConversationStore conversations,
    ConversationFlow flow,
    ReplyStates replies,
    CaseCodes codes,
    ConversationDeletion deletion,
    Hotline.Bot.Channels.Twilio.TwilioSenders senders,
    Hotline.Bot.Channels.Twilio.MessageStates states,
    Hotline.Bot.Channels.Twilio.WhatsAppWindows windows,
    TeamKeyDirectory keys,
    ILogger<OutboxDelivery> logger,
    TimeProvider time) : StreamGroupWorker(redis, logger, time)
{
    public const string GroupName = "bot";

    protected override string Stream => RedisKeys.Outbox;
    protected override string Group => GroupName;
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    protected override async Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        if (OutboxMessage.FromFields(entry.Values) is not { } message)
        {
            logger.LogWarning("Skipping malformed outbox entry {EntryId}", entry.Id.ToString());
            return;
        }
        try
        {
            message.VerifySignature(await keys.SignerKeyAsync(OutboxMessage.SignerFor(message.Kind), cancellationToken).ConfigureAwait(false));
        }
        catch (CryptoFailure)
        {
            // Written into Redis by someone without the sending service's key: nothing of it reaches the person.
            logger.LogWarning("Refusing outbox entry {EntryId}: its signature does not verify", entry.Id.ToString());
            return;
        }
        if (message.Kind is OutboxKind.DeleteConversation or OutboxKind.Expire)
        {
            await DeleteAsync(message).ConfigureAwait(false);
            return;
        }
        var conversation = await conversations.GetAsync(message.ConversationId).ConfigureAwait(false);
        // A reply that carries its transcript sequence gets a delivery state the operator sees beside it.
        var reply = message.Kind == OutboxKind.Reply && message.Sequence is { } sequence ? new ReplyRef(message.ConversationId, sequence) : null;
        if (conversation is null || conversation.Ended)
        {
            if (reply is not null) await replies.AdvanceAsync(reply, ReplyState.Failed).ConfigureAwait(false);
            return;
        }
        switch (message.Kind)
        {
            case OutboxKind.Reply when message.SealedText is not null:
                var text = Encoding.UTF8.GetString(HotlineCrypto.Open(message.SealedText, secrets.Box));
                if (reply is null)
                {
                    await flow.SayAsync(message.ConversationId, conversation.Channel, Speaker.Operator, text, cancellationToken).ConfigureAwait(false);
                    break;
                }
                var state = await flow.SayReplyAsync(message.ConversationId, conversation.Channel, text, reply, cancellationToken).ConfigureAwait(false);
                await replies.AdvanceAsync(reply, state).ConfigureAwait(false);
                break;
            case OutboxKind.Typing:
                await flow.SignalTypingAsync(message.ConversationId, conversation.Channel, cancellationToken).ConfigureAwait(false);
                break;
            case OutboxKind.OperatorJoined:
                await flow.SayAsync(message.ConversationId, conversation.Channel, Speaker.Bot, BotTexts.OperatorJoined(conversation.Language), cancellationToken).ConfigureAwait(false);
                break;
            case OutboxKind.QueuePlace when message.Place is { } place && conversation.Operator is null:
                await flow.SayAsync(message.ConversationId, conversation.Channel, Speaker.Bot, BotTexts.QueuePlace(conversation.Language, place), cancellationToken).ConfigureAwait(false);
                break;
            case OutboxKind.MoveConfirmed when await codes.ConfirmMoveAsync(message.ConversationId).ConfigureAwait(false) is { } route:
                await flow.SayAsync(message.ConversationId, route.Channel, Speaker.Bot, BotTexts.ContinuedNote(route.Channel), cancellationToken).ConfigureAwait(false);
                await flow.SayAsync(message.ConversationId, route.Channel, Speaker.Bot, BotTexts.Continued(conversation.Language, conversation.Operator is not null), cancellationToken).ConfigureAwait(false);
                break;
            case OutboxKind.MoveRefused when await codes.RefuseMoveAsync(message.ConversationId).ConfigureAwait(false) is { } asked:
                await flow.SayAsync(asked.ChannelConversationId, asked.Channel, Speaker.Bot, BotTexts.CodeNotRecognised(conversation.Language), cancellationToken).ConfigureAwait(false);
                break;
            case OutboxKind.OperatorLeft:
                await flow.SayAsync(message.ConversationId, conversation.Channel, Speaker.Bot, BotTexts.OperatorLeft(conversation.Language), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// A supervisor's deletion (whether or not the conversation has ended: a stopped SMS conversation still holds its
    /// transcript), or the Triage worker's when the time is up (silently, and only if the person has not written since it
    /// decided). For SMS and WhatsApp, what ties the number to the conversation goes too, as on the wipe word: the
    /// sender's pointer (read before the deletion drops the sealed address), and the messages' copies at Twilio (the SIDs the
    /// deletion read as it dropped them, those of a conversation continued from SMS or WhatsApp with the case code too).
    /// </summary>
    private async Task DeleteAsync(OutboxMessage message)
    {
        var id = message.ConversationId;
        var channel = (await conversations.GetAsync(id).ConfigureAwait(false))?.Channel;
        var twilio = channel is Channel.Sms or Channel.WhatsApp;
        var pseudonyms = twilio ? await senders.PseudonymsOfAsync(id, channel!.Value).ConfigureAwait(false) : [];
        var deleted = await deletion.DeleteConversationAsync(id, message.Kind == OutboxKind.Expire ? message.Sequence ?? 0 : null).ConfigureAwait(false);
        if (!deleted.Found) return;
        await states.ScheduleDeletionsAsync(deleted.ChannelMessageIds).ConfigureAwait(false);
        if (!twilio) return;
        await senders.ForgetPointersAsync(id, pseudonyms).ConfigureAwait(false);
        await windows.ForgetAsync(id).ConfigureAwait(false);
    }
}
