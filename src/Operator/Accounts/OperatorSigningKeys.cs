using System.Text.Json;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Operator.Accounts;

/// <summary>
/// The roster of operators' signing keys (hl:{team}:keys:operators): each public key with the team's certificate, kept after
/// the account is removed (with the time of removal) so the words it signed before stay verifiable. Nothing here is
/// secret, and the server cannot add a key of its own: a console trusts only what the team signing key certified.
/// </summary>
public sealed class OperatorSigningKeys(HotlineRedis redis, TimeProvider time)
{
    public async Task<IReadOnlyList<OperatorKeyCertificate>> AllAsync()
    {
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.OperatorSigningKeys).ConfigureAwait(false);
        return entries.Select(e => Read(e.Name!, e.Value!)).OrderBy(c => c.Username, StringComparer.Ordinal).ToList();
    }

    public async Task<OperatorKeyCertificate?> FindAsync(string username)
    {
        var value = await redis.Db.HashGetAsync(RedisKeys.OperatorSigningKeys, username).ConfigureAwait(false);
        return value.IsNull ? null : Read(username, value!);
    }

    /// <summary>
    /// Gives an account that has none its signing key: the certificate in the roster and the sealed secret half in the
    /// account, together; false when the account already has one or is gone. (A removed namesake's entry gives way.)
    /// </summary>
    public async Task<bool> AddAsync(OperatorKeyCertificate certificate, byte[] sealedSigningKey)
    {
        var existing = await redis.Db.HashGetAsync(RedisKeys.OperatorSigningKeys, certificate.Username).ConfigureAwait(false);
        if (!existing.IsNull && Read(certificate.Username, existing!).RemovedAt is null) return false;
        var tx = redis.Db.CreateTransaction();
        tx.AddCondition(Condition.KeyExists(RedisKeys.Operator(certificate.Username)));
        tx.AddCondition(Condition.HashNotExists(RedisKeys.Operator(certificate.Username), "signSealed"));
        tx.AddCondition(existing.IsNull ? Condition.HashNotExists(RedisKeys.OperatorSigningKeys, certificate.Username)
            : Condition.HashEqual(RedisKeys.OperatorSigningKeys, certificate.Username, existing));
        _ = tx.HashSetAsync(RedisKeys.Operator(certificate.Username), "signSealed", Convert.ToBase64String(sealedSigningKey));
        _ = tx.HashSetAsync(RedisKeys.OperatorSigningKeys, [Entry(certificate)]);
        return await tx.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>Marks the key as removed, inside the caller's transaction that removes the account (nothing if it has no key).</summary>
    public async Task MarkRemovedAsync(ITransaction tx, string username)
    {
        if (await FindAsync(username).ConfigureAwait(false) is not { } certificate || certificate.RemovedAt is not null) return;
        _ = tx.HashSetAsync(RedisKeys.OperatorSigningKeys, [Entry(certificate with { RemovedAt = time.GetUtcNow().ToUnixTimeMilliseconds() })]);
    }

    public static HashEntry Entry(OperatorKeyCertificate c) =>
        new(c.Username, JsonSerializer.Serialize(new Stored(Convert.ToBase64String(c.SignPublic), Convert.ToBase64String(c.Certificate), c.RemovedAt)));

    private static OperatorKeyCertificate Read(string username, string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidDataException("An operator's signing key record is not valid JSON");
        return new OperatorKeyCertificate(username, Convert.FromBase64String(stored.SignPublic), Convert.FromBase64String(stored.Cert), stored.RemovedAt);
    }

    private sealed record Stored(string SignPublic, string Cert, long? RemovedAt);
}
