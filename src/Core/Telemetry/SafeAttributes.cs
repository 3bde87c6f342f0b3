using System.Diagnostics;

namespace Hotline.Core.Telemetry;

/// <summary>
/// The only span attributes the hotline lets out: a channel, a severity, an event or signal type, an HTTP method, route
/// template and status, a Redis command name. Everything else an instrumentation records (the request path with a
/// conversation id, the user agent, Redis keys and server address, an error's message) is removed before any exporter
/// sees the span: an allow-list, so a new instrumentation cannot leak by adding a tag.
/// </summary>
public static class SafeAttributes
{
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "hotline.channel", "hotline.severity", "hotline.event", "hotline.signal",
        "http.request.method", "http.route", "http.response.status_code", "error.type",
        "db.system", "db.system.name", "db.operation.name",
    };

    /// <summary>Removes every tag not allowed and any status description (an exception message may quote a key).</summary>
    public static void Keep(Activity activity)
    {
        // Most spans (the hotline's own, Redis commands) hold allowed tags only: nothing is collected for them.
        List<string>? removed = null;
        foreach (var tag in activity.TagObjects)
        {
            if (!Allowed.Contains(tag.Key)) (removed ??= []).Add(tag.Key);
        }
        if (removed is not null) foreach (var name in removed) activity.SetTag(name, null);
        if (activity.StatusDescription is not null) activity.SetStatus(activity.Status);
    }
}
