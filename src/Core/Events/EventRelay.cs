using Hotline.Core.Hosting;
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

    // On real time whatever clock the host is given: the sweep is the safety net for a writer that died, which a test that
    // holds its clock still must not switch off.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(Interval, TimeProvider.System, outbox.SweepAsync, logger, stoppingToken, atStart: true);
}
