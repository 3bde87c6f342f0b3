using System.Text.Json;
using Hotline.Core;
using Hotline.Core.Crypto;

namespace Hotline.Bot.Secrets;

/// <summary>
/// The Bot's own secrets: the pseudonym key, the key of its delivery buffer, the Direct Line token key and its box
/// key pair (operators seal replies to it). Kept in HOTLINE_DATA_DIR/keys/bot.json, readable by the service alone.
/// </summary>
public sealed record BotSecrets(byte[] PseudonymKey, byte[] DeliveryKey, byte[] TokenKey, KeyPairBytes Box)
{
    private sealed record Stored(string PseudonymKey, string DeliveryKey, string TokenKey, string BoxPublic, string BoxPrivate);

    public static BotSecrets LoadOrCreate(HotlineOptions options)
    {
        var dir = Path.Combine(options.DataDir, "keys");
        var path = Path.Combine(dir, "bot.json");
        if (File.Exists(path))
        {
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
        if (!SecretFile.TryCreate(path, json)) return LoadOrCreate(options);
        return secrets;
    }
}
