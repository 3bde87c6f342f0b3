using Hotline.Core;
using Hotline.Core.Messages;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// What the hotline says in a Bot Framework conversation goes out through the connector: the bot's answers as replies
/// to the person's last activity, an operator's messages as new activities from "Counsellor" (never the operator's name).
/// </summary>
public sealed class BotFrameworkDelivery(ConversationReferences references, ConnectorClient connector, ILogger<BotFrameworkDelivery> logger) : IChannelDelivery
{
    public const string DefaultBotName = "Hotline";
    public const string OperatorName = "Counsellor";

    public Channel Channel => Channel.BotFramework;

    public async Task DeliverAsync(string conversationId, Speaker speaker, string text, CancellationToken cancellationToken)
    {
        if (await references.GetAsync(conversationId).ConfigureAwait(false) is not { } reference)
        {
            // Retrying cannot help: the address expired or was forgotten, and the person must write again first.
            logger.LogWarning("No reply address is kept for a Bot Framework conversation any more; a {Speaker} message was not delivered", speaker);
            return;
        }
        var activity = From(reference, speaker) with
        {
            Type = Activity.Types.Message,
            Text = text,
            // Plain text: nothing an operator or the bot writes is rendered as markup or a link card.
            TextFormat = "plain",
            Locale = reference.Locale,
            ReplyToId = speaker == Speaker.Bot ? reference.ReplyToId : null,
        };
        await connector.SendAsync(reference, activity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A typing activity from "Counsellor"; best effort, as a lost typing indicator matters to nobody.</summary>
    public async Task SignalTypingAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (await references.GetAsync(conversationId).ConfigureAwait(false) is not { } reference) return;
        try
        {
            await connector.SendAsync(reference, From(reference, Speaker.Operator) with { Type = Activity.Types.Typing }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException)
        {
            logger.LogInformation("A typing indicator did not reach a Bot Framework conversation");
        }
    }

    private static Activity From(ConversationReference reference, Speaker speaker) => new()
    {
        ChannelId = reference.ChannelId,
        From = new ChannelAccount(reference.BotId, speaker == Speaker.Operator ? OperatorName : reference.BotName ?? DefaultBotName, "bot"),
        Recipient = reference.UserId is null ? null : new ChannelAccount(reference.UserId, null, "user"),
        Conversation = new ConversationAccount(reference.ConversationId),
    };
}
