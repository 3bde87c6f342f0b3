using System.Security.Cryptography;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Crypto;

/// <summary>
/// The one-time creation of the team's keys ('admin init-demo'): the team signing key (whose fingerprint services pin),
/// a signing key for each service (written into HOTLINE_SIGNING_KEYS_DIR, one file each, for that service alone), the
/// case code key beside them (<see cref="Conversations.CaseCodeKey"/>), and
/// the signed team key record. The team signing key's private half is kept only sealed to the team key.
/// </summary>
public static class TeamKeyCeremony
{
    /// <summary>The fingerprint is also written here (it is not secret), so start-up scripts can pin it on every run.</summary>
    public static string FingerprintPath(string keysDir) => Path.Combine(keysDir, "team.fingerprint");

    /// <summary>Returns the pinned fingerprint, or null when another set-up created the team key at the same time.</summary>
    public static async Task<string?> CreateAsync(IDatabase db, string keysDir, byte[] teamPublicKey)
    {
        var signers = Signers.Services.ToDictionary(name => name, name => SigningIdentity.LoadOrCreate(keysDir, name).PublicKey, StringComparer.Ordinal);
        Conversations.CaseCodeKey.LoadOrCreate(keysDir);
        var teamSigning = HotlineCrypto.NewSigningKeyPair();
        try
        {
            var record = TeamKeyRecord.Create(1, teamPublicKey, teamSigning, signers);
            var tx = db.CreateTransaction();
            tx.AddCondition(Condition.KeyNotExists(RedisKeys.TeamKey));
            _ = tx.HashSetAsync(RedisKeys.TeamKey, record.ToFields());
            if (!await tx.ExecuteAsync().ConfigureAwait(false)) return null;
            await File.WriteAllTextAsync(FingerprintPath(keysDir), record.Fingerprint + "\n").ConfigureAwait(false);
            return record.Fingerprint;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(teamSigning.PrivateKey);
        }
    }
}
