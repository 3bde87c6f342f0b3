using Hotline.Core.Team;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

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
