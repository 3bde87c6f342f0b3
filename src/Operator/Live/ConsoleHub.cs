using Hotline.Core.Live;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using Hotline.Core.Team;
using Hotline.Operator.Accounts;
using Hotline.Operator.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

using Role = Hotline.Operator.Accounts.Role;

namespace Hotline.Operator.Live;

/// <summary>
/// The console's live channel: the server pushes case changes, offers, alerts, surge and dispatch news; no text ever goes
/// through it. Connections join a group per role; an operator's first connection puts them online, their last one
/// leaving puts them offline (an operator who chose "away" stays away).
/// </summary>
[Authorize]
public sealed class ConsoleHub(PresenceStore presence, HotlineRedis redis) : Hub
{
    public const string Path = "/hubs/console";
    public const string Staff = "staff";
    public const string Supervisors = "supervisors";
    public const string Units = "units";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var name = user.Identity!.Name!;
        if (user.IsInRole(nameof(Role.Operator)) || user.IsInRole(nameof(Role.Supervisor)))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Staff);
            if (user.IsInRole(nameof(Role.Supervisor))) await Groups.AddToGroupAsync(Context.ConnectionId, Supervisors);
            await redis.Db.HashIncrementAsync(RedisKeys.PresenceConnections, name);
            // Opening the console means being here, unless the operator chose "away" (a break).
            if ((await presence.GetAsync(name))?.Status != PresenceStatus.Away) await presence.SetAsync(name, PresenceStatus.Online);
            // The page may have asked for its presence before this set it: tell it to ask again.
            await Clients.Caller.SendAsync("presenceChanged");
        }
        if (user.IsInRole(nameof(Role.MobileUnit))) await Groups.AddToGroupAsync(Context.ConnectionId, Units);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var user = Context.User!;
        if (user.IsInRole(nameof(Role.Operator)) || user.IsInRole(nameof(Role.Supervisor)))
        {
            var name = user.Identity!.Name!;
            if (await redis.Db.HashDecrementAsync(RedisKeys.PresenceConnections, name) <= 0)
            {
                await redis.Db.HashDeleteAsync(RedisKeys.PresenceConnections, name);
                await presence.SetAsync(name, PresenceStatus.Offline);
            }
        }
        await base.OnDisconnectedAsync(exception);
    }
}

/// <summary>Tells consoles what changed. Case lists go to staff only; a unit hears only of its own dispatches.</summary>
public sealed class ConsoleNotifier(IHubContext<ConsoleHub> hub, CaseStore cases)
{
    public async Task CaseChangedAsync(string caseId)
    {
        if (await cases.GetAsync(caseId) is { } record)
        {
            await hub.Clients.Group(ConsoleHub.Staff).SendAsync("caseChanged", CaseView.From(record));
        }
    }

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

/// <summary>
/// Relays the Triage worker's notifications to the consoles. A consumer group: exactly one Operator instance relays
/// each, and the SignalR Redis backplane carries it to every instance's browsers.
/// </summary>
public sealed class NotificationRelay(HotlineRedis redis, ConsoleNotifier notifier, ILogger<NotificationRelay> logger, TimeProvider time)
    : StreamGroupWorker(redis, logger, time)
{
    protected override string Stream => RedisKeys.Notifications;
    protected override string Group => "operator";
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    protected override Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken) => ConsoleSignal.FromFields(entry.Values) switch
    {
        ConsoleSignal.Offer { From.Length: > 0 } o =>
            Task.WhenAll(notifier.OfferWithdrawnAsync(o.CaseId, o.From), notifier.OfferedAsync(o.CaseId, o.To), notifier.CaseChangedAsync(o.CaseId)),
        ConsoleSignal.Offer o => Both(notifier.OfferedAsync(o.CaseId, o.To), notifier.CaseChangedAsync(o.CaseId)),
        ConsoleSignal.Alert a => Both(notifier.AlertAsync(a.CaseId, a.Stage, a.Audience), notifier.CaseChangedAsync(a.CaseId)),
        ConsoleSignal.Surge s => notifier.SurgeAsync(s.Active, s.Waiting, s.Free),
        ConsoleSignal.Dispatch d => notifier.DispatchAsync(d.CaseId, d.Unit),
        ConsoleSignal.CaseChanged c => notifier.CaseChangedAsync(c.CaseId),
        _ => Task.CompletedTask,
    };

    private static Task Both(Task a, Task b) => Task.WhenAll(a, b);
}

/// <summary>A person typing (the Bot's pub/sub, conversation id only) is shown to the operator holding their case.</summary>
public sealed class PersonTypingRelay(HotlineRedis redis, ConversationStore conversations, ConsoleNotifier notifier, ILogger<PersonTypingRelay> logger) : IHostedService
{
    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.PersonTyping));
        queue.OnMessage(async message =>
        {
            try
            {
                if (await conversations.GetAsync(message.Message.ToString()) is { CaseId: { } caseId, Operator: { } holder }) await notifier.PersonTypingAsync(caseId, holder);
            }
            catch (RedisException e)
            {
                logger.LogDebug(e, "A typing signal was lost");
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (queue is not null) await queue.UnsubscribeAsync();
    }
}
