using Hotline.Core.Hosting;
using Hotline.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline.Core.Crypto;

/// <summary>
/// Reads the team key record at start and every HOTLINE_TEAM_KEY_CHECK_SECONDS in every service, sealing or not: a
/// rotation raises this service's floor soon after it happens (so an older record put back later is refused even by a
/// service that had nothing to write meanwhile), and a refused record is logged as critical once, until it is put right.
/// /readyz says the same while it lasts (<see cref="Readiness"/>).
/// </summary>
public sealed class TeamKeyWatch(TeamKeyDirectory keys, IOptions<HotlineOptions> options, TimeProvider time, ILogger<TeamKeyWatch> logger) : BackgroundService
{
    private bool refused;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(TimeSpan.FromSeconds(options.Value.TeamKeyCheckSeconds), time, CheckAsync, logger, stoppingToken, atStart: true);

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var record = await keys.RecordAsync(cancellationToken).ConfigureAwait(false);
            if (refused) logger.LogWarning("The team key record is trusted again (version {Version}): sealing resumes", record.Version);
            refused = false;
        }
        catch (CryptoFailure e)
        {
            // The reason names versions only: no text, address or id.
            if (!refused) logger.LogCritical("The team key record in Redis is refused, nothing is sealed until it is put right: {Reason}", e.Message);
            refused = true;
        }
        catch (InvalidOperationException)
        {
            // No team key yet ('admin init-demo' has not run): whatever needs one says so.
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // /readyz reports an unreachable Redis.
        }
    }
}
