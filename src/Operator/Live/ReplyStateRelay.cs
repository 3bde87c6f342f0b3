using Hotline.Core.Outbox;
using StackExchange.Redis;

namespace Hotline.Operator.Live;

/// <summary>
/// A reply's delivery state moved (the Bot's pub/sub: conversation id, sequence and state, no text): the consoles show
/// it beside the reply. One lost on the way is read again when the case opens (GET /api/cases/{id}/replies).
/// </summary>
public sealed class ReplyStateRelay(HotlineRedis redis, ConsoleNotifier notifier, ILogger<ReplyStateRelay> logger) : IHostedService
{
    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.ReplyStateChanged));
        queue.OnMessage(async message =>
        {
            if (ReplyStates.ParseChange(message.Message.ToString()) is not { } change) return;
            try
            {
                await notifier.ReplyStateAsync(change.Reply.ConversationId, change.Reply.Sequence, change.State.ToWire());
            }
            catch (Exception e) when (e is RedisException or InvalidOperationException)
            {
                logger.LogDebug(e, "A reply state change was not relayed");
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (queue is null) return;
        try
        {
            await queue.UnsubscribeAsync();
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // Redis went first (a stack stopping as a whole): the subscription ends with the connection anyway.
            logger.LogDebug(e, "Redis was gone before the reply state subscription ended");
        }
    }
}
