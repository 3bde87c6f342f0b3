using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Hotline.Core.Crypto;

namespace Hotline.Operator.Audit;

/// <summary>
/// An audit head as a supervisor's console saw it, signed there with the supervisor's own key (which the team certified):
/// after <see cref="Count"/> entries the chain ended with <see cref="Head"/>. The console keeps the latest one it signed
/// outside Redis (in the browser) and gives it back each time it shows the audit log, so a Redis writer who cuts the tail
/// together with every signed head still leaves a chain shorter than a head someone countersigned.
/// </summary>
public sealed record CountersignedAuditHead(
    [property: JsonPropertyName("by")] string By,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("sig")] string Signature)
{
    public static string Message(string by, long count, string head, long at) =>
        string.Create(CultureInfo.InvariantCulture, $"hl-audit-countersign-v1|{by}|{count}|{head}|{at}");

    /// <summary>Fails closed unless <see cref="By"/>'s own signing key signed exactly this count, head and time.</summary>
    public void Verify(byte[] signPublic)
    {
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Signature);
        }
        catch (FormatException e)
        {
            throw new CryptoFailure("a countersigned audit head's signature is not base64", e);
        }
        HotlineCrypto.Verify(Encoding.UTF8.GetBytes(Message(By, Count, Head, At)), signature, signPublic);
    }
}
