using System.Reflection;
using Hotline.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Hotline.ServiceDefaults;

/// <summary>What every hotline web service does the same way: health, safe headers, pages from the assembly.</summary>
public static class WebDefaults
{
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
    public static IApplicationBuilder UseSafePageHeaders(this IApplicationBuilder app, string? connectSources = null) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Frame-Options"] = "DENY";
            headers["Cache-Control"] = "no-store";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Content-Security-Policy"] =
                $"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' {connectSources}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            await next();
        });

    /// <summary>Serves the pages embedded in the service's assembly (its wwwroot), so they go wherever the binary goes.</summary>
    public static IApplicationBuilder UseEmbeddedPages(this IApplicationBuilder app, Assembly assembly)
    {
        var files = new ManifestEmbeddedFileProvider(assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
