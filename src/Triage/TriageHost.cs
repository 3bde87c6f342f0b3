using Hotline.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;

namespace Hotline.Triage;

/// <summary>Builds the worker host; Program runs it, tests start it in-process.</summary>
public static class TriageHost
{
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.AddHotlineLogging();
        configure?.Invoke(builder);
        builder.Services.AddTriageWorker(builder.Configuration);
        return builder.Build();
    }
}
