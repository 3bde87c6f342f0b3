using Hotline.Core.Storage;
using Hotline.Operator.Cases;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Hotline.Operator.Live;

/// <summary>Tells consoles what changed. Case lists go to staff only; a unit hears only of its own dispatches.</summary>
public sealed class ConsoleNotifier(IHubContext<ConsoleHub> hub, CaseStore cases, HotlineRedis redis, TimeProvider? time = null)
{
    private readonly TimeProvider time = time ?? TimeProvider.System;

    /// <summary>
    /// How long whether any staff page takes one row a message (<see cref="OneRowPagesAsync"/>) is known without asking
    /// Redis again: a page of that kind joining this instance is known at once (<see cref="OneRowPageJoined"/>); one joining
    /// another instance may miss rows for up to this long after it connected (its next change of each case reaches it).
    /// </summary>
    public static readonly TimeSpan OneRowPagesKept = TimeSpan.FromSeconds(1);

    private sealed record OneRowPagesSeen(bool Any, DateTimeOffset At);

    private OneRowPagesSeen? oneRowPages;

    /// <summary>The backplane's channel of the staff connections that take one row a message (SignalR's naming).</summary>
    private static readonly RedisChannel OneRowChannel =
        RedisChannel.Literal($"{ConsoleHub.BackplanePrefix}{typeof(ConsoleHub).FullName}:group:{ConsoleHub.OneRowStaff}");

    public async Task CaseChangedAsync(string caseId)
    {
        if (await cases.GetAsync(caseId) is { } record)
        {
            await hub.Clients.Group(ConsoleHub.Staff).SendAsync("caseChanged", CaseView.From(record));
        }
    }

    /// <summary>
    /// The rows of several cases in one send (one backplane message): "caseChanged" with the row when one case is left,
    /// "casesChanged" with the rows otherwise, to the pages that said they take it; each is read now, so a console never
    /// gets a row older than the change. Staff pages that did not say so (opened before a deploy, reconnected to this
    /// server) get each row as "caseChanged", but only while any Operator instance holds one (a subscriber on their
    /// group's backplane channel): so a page of either kind gets every row, and no page left behind costs a PUBLISH a row.
    /// </summary>
    public async Task CasesChangedAsync(IReadOnlyList<string> caseIds)
    {
        var records = await Task.WhenAll(caseIds.Select(cases.GetAsync));
        CaseView[] views = [.. records.OfType<CaseRecord>().Select(CaseView.From)];
        if (views.Length == 1)
        {
            await hub.Clients.Group(ConsoleHub.Staff).SendAsync("caseChanged", views[0]);
            return;
        }
        if (views.Length == 0) return;
        var oneRowPages = OneRowPagesAsync();
        await Task.WhenAll(hub.Clients.Group(ConsoleHub.SeveralRowsStaff).SendAsync("casesChanged", views), oneRowPages);
        if (!oneRowPages.Result) return;
        foreach (var view in views) await hub.Clients.Group(ConsoleHub.OneRowStaff).SendAsync("caseChanged", view);
    }

    /// <summary>
    /// Whether any Operator instance holds a staff page that takes one row a message (PUBSUB NUMSUB on each primary), asked
    /// at most once in <see cref="OneRowPagesKept"/>.
    /// </summary>
    private async Task<bool> OneRowPagesAsync()
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref oneRowPages) is { } seen && now - seen.At < OneRowPagesKept) return seen.Any;
        var counts = await Task.WhenAll(redis.Primaries.Select(server => server.SubscriptionSubscriberCountAsync(OneRowChannel)));
        var any = counts.Any(count => count > 0);
        // A page that joined this instance while Redis was asked is not undone by the answer asked before it.
        if (Volatile.Read(ref oneRowPages) is not { Any: true } joined || joined.At < now) Volatile.Write(ref oneRowPages, new OneRowPagesSeen(any, now));
        return any;
    }

    /// <summary>A staff page that takes one row a message joined this instance: its rows go out from now on.</summary>
    public void OneRowPageJoined() => Volatile.Write(ref oneRowPages, new OneRowPagesSeen(true, time.GetUtcNow()));

    public Task OfferedAsync(string caseId, string to) => hub.Clients.User(to).SendAsync("offered", new { caseId });

    /// <summary>The offer moved on to a colleague: the console drops its offer alert.</summary>
    public Task OfferWithdrawnAsync(string caseId, string from) => hub.Clients.User(from).SendAsync("offerWithdrawn", new { caseId });

    public Task HandedToAsync(string caseId, string to, string by) => hub.Clients.User(to).SendAsync("handedTo", new { caseId, by });

    public async Task AlertAsync(string caseId, int stage, string audience)
    {
        var message = new { caseId, stage, audience };
        if (audience == "operators") await hub.Clients.Group(ConsoleHub.Staff).SendAsync("alert", message);
        else await hub.Clients.Group(ConsoleHub.Supervisors).SendAsync("alert", message);
    }

    /// <summary>The audit log no longer holds what was vouched for: supervisors hear where (an entry id or a head's count).</summary>
    public Task AuditBrokenAsync(string brokenAt) => hub.Clients.Group(ConsoleHub.Supervisors).SendAsync("auditBroken", new { brokenAt });

    public Task SurgeAsync(bool active, int waiting, int free) => hub.Clients.Group(ConsoleHub.Staff).SendAsync("surge", new { active, waiting, free });

    public async Task DispatchAsync(string caseId, string? unit)
    {
        await hub.Clients.Group(ConsoleHub.Staff).SendAsync("dispatch", new { caseId });
        if (!string.IsNullOrEmpty(unit)) await hub.Clients.User(unit).SendAsync("dispatch", new { });
    }

    public Task PersonTypingAsync(string caseId, string holder) => hub.Clients.User(holder).SendAsync("personTyping", new { caseId });

    /// <summary>
    /// An operator reply's delivery state moved: every staff console hears it by conversation id (the holder, a colleague
    /// or a supervisor reading along may have it open), with the reply's sequence; no text.
    /// </summary>
    public Task ReplyStateAsync(string conversationId, long seq, string state) =>
        hub.Clients.Group(ConsoleHub.Staff).SendAsync("replyState", new { conversationId, seq, state });
}
