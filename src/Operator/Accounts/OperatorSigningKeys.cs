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

    /// <summary>
    /// The entries the team signing key <paramref name="teamSigningPublicKey"/> certified, each with its value as stored, and
    /// how many entries there are in all: what a rotation certifies again under the new key.
    /// </summary>
    public async Task<(IReadOnlyList<(OperatorKeyCertificate Certificate, RedisValue Stored)> Certified, int Total)> CertifiedByAsync(byte[] teamSigningPublicKey)
    {
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.OperatorSigningKeys).ConfigureAwait(false);
        var certified = new List<(OperatorKeyCertificate, RedisValue)>();
        foreach (var entry in entries.OrderBy(e => e.Name.ToString(), StringComparer.Ordinal))
        {
            var certificate = Read(entry.Name!, entry.Value!);
            try
            {
                certificate.Verify(teamSigningPublicKey);
                certified.Add((certificate, entry.Value));
            }
            catch (CryptoFailure)
            {
                // Not the team's: a rotation leaves it as it is, trusted by nothing.
            }
        }
        return (certified, entries.Length);
    }

    /// <summary>
    /// Inside the caller's transaction, and only if the roster did not change since <see cref="CertifiedByAsync"/>: every
    /// certified entry with its new certificate (<paramref name="certificates"/>, by username), the removed operator's
    /// marked removed now.
    /// </summary>
    public void Recertify(ITransaction tx, (IReadOnlyList<(OperatorKeyCertificate Certificate, RedisValue Stored)> Certified, int Total) roster,
        IReadOnlyDictionary<string, byte[]> certificates, string removed)
    {
        tx.AddCondition(Condition.HashLengthEqual(RedisKeys.OperatorSigningKeys, roster.Total));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (certificate, stored) in roster.Certified)
        {
            tx.AddCondition(Condition.HashEqual(RedisKeys.OperatorSigningKeys, certificate.Username, stored));
            var again = certificate with { Certificate = certificates[certificate.Username], RemovedAt = certificate.Username == removed ? certificate.RemovedAt ?? now : certificate.RemovedAt };
            _ = tx.HashSetAsync(RedisKeys.OperatorSigningKeys, [Entry(again)]);
        }
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
