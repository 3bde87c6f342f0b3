namespace Hotline.Operator.Accounts;

/// <summary>
/// The Argon2id parameters a browser needs before it can derive anything. An unknown name gets stand-in parameters
/// shaped like a real account's, its salt a keyed hash of the name: the same on every call and every instance, so
/// asking twice does not tell which names are enrolled.
/// </summary>
public sealed class Prelogin(OperatorAccounts accounts, ServerSecret secret)
{
    public async Task<KdfParameters> ParametersAsync(string username)
    {
        if (await accounts.FindAsync(username).ConfigureAwait(false) is { } account) return account.Kdf;
        var salt = HotlineCrypto.Derive(await secret.GetAsync().ConfigureAwait(false), "prelogin salt", username)[..HotlineCrypto.KdfSaltBytes];
        return new KdfParameters(salt, HotlineCrypto.MasterOpsLimit, HotlineCrypto.MasterMemLimit);
    }

    /// <summary>What the server accepts as an account's parameters: at least what it hands out itself.</summary>
    public static bool IsStrongEnough(KdfParameters kdf) =>
        kdf.Salt.Length == HotlineCrypto.KdfSaltBytes && kdf.OpsLimit is >= HotlineCrypto.MasterOpsLimit and <= 20
        && kdf.MemLimit is >= HotlineCrypto.MasterMemLimit and <= 1024 * 1024 * 1024;
}
