namespace Hotline.Core.Telemetry;

/// <summary>
/// Where a service sends its traces. Off unless HOTLINE_TRACES_EXPORTER=otlp: then OTEL_EXPORTER_OTLP_ENDPOINT (and
/// optionally OTEL_EXPORTER_OTLP_PROTOCOL), the OpenTelemetry variables the OTLP exporter itself reads, must name a
/// collector. Checked on start, so a typo stops the service instead of silently dropping every trace.
/// </summary>
public sealed class TracingOptions
{
    public const string ExporterVariable = "HOTLINE_TRACES_EXPORTER";
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>"none" (the default) or "otlp".</summary>
    public string Exporter { get; set; } = "none";

    public string Endpoint { get; set; } = "";

    public string Protocol { get; set; } = "";

    public bool Exports => Exporter == "otlp";

    /// <summary>Traces are exported, to a valid collector, and so recorded at all (otherwise no tracer is built).</summary>
    public bool Records => Exports && EndpointValid;

    public bool ExporterKnown => Exporter is "none" or "otlp";

    /// <summary>An OTLP endpoint is an absolute http(s) address, and only when exporting; the protocol one the exporter knows.</summary>
    public bool EndpointValid =>
        !Exports || (Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && Protocol is "" or "grpc" or "http/protobuf");

    public static TracingOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) => new()
    {
        Exporter = configuration[ExporterVariable] is { Length: > 0 } exporter ? exporter.Trim().ToLowerInvariant() : "none",
        Endpoint = configuration[EndpointVariable]?.Trim() ?? "",
        Protocol = configuration[ProtocolVariable]?.Trim() ?? "",
    };
}
