using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;

namespace Hotline.Operator.Audit;

/// <summary>
/// Signs the audit chain's head every HOTLINE_AUDIT:SignHeadSeconds when it moved, so that cutting or rewriting the
/// chain's tail in Redis shows at the next check (admin audit-verify) even when the attacker recomputes the hashes.
/// What happened since the latest signed head is protected by the chain alone until the next signature.
/// </summary>
public sealed class AuditHeadSigning(AuditLog audit, SigningIdentity signer, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditHeadSigning> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SignHeadSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await audit.SignHeadAsync(signer).ConfigureAwait(false);
                }
                catch (Exception e) when (RedisFailures.IsUnavailable(e))
                {
                    logger.LogWarning(e, "The audit head was not signed this time: Redis is unavailable");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
