using Hotline.Core.Crypto;
using Hotline.Core.Storage;

namespace Hotline.Bot.Secrets;

/// <summary>Publishes the Bot's public box key, signed, so the Operator service can seal replies to it.</summary>
public sealed class BotKeyPublisher(HotlineRedis redis, BotSecrets secrets, SigningIdentity signer) : IHostedService
{
    // Signed, so a key written into Redis by anyone else is refused by the Operator service rather than sealed to.
    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.Db.StringSetAsync(RedisKeys.BotKey, SignedBotKey.Create(secrets.Box.PublicKey, signer));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
