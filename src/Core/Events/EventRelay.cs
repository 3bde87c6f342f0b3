using Hotline.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Events;

/// <summary>
/// Sweeps the conversations' event outboxes now and then, so an event whose writer died after storing the message
/// still reaches the Triage worker (and its case still opens). Runs in every Bot; two sweeps relaying the same event
/// at once only publish it twice, which the worker's idempotent handlers absorb.
/// </summary>
public sealed class EventRelay(EventOutbox outbox, ILogger<EventRelay> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await outbox.SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (RedisFailures.IsUnavailable(e))
                {
                    logger.LogWarning(e, "Sweeping the event outboxes failed; trying again later");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
