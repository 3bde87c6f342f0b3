using Hotline.Core.Cases;
using Hotline.Core.Storage;
using Hotline.Operator.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Hotline.Operator.Live;

/// <summary>The console's live channel: the server pushes case changes; no text ever goes through it.</summary>
[Authorize]
public sealed class ConsoleHub : Hub
{
    public const string Path = "/hubs/console";
}

/// <summary>Tells every console that a case changed (opened, raised, claimed, released).</summary>
public sealed class ConsoleNotifier(IHubContext<ConsoleHub> hub, CaseStore cases)
{
    public async Task CaseChangedAsync(string caseId)
    {
        if (await cases.GetAsync(caseId) is { } record)
        {
            await hub.Clients.All.SendAsync("caseChanged", CaseView.From(record));
        }
    }
}

/// <summary>
/// Relays the Triage worker's notifications to the consoles. A consumer group: exactly one Operator instance
/// relays each, and the SignalR Redis backplane carries it to every instance's browsers.
/// </summary>
public sealed class NotificationRelay(HotlineRedis redis, ConsoleNotifier notifier, ILogger<NotificationRelay> logger, TimeProvider time)
    : StreamGroupWorker(redis, logger, time)
{
    protected override string Stream => RedisKeys.Notifications;
    protected override string Group => "operator";
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    protected override Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        var caseId = entry.Values.FirstOrDefault(v => v.Name == "caseId").Value;
        return caseId.IsNullOrEmpty ? Task.CompletedTask : notifier.CaseChangedAsync(caseId.ToString());
    }
}
