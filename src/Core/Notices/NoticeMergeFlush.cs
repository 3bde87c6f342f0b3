using Hotline.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Notices;

/// <summary>Every second, sends the summary of each merged-alert window that has ended (run by the Triage worker, which raises the alerts).</summary>
public sealed class NoticeMergeFlush(NoticeMerging merging, StreamOutboundNotifier notifier, TimeProvider time, ILogger<NoticeMergeFlush> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(TimeSpan.FromSeconds(1), time, _ => FlushAsync(), logger, stoppingToken);

    public async Task FlushAsync()
    {
        foreach (var summary in await merging.CloseEndedAsync().ConfigureAwait(false))
        {
            await notifier.QueueAsync(summary).ConfigureAwait(false);
            logger.LogWarning("Merged staff alerts to {Recipient}: one notice for the alerts of the last window", summary.Recipient);
        }
    }
}
