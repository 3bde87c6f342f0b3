using System.Text.Json;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Operator.Accounts;

/// <summary>
/// The team key's record and its chain of retired keys (public halves and sealed private halves only: the server
/// cannot open any of it), and the one atomic step that removes an operator and rotates the key.
/// </summary>
public sealed class TeamKeyring(HotlineRedis redis, OperatorAccounts accounts, OperatorSigningKeys signingKeys)
{
    public async Task<TeamPublicKey> CurrentAsync()
    {
        var values = await redis.Db.HashGetAsync(RedisKeys.TeamKey, ["version", "public"]).ConfigureAwait(false);
        if (values[0].IsNull || values[1].IsNull) throw new InvalidOperationException("No team key has been created yet: run the Operator's 'admin init-demo' first");
        return new TeamPublicKey((int)values[0], Convert.FromBase64String(values[1].ToString()));
    }

    /// <summary>Every retired key, newest first: each opens with the private key of the one above it.</summary>
    public async Task<IReadOnlyList<RetiredTeamKeyDto>> ChainAsync()
    {
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.TeamKeyChain).ConfigureAwait(false);
        return entries.Select(e =>
            {
                var stored = JsonSerializer.Deserialize<StoredLink>(e.Value.ToString())!;
                return new RetiredTeamKeyDto((int)e.Name, stored.PublicKey, stored.SealedPrivateKey);
            })
            .OrderByDescending(k => k.Version).ToList();
    }

    /// <summary>The accounts that hold the team key and would keep it if <paramref name="removed"/> went.</summary>
    public async Task<IReadOnlyList<OperatorAccount>> HoldersAfterRemovingAsync(string removed) =>
        (await accounts.AllAsync().ConfigureAwait(false)).Where(a => a.HasTeamKey && a.Username != removed).ToList();

    /// <summary>
    /// The removals the rotated record must carry when <paramref name="username"/> goes at <paramref name="at"/>: the current
    /// record's, the roster's own marks if the current record was written before removals were signed (they become signed
    /// now), and the one of this removal, if the operator has a signing key the team certified. The removing browser
    /// computes the same text from the same record and roster, and signs it.
    /// </summary>
    public async Task<string> RemovalsAfterRemovingAsync(string username, long at, Hotline.Core.Crypto.TeamKeyRecord current)
    {
        var removals = current.Removals.ToList();
        var roster = (await signingKeys.AllAsync().ConfigureAwait(false)).Where(c => IsCertified(c, current.SigningPublicKey)).ToList();
        if (current.Removed is null)
        {
            removals.AddRange(roster.Where(c => c.RemovedAt is not null).Select(c => new Hotline.Core.Crypto.OperatorRemoval(c.Username, Convert.ToBase64String(c.SignPublic), c.RemovedAt!.Value)));
        }
        if (roster.FirstOrDefault(c => c.Username == username) is { } removed && current.RemovedAt(removed) is null)
        {
            removals.Add(new Hotline.Core.Crypto.OperatorRemoval(username, Convert.ToBase64String(removed.SignPublic), at));
        }
        return Hotline.Core.Crypto.OperatorRemoval.Text(removals);
    }

    private static bool IsCertified(Hotline.Core.Crypto.OperatorKeyCertificate certificate, byte[] teamSigningPublicKey)
    {
        try
        {
            certificate.Verify(teamSigningPublicKey);
            return true;
        }
        catch (Hotline.Core.Crypto.CryptoFailure)
        {
            return false;
        }
    }

    /// <summary>The operators whose signing keys the team signing key <paramref name="teamSigningPublicKey"/> certified: a rotation certifies each again.</summary>
    public async Task<IReadOnlyList<Hotline.Core.Crypto.OperatorKeyCertificate>> CertifiedAsync(byte[] teamSigningPublicKey) =>
        (await signingKeys.CertifiedByAsync(teamSigningPublicKey).ConfigureAwait(false)).Certified.Select(c => c.Certificate).ToList();

    /// <summary>
    /// Removes the operator and installs the new team key in one transaction, only if nothing moved since the browser
    /// read the plan: the same version, the same accounts, each still holding that version, the same certified signing keys.
    /// </summary>
    public async Task<RotationOutcome> RemoveAndRotateAsync(TeamKeyRotation rotation)
    {
        var current = await CurrentAsync().ConfigureAwait(false);
        var names = await accounts.NamesAsync().ConfigureAwait(false);
        var holders = await HoldersAfterRemovingAsync(rotation.Removed).ConfigureAwait(false);
        if (current.Version != rotation.FromVersion || !holders.Select(h => h.Username).ToHashSet().SetEquals(rotation.SealedTo.Keys)) return RotationOutcome.Stale;
        var signed = Hotline.Core.Crypto.TeamKeyRecord.FromFields(await redis.Db.HashGetAllAsync(RedisKeys.TeamKey).ConfigureAwait(false));
        var roster = await signingKeys.CertifiedByAsync(signed.SigningPublicKey).ConfigureAwait(false);
        if (signed.Version != rotation.FromVersion || !roster.Certified.Select(c => c.Certificate.Username).ToHashSet().SetEquals(rotation.Certificates.Keys)) return RotationOutcome.Stale;

        var newVersion = rotation.FromVersion + 1;
        var tx = redis.Db.CreateTransaction();
        tx.AddCondition(Condition.HashEqual(RedisKeys.TeamKey, "version", rotation.FromVersion));
        tx.AddCondition(Condition.SetLengthEqual(RedisKeys.Operators, names.Count));
        tx.AddCondition(Condition.KeyExists(RedisKeys.Operator(rotation.Removed)));
        foreach (var holder in holders)
        {
            tx.AddCondition(Condition.HashEqual(RedisKeys.Operator(holder.Username), "teamKeyVersion", rotation.FromVersion));
            _ = tx.HashSetAsync(RedisKeys.Operator(holder.Username), [
                new HashEntry("sealedTeamKey", Convert.ToBase64String(rotation.SealedTo[holder.Username])),
                new HashEntry("teamKeyVersion", newVersion),
            ]);
        }
        _ = tx.HashSetAsync(RedisKeys.TeamKeyChain, rotation.FromVersion,
            JsonSerializer.Serialize(new StoredLink(Convert.ToBase64String(current.PublicKey), Convert.ToBase64String(rotation.SealedPrevious))));
        tx.AddCondition(Condition.HashEqual(RedisKeys.TeamKey, "sig", signed.Signature));
        _ = tx.HashSetAsync(RedisKeys.TeamKey, [
            new HashEntry("public", Convert.ToBase64String(rotation.PublicKey)), new HashEntry("version", newVersion),
            new HashEntry("signPublic", Convert.ToBase64String(rotation.SignPublic)), new HashEntry("chain", rotation.Chain),
            new HashEntry("signSealed", Convert.ToBase64String(rotation.SignSealed)), new HashEntry("sig", rotation.Signature),
            new HashEntry("removed", rotation.Removals),
        ]);
        _ = tx.KeyDeleteAsync(RedisKeys.Operator(rotation.Removed));
        _ = tx.SetRemoveAsync(RedisKeys.Operators, rotation.Removed);
        // The removed operator's signing key stops counting for anything written from now on (an uncertified one is marked
        // too); every certified key is certified again under the new team signing key, this mark included.
        await signingKeys.MarkRemovedAsync(tx, rotation.Removed).ConfigureAwait(false);
        signingKeys.Recertify(tx, roster, rotation.Certificates, rotation.Removed);
        _ = tx.HashDeleteAsync(RedisKeys.Presence, rotation.Removed);
        return await tx.ExecuteAsync().ConfigureAwait(false) ? RotationOutcome.Done : RotationOutcome.Stale;
    }

    /// <summary>Removes an account that never held the team key (a mobile unit): nothing to rotate.</summary>
    public async Task<bool> RemoveWithoutKeyAsync(string username)
    {
        var tx = redis.Db.CreateTransaction();
        tx.AddCondition(Condition.HashEqual(RedisKeys.Operator(username), "sealedTeamKey", ""));
        _ = tx.KeyDeleteAsync(RedisKeys.Operator(username));
        _ = tx.SetRemoveAsync(RedisKeys.Operators, username);
        await signingKeys.MarkRemovedAsync(tx, username).ConfigureAwait(false);
        _ = tx.KeyDeleteAsync(RedisKeys.Unit(username));
        _ = tx.SetRemoveAsync(RedisKeys.Units, username);
        _ = tx.HashDeleteAsync(RedisKeys.Presence, username);
        return await tx.ExecuteAsync().ConfigureAwait(false);
    }

    private sealed record StoredLink(string PublicKey, string SealedPrivateKey);
}
