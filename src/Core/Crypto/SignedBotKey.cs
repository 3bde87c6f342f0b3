using System.Text.Json;

namespace Hotline.Core.Crypto;

/// <summary>What the Bot publishes at hl:keys:bot: its box public key, signed with its signing key.</summary>
public sealed record SignedBotKey(string Public, string Sig)
{
    public static string Message(string publicKey) => $"hl-bot-box-v1|{publicKey}";

    public static string Create(byte[] publicKey, SigningIdentity bot)
    {
        var text = Convert.ToBase64String(publicKey);
        return JsonSerializer.Serialize(new SignedBotKey(text, bot.Sign(Message(text))));
    }
}
