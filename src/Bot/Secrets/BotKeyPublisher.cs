using Hotline.Core.Storage;

namespace Hotline.Bot.Secrets;

/// <summary>Publishes the Bot's public box key so the Operator service can seal replies to it.</summary>
public sealed class BotKeyPublisher(HotlineRedis redis, BotSecrets secrets) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.Db.StringSetAsync(RedisKeys.BotKey, Convert.ToBase64String(secrets.Box.PublicKey));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
