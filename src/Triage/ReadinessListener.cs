using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Hotline.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline.Triage;

/// <summary>
/// GET /readyz on 127.0.0.1:HOTLINE_TRIAGE_METRICS_PORT, beside the Prometheus listener's /metrics on the same port:
/// 200 "ready" when Redis answers and has room and the worker's stream groups exist, 503 with a problem body saying what
/// is missing otherwise (<see cref="Readiness"/>, the check the Bot and the Operator service serve). The worker has no
/// web server, so this is a small HttpListener of its own; unset port, nothing listens.
/// </summary>
public sealed class ReadinessListener(Readiness readiness, IOptions<TriageMetricsOptions> options, ILogger<ReadinessListener> logger) : BackgroundService
{
    public const string Path = "/readyz";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ListenPort is not { } port) return;
        using var listener = new HttpListener();
        listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{Path}/"));
        listener.Start();
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // One probe at a time is plenty, but a slow Redis must not hold the next probe up behind it.
            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod is not ("GET" or "HEAD") || context.Request.Url?.AbsolutePath.TrimEnd('/') != Path)
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }
            var report = await readiness.CheckAsync().ConfigureAwait(false);
            byte[] body;
            if (report.Ready)
            {
                response.ContentType = "text/plain; charset=utf-8";
                body = Encoding.UTF8.GetBytes(report.Detail);
            }
            else
            {
                response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
                response.ContentType = "application/problem+json";
                body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
                {
                    ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                    ["title"] = ReadinessReport.NotReadyTitle,
                    ["status"] = 503,
                    ["detail"] = report.Detail,
                });
            }
            if (context.Request.HttpMethod == "GET") await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            logger.LogDebug(e, "A readiness probe went away before its answer");
        }
        finally
        {
            try { response.Close(); }
            catch (ObjectDisposedException) { }
        }
    }
}
