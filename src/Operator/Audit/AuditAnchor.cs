using Hotline.Core;
using Hotline.Core.Crypto;
using Microsoft.Extensions.Options;

namespace Hotline.Operator.Audit;

/// <summary>
/// The furthest point of the audit chain this service found intact (or a supervisor countersigned), kept outside Redis:
/// a file beside the signing keys (HOTLINE_SIGNING_KEYS_DIR) and this process's memory. Whoever can write Redis can cut
/// the chain's tail, recompute its links and delete every signed and countersigned head with it; the chain must still
/// hold this head at this position, and <see cref="AuditWatch"/> says so when it does not.
/// </summary>
public sealed class AuditAnchor(IOptions<HotlineOptions> options)
{
    public const string FileName = "audit.anchor";

    private readonly ForwardOnlyFile<Mark>? file = options.Value.SigningKeysDir.Length > 0 ? new(Path.Combine(options.Value.SigningKeysDir, FileName)) : null;
    private readonly string pin = options.Value.TeamKeyFingerprint;
    private readonly object gate = new();
    private Mark? remembered;

    /// <summary>After <see cref="Count"/> entries the chain ended with <see cref="Head"/>; kept for one team (its pinned key).</summary>
    public sealed record Mark(string Fingerprint, long Count, string Head) : IPinnedMark
    {
        long IPinnedMark.Position => Count;
    }

    /// <summary>The further of the file's and this process's (an anchor kept for another pin belongs to another team's log).</summary>
    public Mark? Current => IPinnedMark.Further(file?.Read(), remembered, pin);

    /// <summary>A check of the chain (<see cref="AuditLog.VerifyAsync"/>) that also asks the chain to hold this anchor.</summary>
    public async Task<AuditVerification> HeldByAsync(AuditLog audit, AuditVerification verification)
    {
        if (!verification.Intact || Current is not { } held) return verification;
        return await audit.HoldsAsync(held.Count, held.Head).ConfigureAwait(false)
            ? verification
            : verification with { Intact = false, BrokenAt = $"anchored head {held.Count} (kept outside Redis)" };
    }

    /// <summary>Moves the anchor to this head if it is further along; never back.</summary>
    public void Raise(long count, string head)
    {
        if (count <= 0) return;
        var mark = new Mark(pin, count, head);
        var stored = file?.Update(old => old is not null && old.Fingerprint == pin && old.Count >= count ? null : mark) ?? mark;
        lock (gate)
        {
            if (remembered is null || stored.Count > remembered.Count) remembered = stored;
        }
    }
}
