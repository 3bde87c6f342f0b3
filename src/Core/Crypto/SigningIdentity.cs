using System.Text;
using System.Text.Json;

namespace Hotline.Core.Crypto;

/// <summary>
/// The Ed25519 key a service signs what it writes with (transcript entries, outbox messages, the audit head).
/// Its public half is listed in the team key record, which the team signing key certifies, so a reader trusts it
/// only through the fingerprint pinned in configuration. The private half lives in a file only the service reads.
/// </summary>
public sealed class SigningIdentity(string name, KeyPairBytes keys)
{
    public string Name { get; } = name;
    public byte[] PublicKey => keys.PublicKey;

    /// <summary>A detached signature over the UTF-8 bytes of a canonical message, in standard base64.</summary>
    public string Sign(string message) => Sign(Encoding.UTF8.GetBytes(message));

    /// <summary>As <see cref="Sign(string)"/>, over a message already encoded as UTF-8.</summary>
    public string Sign(byte[] message) => Convert.ToBase64String(HotlineCrypto.Sign(message, keys.PrivateKey));

    public static string FilePath(string keysDir, string name) => Path.Combine(keysDir, $"signing-{name}.json");

    /// <summary>Reads the key that 'admin init-demo' wrote; a missing key stops the service (it must never write unsigned).</summary>
    public static SigningIdentity Load(string keysDir, string name)
    {
        var path = FilePath(keysDir, name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No signing key for '{name}' at {path}: run the Operator's 'admin init-demo' (it writes the services' signing keys into HOTLINE_SIGNING_KEYS_DIR)");
        }
        var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is not a signing key file");
        if (stored.Name != name) throw new InvalidDataException($"{path} holds the signing key of '{stored.Name}', not '{name}'");
        return new SigningIdentity(name, new KeyPairBytes(Convert.FromBase64String(stored.Public), Convert.FromBase64String(stored.Private)));
    }

    /// <summary>Creates the file unless it exists; either way returns the key now in it.</summary>
    public static SigningIdentity LoadOrCreate(string keysDir, string name)
    {
        var path = FilePath(keysDir, name);
        if (!File.Exists(path))
        {
            var pair = HotlineCrypto.NewSigningKeyPair();
            SecretFile.TryCreate(path, JsonSerializer.Serialize(new Stored(name, Convert.ToBase64String(pair.PublicKey), Convert.ToBase64String(pair.PrivateKey))));
        }
        return Load(keysDir, name);
    }

    private sealed record Stored(string Name, string Public, string Private);
}
