using Hotline.Bot.Flow;
using Hotline.Core;
using Hotline.Core.Messages;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// Takes an activity the Bot Connector vouched for into the conversation flow. The channel's conversation becomes a
/// hotline conversation through a pointer named by a keyed hash under the rotating pseudonym key
/// (<see cref="BotFrameworkConversations"/>); the reference needed to answer is kept only sealed; an activity id is
/// handled once however often it is delivered.
/// </summary>
public sealed class BotFrameworkInbox(
    BotFrameworkConversations conversations,
    ConversationReferences references,
    ConversationFlow flow,
    HotlineRedis redis,
    ILogger<BotFrameworkInbox> logger)
{
    /// <summary>Said when a message carries no text (a picture, a file): nothing but text is read or kept.</summary>
    public const string OnlyTextIsRead =
        "Na vjen keq, lexojmë vetëm tekst. Ju lutemi na shkruani me fjalë.\n" +
        "Sorry, we can only read text. Please write to us in words.";

    /// <param name="serviceUrl">The activity's serviceUrl as the allow-list admitted it.</param>
    public async Task<InboxOutcome> HandleAsync(Activity activity, Uri serviceUrl, CancellationToken cancellationToken)
    {
        var text = activity.Text?.Trim();
        switch (activity.Type)
        {
            case Activity.Types.Message:
                break;
            case Activity.Types.Typing:
                await AnnounceTypingAsync(await conversations.FindAsync(activity.ChannelId!, activity.Conversation!.Id).ConfigureAwait(false)).ConfigureAwait(false);
                return InboxOutcome.Ignored;
            case Activity.Types.ConversationUpdate when activity.MembersAdded is { Count: > 0 }:
                break;
            default:
                return InboxOutcome.Ignored;
        }

        var channelId = activity.ChannelId!;
        var conversationId = await conversations.ConversationOfAsync(channelId, activity.Conversation!.Id).ConfigureAwait(false);
        var taken = string.IsNullOrEmpty(activity.Id) ? null : await conversations.TakeActivityAsync(channelId, activity.Conversation.Id, activity.Id).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(activity.Id) && taken is null)
        {
            logger.LogInformation("Dropped a repeated Bot Framework activity of conversation {ConversationId}", conversationId);
            return InboxOutcome.Duplicate;
        }
        try
        {
            // The serviceUrl may change from one activity to the next; the latest one is where answers go.
            await references.SaveAsync(conversationId, new ConversationReference(
                serviceUrl.AbsoluteUri, channelId, activity.Conversation.Id, activity.Recipient?.Id, activity.Recipient?.Name,
                activity.From?.Id, activity.Id, Locale(activity.Locale))).ConfigureAwait(false);

            await AnsweringAsync(() => flow.StartAsync(conversationId, Channel.BotFramework, cancellationToken), conversationId).ConfigureAwait(false);
            if (activity.Type == Activity.Types.Message)
            {
                await AnsweringAsync(string.IsNullOrEmpty(text)
                    ? () => flow.SayAsync(conversationId, Channel.BotFramework, Speaker.Bot, OnlyTextIsRead, cancellationToken)
                    : () => flow.ReceiveAsync(new InboundMessage(conversationId, Channel.BotFramework, text), cancellationToken), conversationId).ConfigureAwait(false);
            }
            return InboxOutcome.Handled;
        }
        catch when (taken is not null)
        {
            // Nothing was kept for certain: let the connector's redelivery try again.
            await conversations.ReleaseActivityAsync(taken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The console shows that the person is typing (pub/sub only: nothing is stored), in a conversation the hotline already has.</summary>
    private async Task AnnounceTypingAsync(string? conversationId)
    {
        if (conversationId is not null && await redis.Db.KeyExistsAsync(RedisKeys.Conversation(conversationId)).ConfigureAwait(false))
        {
            await redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.PersonTyping), conversationId).ConfigureAwait(false);
        }
    }

    /// <summary>A locale tag such as sq-AL, or nothing.</summary>
    private static string? Locale(string? locale) =>
        locale is { Length: > 0 and <= 35 } && locale.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? locale : null;

    /// <summary>
    /// Runs a step of the flow whose answer may not get through. What the person wrote is stored before the answer is
    /// sent, so the activity counts as received and a connector failure is logged, not turned into an error.
    /// </summary>
    private async Task AnsweringAsync(Func<Task> step, string conversationId)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (ConnectorException)
        {
            logger.LogWarning("An answer in Bot Framework conversation {ConversationId} could not be delivered", conversationId);
        }
    }
}
