using Microsoft.Extensions.Logging;

namespace Hotline.Core.Hosting;

public static class HotlineLogging
{
    /// <summary>
    /// One line per event, and the framework's request logs only at Warning: request lines carry query strings
    /// (the SignalR hub's access_token among them), which must never reach a log.
    /// </summary>
    public static ILoggingBuilder AddHotlineLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        return logging;
    }
}
