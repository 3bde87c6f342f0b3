using Hotline.Core.Conversations;
using StackExchange.Redis;

namespace Hotline.Operator.Live;

/// <summary>A person typing (the Bot's pub/sub, conversation id only) is shown to the operator holding their case.</summary>
public sealed class PersonTypingRelay(HotlineRedis redis, ConversationStore conversations, ConsoleNotifier notifier, ILogger<PersonTypingRelay> logger) : IHostedService
{
    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.PersonTyping));
        queue.OnMessage(async message =>
        {
            try
            {
                if (await conversations.GetAsync(message.Message.ToString()) is { CaseId: { } caseId, Operator: { } holder }) await notifier.PersonTypingAsync(caseId, holder);
            }
            catch (RedisException e)
            {
                logger.LogDebug(e, "A typing signal was lost");
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (queue is not null) await queue.UnsubscribeAsync();
    }
}
