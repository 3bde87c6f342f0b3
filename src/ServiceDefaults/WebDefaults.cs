using System.Reflection;
using Hotline.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Hotline.ServiceDefaults;

/// <summary>What every hotline web service does the same way: health, safe headers, pages from the assembly.</summary>
public static class WebDefaults
{
    /// <summary>
    /// Forwarded headers believed only from HOTLINE_KNOWN_PROXIES, and the HOTLINE_ALLOWED_HOSTS list (<see cref="ProxyOptions"/>),
    /// checked at start. Behind a TLS proxy the request then has the client's address (what the abuse limits hash, never
    /// keep), https (secure cookies, wss:// stream URLs) and the public host.
    /// </summary>
    public static WebApplicationBuilder AddProxySettings(this WebApplicationBuilder builder)
    {
        var proxy = ProxyOptions.From(builder.Configuration);
        builder.Services.AddOptions<ProxyOptions>()
            .Configure(o => (o.KnownProxies, o.AllowedHosts, o.Problem) = (proxy.KnownProxies, proxy.AllowedHosts, proxy.Problem))
            .Validate(o => o.Problem is null, proxy.Problem ?? "")
            .ValidateOnStart();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Not ASP.NET Core's default (loopback trusted): only the proxies named; none when none are.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in proxy.KnownProxies) o.KnownIPNetworks.Add(network);
            // The proxy's own entry, the last one: what a client wrote before it is not believed.
            o.ForwardLimit = 1;
            if (proxy.AllowedHosts.Count > 0) o.AllowedHosts = [.. proxy.AllowedHosts];
        });
        if (proxy.AllowedHosts.Count > 0) builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [.. proxy.AllowedHosts]);
        return builder;
    }

    /// <summary>Applies the forwarded headers of a known proxy (first in the pipeline, so everything after sees the client as it is).</summary>
    public static IApplicationBuilder UseProxySettings(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>
    /// Requests that Redis refused (full) or could not serve are answered 503 with Retry-After (<see cref="RedisRefusalHandler"/>);
    /// those that needed a team key record older than one accepted before, with <paramref name="teamKeyRefused"/>
    /// (<see cref="TeamKeyRefusalHandler"/>): 503 where a sender should try again, 409 where a console shows why.
    /// </summary>
    public static IServiceCollection AddRedisRefusalAnswers(this IServiceCollection services, int teamKeyRefused = StatusCodes.Status503ServiceUnavailable) =>
        services.AddExceptionHandler<RedisRefusalHandler>()
            .AddSingleton(new TeamKeyRefusalHandler.Answer(teamKeyRefused))
            .AddExceptionHandler<TeamKeyRefusalHandler>();

    /// <summary>GET /healthz: 200 once the service can reach Redis, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (HotlineRedis redis) =>
        {
            try
            {
                await redis.Db.PingAsync();
                return Results.Text("ok");
            }
            catch (Exception e) when (Hotline.Core.Storage.RedisFailures.IsUnavailable(e))
            {
                return Results.Problem("Redis is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }

    /// <summary>
    /// Headers for pages a watched person may open: nothing cached, no referrer, no framing, only our own assets
    /// ('wasm-unsafe-eval' lets libsodium's WebAssembly start; no other script source is allowed).
    /// </summary>
    public static IApplicationBuilder UseSafePageHeaders(this IApplicationBuilder app, string? connectSources = null)
    {
        // Made once, not on every request.
        var policy = new StringValues(
            $"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' {connectSources}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = NoSniff;
            headers["Referrer-Policy"] = NoReferrer;
            headers.XFrameOptions = Deny;
            headers.CacheControl = NoStore;
            headers["Permissions-Policy"] = NoDevices;
            headers.ContentSecurityPolicy = policy;
            return next(context);
        });
    }

    private static readonly StringValues NoSniff = new("nosniff");
    private static readonly StringValues NoReferrer = new("no-referrer");
    private static readonly StringValues Deny = new("DENY");
    private static readonly StringValues NoStore = new("no-store");
    private static readonly StringValues NoDevices = new("camera=(), microphone=(), geolocation=()");

    /// <summary>Serves the pages embedded in the service's assembly (its wwwroot), so they go wherever the binary goes.</summary>
    public static IApplicationBuilder UseEmbeddedPages(this IApplicationBuilder app, Assembly assembly)
    {
        var files = new ManifestEmbeddedFileProvider(assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
