using System.Text;
using Hotline.Core.Crypto;

namespace Hotline.Core.Conversations;

/// <summary>
/// The secret under which case codes are kept: Redis holds only a keyed hash of a code (HMAC-SHA-256), as the name of
/// the key that points at its conversation and in the conversation's hash, so neither Redis access nor a copy of the
/// data folder gives a code that would open a conversation. The key lives in a file beside the services' signing keys
/// (HOTLINE_SIGNING_KEYS_DIR, outside the data folder), written by 'admin init-demo'; the Bot and the Operator service
/// read it, never Redis.
/// </summary>
public sealed class CaseCodeKey
{
    private const int KeyBytes = 32;
    private readonly byte[] key;

    public CaseCodeKey(byte[] key)
    {
        if (key.Length != KeyBytes) throw new ArgumentException($"A case code key has {KeyBytes} bytes", nameof(key));
        this.key = key;
    }

    /// <summary>What stands for the code in Redis: 64 hex digits, the same for the same code under this deployment's key.</summary>
    public string LookupOf(string code) =>
        Convert.ToHexStringLower(HotlineCrypto.Mac(key, Encoding.UTF8.GetBytes("hl-case-code-v1|" + code)));

    /// <summary>True for a value <see cref="LookupOf"/> makes (and never for a code itself, which has letters and dashes).</summary>
    public static bool IsLookup(string value) => value.Length == KeyBytes * 2 && value.All(char.IsAsciiHexDigitLower);

    public static string FilePath(string keysDir) => Path.Combine(keysDir, "case-codes.key");

    /// <summary>Reads the key that 'admin init-demo' wrote; a missing one stops the service (it would store codes nobody else can find).</summary>
    public static CaseCodeKey Load(string keysDir)
    {
        var path = FilePath(keysDir);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No case code key at {path}: run the Operator's 'admin init-demo' (it writes it beside the services' signing keys, HOTLINE_SIGNING_KEYS_DIR)");
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
        {
            throw new InvalidOperationException($"{path} may be read by others than its owner: chmod 600 it");
        }
        return new CaseCodeKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    /// <summary>Creates the file unless it exists (a second set-up at the same moment keeps the first); either way returns the key now in it.</summary>
    public static CaseCodeKey LoadOrCreate(string keysDir)
    {
        if (!File.Exists(FilePath(keysDir))) SecretFile.TryCreate(FilePath(keysDir), Convert.ToBase64String(HotlineCrypto.RandomBytes(KeyBytes)) + "\n");
        return Load(keysDir);
    }
}
