using Hotline.Core.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Hotline.ServiceDefaults;

/// <summary>How each hotline web service (Bot, Operator) is built and what it does first with every request.</summary>
public static class HotlineWebApp
{
    /// <summary>
    /// A builder rooted at the service's own folder (tests start it from theirs) with the hotline's logging.
    /// <paramref name="configure"/> (tests: ports, settings) runs before the service adds its parts, so they read what it sets.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddHotlineLogging();
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>
    /// A known proxy's forwarded headers applied first (<see cref="WebDefaults.UseProxySettings"/>), errors and bare status
    /// codes answered as ProblemDetails, and every page served with the safe headers.
    /// </summary>
    public static WebApplication UseHotlineDefaults(this WebApplication app)
    {
        app.UseProxySettings();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSafePageHeaders();
        return app;
    }
}
