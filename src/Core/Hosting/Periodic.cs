using Hotline.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hotline.Core.Hosting;

/// <summary>
/// The loop of every background service that does one piece of work again and again: a tick every period on the
/// TimeProvider's timer (tests move time), the first at start or one period in, until the service stops. Ticks never
/// overlap: one that runs long makes the next follow at once. A tick that fails because Redis is unavailable (or for a
/// reason the service names as passing) is logged as a warning and the next tick tries again, because a background service
/// that let the exception through would stop the whole host (BackgroundServiceExceptionBehavior.StopHost).
/// </summary>
public static class Periodic
{
    /// <param name="period">How often <paramref name="tick"/> runs.</param>
    /// <param name="time">The clock whose timer sets the ticks.</param>
    /// <param name="tick">The work of one tick.</param>
    /// <param name="logger">The service's own logger, so a failed tick is logged under the service's name.</param>
    /// <param name="stoppingToken">The service's stopping token: the loop ends when it is cancelled.</param>
    /// <param name="atStart">True: the first tick runs at once, not one period in.</param>
    /// <param name="alsoPassing">Failures besides Redis being unavailable that the next tick may not meet.</param>
    public static async Task RunAsync(
        TimeSpan period,
        TimeProvider time,
        Func<CancellationToken, Task> tick,
        ILogger logger,
        CancellationToken stoppingToken,
        bool atStart = false,
        Func<Exception, bool>? alsoPassing = null)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            if (atStart) await TickAsync().ConfigureAwait(false);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TickAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        async Task TickAsync()
        {
            try
            {
                await tick(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisFailures.IsUnavailable(e) || alsoPassing?.Invoke(e) == true)
            {
                logger.LogWarning(e, "This tick's work failed; the next tick, in {Period}, tries again", period);
            }
        }
    }
}
