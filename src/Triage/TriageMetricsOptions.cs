namespace Hotline.Triage;

/// <summary>
/// Where the Triage worker serves its Prometheus metrics. It has no web server (and takes no ASP.NET dependency), so a
/// small HTTP listener answers GET /metrics on 127.0.0.1 at HOTLINE_TRIAGE_METRICS_PORT; unset, nothing listens.
/// </summary>
public sealed class TriageMetricsOptions
{
    public const string PortVariable = "HOTLINE_TRIAGE_METRICS_PORT";

    /// <summary>The raw setting; empty means no listener.</summary>
    public string Port { get; set; } = "";

    public int? ListenPort => int.TryParse(Port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : null;

    public bool Valid => Port.Length == 0 || ListenPort is not null;
}
