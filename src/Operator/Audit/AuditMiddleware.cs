using System.Globalization;

namespace Hotline.Operator.Audit;

/// <summary>
/// Audits the API calls a signed-in account makes: who, the route, the case, and the status the response really had
/// (after the handler ran, 500 if it threw). On audited endpoints that is every change and every read of one case's
/// content, not the queue's polling; anywhere, every call refused with 403. Never a body.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog audit)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var failed = false;
        try
        {
            await next(http);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            await RecordAsync(http, failed ? StatusCodes.Status500InternalServerError : http.Response.StatusCode);
        }
    }

    private async Task RecordAsync(HttpContext http, int status)
    {
        var actor = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
        if (actor is null) return;
        var endpoint = http.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var audited = endpoint?.Metadata.GetMetadata<AuditedEndpoint>() is not null && (!HttpMethods.IsGet(http.Request.Method) || route.Contains('{'));
        if (!audited && status != StatusCodes.Status403Forbidden) return;
        var caseId = http.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() : null;
        await audit.AppendAsync(actor, $"{http.Request.Method} {route}", caseId, string.Create(CultureInfo.InvariantCulture, $"status {status}"));
    }
}
