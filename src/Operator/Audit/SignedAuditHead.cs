using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Hotline.Core.Crypto;

namespace Hotline.Operator.Audit;

/// <summary>
/// The audit chain's head at one moment, signed: after <see cref="Count"/> entries the chain ended with <see cref="Head"/>.
/// The chain's SHA-256 links can be recomputed by anyone who rewrites Redis; a signature cannot be made without the
/// signer's key, so a verifier that finds the chain shorter than a signed count, or a different hash at that position,
/// knows its tail was cut or rewritten. Two signers: the Operator service signs the head from time to time
/// (<see cref="Create"/>); a supervisor's console countersigns the head it was shown with the supervisor's own certified key
/// and keeps it outside Redis (in the browser), so a Redis writer who cuts the tail together with every signed head still
/// leaves a chain shorter than a head someone countersigned (<see cref="VerifyCountersigned"/>).
/// </summary>
public sealed record SignedAuditHead(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("at")] long At,
    [property: JsonPropertyName("signer")] string Signer,
    [property: JsonPropertyName("sig")] string Signature)
{
    /// <summary>What the Operator service signs.</summary>
    public static string Message(long count, string head, long at) => string.Create(CultureInfo.InvariantCulture, $"hl-audit-head-v1|{count}|{head}|{at}");

    /// <summary>What a supervisor's console signs (transcript-crypto.js <c>countersignAuditHead</c>): it names the supervisor.</summary>
    public static string CountersignMessage(string by, long count, string head, long at) =>
        string.Create(CultureInfo.InvariantCulture, $"hl-audit-countersign-v1|{by}|{count}|{head}|{at}");

    public static SignedAuditHead Create(long count, string head, long at, SigningIdentity signer) =>
        new(count, head, at, signer.Name, signer.Sign(Message(count, head, at)));

    /// <summary>
    /// What the Operator service signs over the audit entries an earlier version wrote with exact times, once it coarsened
    /// them to the hour (<see cref="AuditLog.CoarsenAsync"/>): how many, and the digest of them as they now read, kept as
    /// this record's <see cref="Head"/> (<see cref="At"/> 0).
    /// </summary>
    public static string CoarsenedMessage(long count, string digest) => string.Create(CultureInfo.InvariantCulture, $"hl-audit-coarsened-v1|{count}|{digest}");

    public static SignedAuditHead Coarsened(long count, string digest, SigningIdentity signer) => new(count, digest, 0, signer.Name, signer.Sign(CoarsenedMessage(count, digest)));

    /// <summary>Fails closed unless the Operator service's key signed exactly this count, head and time.</summary>
    public void Verify(byte[] operatorSigningPublicKey) => VerifyAsOperator(Message(Count, Head, At), operatorSigningPublicKey);

    /// <summary>Fails closed unless the Operator service's key signed exactly this count and digest of coarsened entries.</summary>
    public void VerifyCoarsened(byte[] operatorSigningPublicKey) => VerifyAsOperator(CoarsenedMessage(Count, Head), operatorSigningPublicKey);

    private void VerifyAsOperator(string message, byte[] operatorSigningPublicKey)
    {
        if (Signer != Signers.Operator) throw new CryptoFailure($"a signed audit head names '{Signer}', who does not keep the audit log");
        VerifySignature(message, operatorSigningPublicKey);
    }

    /// <summary>Fails closed unless <see cref="Signer"/>'s own signing key countersigned exactly this count, head and time.</summary>
    public void VerifyCountersigned(byte[] signPublic) => VerifySignature(CountersignMessage(Signer, Count, Head, At), signPublic);

    private void VerifySignature(string message, byte[] signPublic)
    {
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(Signature);
        }
        catch (FormatException e)
        {
            throw new CryptoFailure("an audit head's signature is not base64", e);
        }
        HotlineCrypto.Verify(Encoding.UTF8.GetBytes(message), signature, signPublic);
    }
}
