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
public sealed class ConsoleHub(PresenceStore presence, HotlineRedis redis, ConsoleNotifier notifier) : Hub
{
    public const string Path = "/hubs/console";
    public const string Staff = "staff";
    public const string Supervisors = "supervisors";
    public const string Units = "units";

    /// <summary>The SignalR backplane's channels all start with this (the Operator's ACL allows no other).</summary>
    public const string BackplanePrefix = "hl:signalr";

    /// <summary>
    /// Staff pages that said, by <c>?rows=several</c> on the hub's address, that they take several cases' rows in one
    /// message ("casesChanged"); <see cref="OneRowStaff"/> holds the staff connections that did not (a page loaded before
    /// that message existed and reconnected to a newer server), which get each row as "caseChanged".
    /// </summary>
    public const string SeveralRowsStaff = "staff-rows";
    public const string OneRowStaff = "staff-row";
    public const string RowsQuery = "rows";
    public const string SeveralRows = "several";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var name = user.Identity!.Name!;
        if (user.IsInRole(nameof(Role.Operator)) || user.IsInRole(nameof(Role.Supervisor)))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Staff);
            var severalRows = Context.GetHttpContext()?.Request.Query[RowsQuery].ToString() == SeveralRows;
            await Groups.AddToGroupAsync(Context.ConnectionId, severalRows ? SeveralRowsStaff : OneRowStaff);
            if (!severalRows) notifier.OneRowPageJoined();
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
