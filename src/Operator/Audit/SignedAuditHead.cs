using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Hotline.Core.Crypto;

namespace Hotline.Operator.Audit;

/// <summary>
/// The audit chain's head at one moment, signed: after <see cref="Count"/> entries the chain ended with <see cref="Head"/>.
/// The chain's SHA-256 links can be recomputed by anyone who rewrites Redis; this signature cannot be made without the
/// Operator service's key, so a verifier that finds the chain shorter than a signed count, or a different hash at that
/// position, knows its tail was cut or rewritten.
/// </summary>
public sealed record SignedAuditHead(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("signer")] string Signer,
    [property: JsonPropertyName("sig")] string Signature)
{
    public static string Message(long count, string head, long at) => string.Create(CultureInfo.InvariantCulture, $"hl-audit-head-v1|{count}|{head}|{at}");

    public static SignedAuditHead Create(long count, string head, long at, SigningIdentity signer) =>
        new(count, head, at, signer.Name, signer.Sign(Message(count, head, at)));

    /// <summary>Fails closed unless the Operator service's key signed exactly this count, head and time.</summary>
    public void Verify(byte[] operatorSigningPublicKey)
    {
        if (Signer != Signers.Operator) throw new CryptoFailure($"a signed audit head names '{Signer}', who does not keep the audit log");
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Signature);
        }
        catch (FormatException e)
        {
            throw new CryptoFailure("a signed audit head's signature is not base64", e);
        }
        HotlineCrypto.Verify(Encoding.UTF8.GetBytes(Message(Count, Head, At)), signature, operatorSigningPublicKey);
    }
}
