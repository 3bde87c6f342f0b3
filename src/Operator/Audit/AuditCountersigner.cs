using Hotline.Core.Crypto;

namespace Hotline.Operator.Audit;

/// <summary>
/// A supervisor's signing key as it counts for countersigned audit heads: certified by the team signing key, and, if the
/// signed team key record says it was removed, only for heads countersigned before <see cref="RemovedAt"/>.
/// </summary>
public sealed record AuditCountersigner(byte[] SignPublic, long? RemovedAt)
{
    /// <summary>The roster's keys that the team key record's signing key certified, by username, with their signed removal.</summary>
    public static IReadOnlyDictionary<string, AuditCountersigner> Certified(IEnumerable<OperatorKeyCertificate> roster, TeamKeyRecord record)
    {
        var certified = new Dictionary<string, AuditCountersigner>(StringComparer.Ordinal);
        foreach (var certificate in roster)
        {
            try
            {
                certificate.Verify(record.SigningPublicKey);
                certified[certificate.Username] = new AuditCountersigner(certificate.SignPublic, record.RemovedAt(certificate));
            }
            catch (CryptoFailure)
            {
                // A key the team did not certify countersigns nothing.
            }
        }
        return certified;
    }
}
