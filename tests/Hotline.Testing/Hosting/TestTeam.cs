using Hotline.Core.Crypto;
using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>
/// What the Operator's `admin init-demo` leaves behind, for tests that start services without it: the signed team key record
/// in Redis, the services' signing keys in the secrets folder, and the fingerprint the services pin.
/// </summary>
public sealed class TestTeam
{
    private TestTeam(KeyPairBytes box, string keysDir, string fingerprint)
    {
        Box = box;
        KeysDir = keysDir;
        Fingerprint = fingerprint;
    }

    /// <summary>The team's box key pair: its private half is what operators' browsers unlock.</summary>
    public KeyPairBytes Box { get; }
    public string KeysDir { get; }
    public string Fingerprint { get; }

    /// <summary>The Operator service's key: tests sign as it does when they stand in for an operator's reply.</summary>
    public SigningIdentity Operator => SigningIdentity.Load(KeysDir, Hotline.Core.Crypto.Signers.Operator);

    public IReadOnlyDictionary<string, byte[]> Signers => Hotline.Core.Crypto.Signers.Services.ToDictionary(n => n, n => SigningIdentity.Load(KeysDir, n).PublicKey);

    /// <param name="secretsDir">HOTLINE_SECRETS_DIR of the services under test: their signing keys go into its keys/ folder.</param>
    public static async Task<TestTeam> CreateAsync(IDatabase db, string secretsDir)
    {
        var box = HotlineCrypto.NewKeyPair();
        var keysDir = Core.HotlineOptions.DefaultSigningKeysDir(secretsDir);
        var fingerprint = await TeamKeyCeremony.CreateAsync(db, keysDir, box.PublicKey) ?? throw new InvalidOperationException("the team key exists already");
        return new TestTeam(box, keysDir, fingerprint);
    }
}
