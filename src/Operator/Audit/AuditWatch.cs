using Hotline.Core.Crypto;
using Hotline.Core.Hosting;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Hotline.Operator.Live;
using Microsoft.Extensions.Options;

namespace Hotline.Operator.Audit;

/// <summary>
/// Checks the audit chain at start and every HOTLINE_AUDIT:CheckSeconds, without anyone opening the audit view: link by
/// link, against every signed and countersigned head in Redis, and against the <see cref="AuditAnchor"/> kept outside it.
/// Found intact, the anchor moves to the chain's head; the head is signed every HOTLINE_AUDIT:SignHeadSeconds when it moved.
/// Found broken, nothing is signed over the break, hotline_audit_intact drops to 0, a critical log line names
/// where (an entry id or a head's count: no data), and every supervisor's console gets an alert at each check until it is
/// put right. Found intact, entries and heads an earlier version wrote with exact times are given the hour
/// (<see cref="AuditLog.CoarsenAsync"/>).
/// </summary>
public sealed class AuditWatch(
    AuditLog audit, AuditAnchor anchor, SigningIdentity signer, TeamKeyDirectory keys, OperatorSigningKeys signingKeys, ConsoleNotifier consoles,
    HotlineMetrics metrics, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditWatch> logger) : BackgroundService
{
    private string? brokenAt;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = Math.Min(options.Value.SignHeadSeconds, options.Value.CheckSeconds);
        var checkEvery = Math.Max(1, options.Value.CheckSeconds / period);
        var tick = 0L;
        return Periodic.RunAsync(TimeSpan.FromSeconds(period), time, ct => TickAsync(tick++ % checkEvery == 0, ct), logger, stoppingToken, atStart: true);
    }

    private async Task TickAsync(bool check, CancellationToken cancellationToken)
    {
        try
        {
            var vouched = check ? await CheckAsync(cancellationToken).ConfigureAwait(false) : null;
            // Entries and heads an earlier version wrote with exact times get the hour, once a check found the chain intact.
            if (vouched is { Intact: true } && await audit.CoarsenAsync(signer, vouched).ConfigureAwait(false) > 0) return;
            // Not past a break known: that would vouch for the cut chain. After a check, the head that check found intact,
            // kept only while the chain still holds it: a cut made between the check and the signature is never signed.
            // Between checks (SignHeadSeconds shorter than CheckSeconds) a cut made since the last one may still be signed, in
            // Redis only: the anchor moves only with a check that found the whole chain intact, so the next check sees the cut.
            if (brokenAt is null) await audit.SignHeadAsync(signer, vouched).ConfigureAwait(false);
        }
        catch (CryptoFailure e)
        {
            // The team key record is refused: its own watch reports that; the audit check waits for a trusted one.
            logger.LogWarning("The audit log was not checked this time: {Reason}", e.Message);
        }
        catch (InvalidOperationException e)
        {
            // No team key yet ('admin init-demo' has not run), or the log is too busy: the next tick tries again.
            logger.LogWarning("The audit log was not checked this time: {Reason}", e.Message);
        }
    }

    /// <summary>One check; a break seen only once may be an entry appended while the chain was read, so it is read again first.</summary>
    public async Task<AuditVerification> CheckAsync(CancellationToken cancellationToken)
    {
        var verification = await VerifyAsync(cancellationToken).ConfigureAwait(false);
        for (var again = 0; again < 3 && !verification.Intact; again++) verification = await VerifyAsync(cancellationToken).ConfigureAwait(false);
        metrics.AuditChecked(verification.Intact);
        if (verification.Intact)
        {
            anchor.Raise(verification.Entries, verification.Head);
            if (brokenAt is not null) logger.LogWarning("The audit log holds again what this service vouched for ({Entries} entries)", verification.Entries);
            brokenAt = null;
            return verification;
        }
        if (brokenAt is null)
        {
            logger.LogCritical("The audit log is broken at {BrokenAt}: entries were removed, changed or cut since this service or a supervisor vouched for them", verification.BrokenAt);
        }
        brokenAt = verification.BrokenAt ?? "head";
        await consoles.AuditBrokenAsync(brokenAt).ConfigureAwait(false);
        return verification;
    }

    private async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var record = await keys.RecordAsync(cancellationToken).ConfigureAwait(false);
        var verification = await audit.VerifyAsync(record.SignerKey(Signers.Operator), AuditCountersigner.Certified(await signingKeys.AllAsync().ConfigureAwait(false), record)).ConfigureAwait(false);
        return await anchor.HeldByAsync(audit, verification).ConfigureAwait(false);
    }
}
