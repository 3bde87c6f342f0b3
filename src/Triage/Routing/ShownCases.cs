using Hotline.Core.Cases;
using Hotline.Core.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.Triage.Routing;

/// <summary>
/// The cases a staff console may be showing (<see cref="CaseViews"/>), read again every <see cref="Refresh"/>. A case that
/// appears in it since the last reading gets a console signal at once: a page that opened it meanwhile reads its
/// transcript again, with any message whose signal was left out because the case was not shown yet. Until the first
/// reading, and after a failed one, every case counts as shown; the next good reading is compared with the last good one,
/// so a case opened while the readings failed still gets its signal.
/// </summary>
public sealed class ShownCases(CaseViews views, ConsoleSignals signals, ILogger<ShownCases> logger, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    /// <summary>How often a reading also drops the cases fetched longer ago than <see cref="CaseViews.Kept"/>.</summary>
    private static readonly TimeSpan TrimEvery = TimeSpan.FromMinutes(1);

    private volatile HashSet<string>? shown;

    // The last reading whose newly shown cases were all signalled (null: none yet); only the reading loop uses it.
    private HashSet<string>? lastGood;

    /// <summary>Whether a console may be showing the case (null reading: any may).</summary>
    public bool MayBeShown(string caseId) => shown is not { } known || known.Contains(caseId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trimmed = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var trim = now - trimmed >= TrimEvery;
                var next = await views.ShownAsync(trim).ConfigureAwait(false);
                if (trim) trimmed = now;
                var before = lastGood;
                // The new reading first: a message handled from now on is signalled; one left out before it was handled
                // before the signal below, so the page's reading after that signal has it.
                shown = next;
                if (before is not null)
                {
                    foreach (var caseId in next.Where(id => !before.Contains(id))) await signals.CaseChangedAsync(caseId).ConfigureAwait(false);
                }
                // Only once every signal is sent: a failed one is sent again after the next good reading.
                lastGood = next;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                shown = null;
                logger.LogWarning(e, "Reading the cases consoles show failed; every case's messages are signalled meanwhile");
            }
            try
            {
                await Task.Delay(Refresh, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
