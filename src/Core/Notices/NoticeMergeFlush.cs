using Hotline.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Notices;

/// <summary>Every second, sends the summary of each merged-alert window that has ended (run by the Triage worker, which raises the alerts).</summary>
public sealed class NoticeMergeFlush(NoticeMerging merging, StreamOutboundNotifier notifier, TimeProvider time, ILogger<NoticeMergeFlush> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (RedisFailures.IsUnavailable(e))
                {
                    logger.LogWarning(e, "Could not send the merged staff alerts; trying again in a second");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task FlushAsync()
    {
        foreach (var summary in await merging.CloseEndedAsync().ConfigureAwait(false))
        {
            await notifier.QueueAsync(summary).ConfigureAwait(false);
            logger.LogWarning("Merged staff alerts to {Recipient}: one notice for the alerts of the last window", summary.Recipient);
        }
    }
}
