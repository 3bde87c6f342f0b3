using System.Text;
using Hotline.Core.Crypto;

namespace Hotline.Core.Dispatch;

/// <summary>
/// The area (municipality) of a confirmed dispatch, never in clear at rest: sealed (crypto_box_seal) to each unit that
/// covers it, so only that unit's phone opens it on the unit page, and to the Bot's box key, which puts it into the SMS
/// or WhatsApp notice at send time. The sealed text names the dispatch code, so a value copied onto another dispatch does
/// not open as its area. Operators read the area from the case's sealed facts.
/// </summary>
public static class DispatchArea
{
    /// <summary>What a notice's text holds where the area goes; the Bot replaces it with the opened area.</summary>
    public const string Placeholder = "{area}";

    private const string Prefix = "hl-dispatch-area-v1|";

    /// <summary>The area sealed to one public key (a unit's, or the Bot's), in standard base64.</summary>
    public static string Seal(string code, string municipality, byte[] publicKey) =>
        Convert.ToBase64String(HotlineCrypto.Seal(Encoding.UTF8.GetBytes(Prefix + code + "|" + municipality), publicKey));

    /// <summary>Opens a sealed area with the holder's key pair.</summary>
    /// <exception cref="CryptoFailure">It does not open, or it names another dispatch.</exception>
    public static string Open(string sealedArea, string code, KeyPairBytes keys)
    {
        byte[] opened;
        try
        {
            opened = HotlineCrypto.Open(Convert.FromBase64String(sealedArea), keys);
        }
        catch (FormatException e)
        {
            throw new CryptoFailure("a sealed area is not base64", e);
        }
        var text = Encoding.UTF8.GetString(opened);
        var expected = Prefix + code + "|";
        if (!text.StartsWith(expected, StringComparison.Ordinal)) throw new CryptoFailure("a sealed area belongs to another dispatch");
        return text[expected.Length..];
    }
}
