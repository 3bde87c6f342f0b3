using Hotline.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Hotline.Core.Tests.Telemetry;

public sealed class HotlineTelemetryTests
{
    [Fact]
    public void Without_a_trace_exporter_a_service_builds_no_tracer_and_with_one_it_does()
    {
        Assert.Null(TracerOf(new Dictionary<string, string?>()));
        Assert.Null(TracerOf(new Dictionary<string, string?> { [TracingOptions.ExporterVariable] = "none" }));
        Assert.NotNull(TracerOf(new Dictionary<string, string?>
        {
            [TracingOptions.ExporterVariable] = "otlp",
            [TracingOptions.EndpointVariable] = "http://127.0.0.1:9",
        }));
    }

    private static TracerProvider? TracerOf(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddHotlineTelemetry(configuration, "test");
        using var provider = services.BuildServiceProvider();
        return provider.GetService<TracerProvider>();
    }
}
