using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Live;

/// <summary>What the Triage worker tells the consoles, through the hl:notify stream. Ids, names and counts only.</summary>
public sealed class ConsoleSignals(HotlineRedis redis)
{
    public Task CaseChangedAsync(string caseId) => Send(new("type", "case"), new("caseId", caseId));

    /// <summary>The case is offered to <paramref name="to"/>; <paramref name="from"/>, if any, held the offer before.</summary>
    public Task OfferAsync(string caseId, string to, string from = "") => Send(new("type", "offer"), new("caseId", caseId), new("to", to), new("from", from));

    /// <summary>An escalation step: audience "operators" (every online operator), "supervisors", or "fallback".</summary>
    public Task AlertAsync(string caseId, int stage, string audience) =>
        Send(new("type", "alert"), new("caseId", caseId), new("stage", stage), new("audience", audience));

    public Task SurgeAsync(bool active, int urgentWaiting, int freeOperators) =>
        Send(new("type", "surge"), new("active", active ? 1 : 0), new("waiting", urgentWaiting), new("free", freeOperators));

    public Task DispatchAsync(string caseId, string? unit) => Send(new("type", "dispatch"), new("caseId", caseId), new("unit", unit ?? ""));

    private async Task Send(params NameValueEntry[] fields)
    {
        await redis.PublishAsync(RedisKeys.Notifications, fields).ConfigureAwait(false);
    }
}
