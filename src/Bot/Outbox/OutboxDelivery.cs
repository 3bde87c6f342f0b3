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
        if (message.Kind == OutboxKind.DeleteConversation)
        {
            // Whether or not it has ended: a stopped SMS conversation still holds its transcript.
            await deletion.DeleteConversationAsync(message.ConversationId).ConfigureAwait(false);
            return;
        }
        if (message.Kind == OutboxKind.Expire)
        {
            // Silently, and only if the person has not written since the Triage worker decided (then it is a live conversation).
            await deletion.DeleteConversationAsync(message.ConversationId, message.Sequence ?? 0).ConfigureAwait(false);
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
}
