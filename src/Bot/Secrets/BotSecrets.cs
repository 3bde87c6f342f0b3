using System.Text.Json;
using Hotline.Core.Crypto;

namespace Hotline.Bot.Secrets;

/// <summary>
/// The Bot's own secrets: the pseudonym key, the key of its delivery buffer, the Direct Line token key and its box
/// key pair (operators seal replies to it). Kept in HOTLINE_BOT_SECRETS (default HOTLINE_SECRETS_DIR/bot.json), outside
/// HOTLINE_DATA_DIR so that a copy of the data folder and its AOF opens nothing, and readable by the Bot's user alone.
/// </summary>
public sealed record BotSecrets(byte[] PseudonymKey, byte[] DeliveryKey, byte[] TokenKey, KeyPairBytes Box)
{
    private sealed record Stored(string PseudonymKey, string DeliveryKey, string TokenKey, string BoxPublic, string BoxPrivate);

    /// <exception cref="InvalidOperationException">The file exists but others than its owner may read it.</exception>
    public static BotSecrets LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
            {
                throw new InvalidOperationException($"{path} may be read by others than its owner: chmod 600 it (the Bot refuses to use secrets others can read)");
            }
            var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path} is not a Bot secrets file");
            return new BotSecrets(
                Convert.FromBase64String(stored.PseudonymKey),
                Convert.FromBase64String(stored.DeliveryKey),
                Convert.FromBase64String(stored.TokenKey),
                new KeyPairBytes(Convert.FromBase64String(stored.BoxPublic), Convert.FromBase64String(stored.BoxPrivate)));
        }
        var box = HotlineCrypto.NewKeyPair();
        var secrets = new BotSecrets(HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), HotlineCrypto.RandomBytes(32), box);
        var json = JsonSerializer.Serialize(new Stored(
            Convert.ToBase64String(secrets.PseudonymKey), Convert.ToBase64String(secrets.DeliveryKey), Convert.ToBase64String(secrets.TokenKey),
            Convert.ToBase64String(box.PublicKey), Convert.ToBase64String(box.PrivateKey)));
        // Two Bots starting at once: the first file wins and both use it.
        if (!SecretFile.TryCreate(path, json)) return LoadOrCreate(path);
        return secrets;
    }
}
