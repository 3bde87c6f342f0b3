using Hotline.Core.Storage;

namespace Hotline.Core.Crypto;

/// <summary>Where services find the team's public key (and the Bot's, for the outbox). Public keys only.</summary>
public sealed class TeamKeyDirectory(HotlineRedis redis)
{
    private byte[]? teamPublicKey;
    private string? teamVersion;

    public async Task<byte[]> PublicKeyAsync(CancellationToken cancellationToken)
    {
        // Re-read when the team key is rotated (an operator removed): the version field changes.
        var version = (string?)await redis.Db.HashGetAsync(RedisKeys.TeamKey, "version").ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (version is null) throw new InvalidOperationException("No team key has been created yet: run the Operator's 'admin init-demo' first");
        if (teamPublicKey is null || version != teamVersion)
        {
            var value = (string?)await redis.Db.HashGetAsync(RedisKeys.TeamKey, "public").ConfigureAwait(false);
            teamPublicKey = Convert.FromBase64String(value ?? throw new InvalidOperationException("The team key record has no public key"));
            teamVersion = version;
        }
        return teamPublicKey;
    }

    public async Task<byte[]> BotPublicKeyAsync(CancellationToken cancellationToken)
    {
        var value = (string?)await redis.Db.StringGetAsync(RedisKeys.BotKey).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Convert.FromBase64String(value ?? throw new InvalidOperationException("The Bot has not published its key yet: start the Bot"));
    }
}
