using Hotline.Core.Events;
using Hotline.Core.Dispatch;
using Hotline.Core.Telemetry;
using Hotline.Operator.Cases;
using Hotline.Operator.Live;
using StackExchange.Redis;

namespace Hotline.Operator.Dispatch;

public static class DispatchApi
{
    public static IEndpointRouteBuilder MapDispatchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{id}/dispatch/confirm", Confirm).RequireAuthorization(Policies.Staff).Audited();
        var unit = app.MapGroup("/api/unit").RequireAuthorization(Policies.Unit).Audited();
        unit.MapGet("/me", Me);
        unit.MapGet("/keys", MyKeys);
        unit.MapPost("/availability", SetAvailability);
        unit.MapGet("/dispatches", MyDispatches);
        unit.MapPost("/dispatches/{code}/ack", Acknowledge);
        unit.MapPost("/dispatches/{code}/status", SetProgress);
        return app;
    }

    /// <summary>
    /// An operator confirms Triage's proposal with the area their console opened from the case's sealed facts (the unit
    /// needs it; until now no service held it in clear). It is stored only sealed: to every unit covering it (the unit page
    /// opens it) and to the Bot (which puts it in the SMS or WhatsApp notice). Triage sends it to the unit and starts its
    /// acknowledgement deadline.
    /// </summary>
    public static async Task<Results<Ok<DispatchRecord>, ProblemHttpResult>> Confirm(string id, ConfirmRequest? request, ClaimsPrincipal user, CaseStore cases,
        DispatchStore dispatches, MobileUnits units, OperatorAccounts accounts, TeamKeyDirectory keys, CaseTimeline timeline, HotlineRedis redis,
        CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(id) is not { } record) return CasesApi.NotFound();
        if (!CasesApi.HolderOrSupervisor(record, user)) return CasesApi.NotHolder();
        if (await dispatches.GetAsync(id) is not { } proposal) return TypedResults.Problem("This case has no proposed dispatch.", statusCode: StatusCodes.Status404NotFound, title: "No dispatch");
        if (Hotline.Core.Places.Municipalities.Canonical(request?.Municipality) is not { } municipality
            || await units.GetAsync(proposal.Unit) is not { } unit || !unit.Municipalities.Contains(municipality, StringComparer.Ordinal))
        {
            return TypedResults.Problem($"Give the case's municipality, one that {proposal.Unit} covers.", statusCode: StatusCodes.Status400BadRequest, title: "Bad municipality");
        }
        // Sealed before anything changes: a Bot key that does not verify leaves the proposal as it was.
        var seals = await DispatchAreaSeals.MakeAsync(proposal.Code, municipality, units, accounts, keys, cancellationToken);
        var me = user.Identity!.Name!;
        if (!await dispatches.TransitionAsync(id, DispatchStatus.Proposed, DispatchStatus.Confirmed, "confirmedAt", "confirmedBy", me))
        {
            return TypedResults.Problem($"The dispatch is already {proposal.Status.ToString().ToLowerInvariant()}.", statusCode: StatusCodes.Status409Conflict, title: "Not proposed");
        }
        await seals.WriteAsync(dispatches, id);
        await timeline.AppendAsync(id, TimelineKind.DispatchConfirmed, me, proposal.Code);
        await redis.PublishAsync(RedisKeys.Events, new CaseEvent.DispatchConfirmed(id).ToFields());
        return TypedResults.Ok((await dispatches.GetAsync(id))!);
    }

    public static async Task<Results<Ok<UnitView>, NotFound>> Me(ClaimsPrincipal user, MobileUnits units) =>
        await units.GetAsync(user.Identity!.Name!) is { } u ? TypedResults.Ok(new UnitView(u.Name, u.Municipalities, u.Available)) : TypedResults.NotFound();

    public static async Task<Results<Ok<UnitKeys>, NotFound>> MyKeys(ClaimsPrincipal user, OperatorAccounts accounts) =>
        await accounts.FindAsync(user.Identity!.Name!) is { } account
            ? TypedResults.Ok(new UnitKeys(Convert.ToBase64String(account.PublicKey), WrappedKeyDto.From(account.WrappedPrivateKey)))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<UnitView>, NotFound>> SetAvailability(AvailabilityRequest request, ClaimsPrincipal user, MobileUnits units)
    {
        var name = user.Identity!.Name!;
        if (await units.GetAsync(name) is null) return TypedResults.NotFound();
        await units.SetAvailableAsync(name, request.Available);
        return await Me(user, units);
    }

    public static async Task<Ok<IReadOnlyList<UnitDispatchView>>> MyDispatches(ClaimsPrincipal user, DispatchStore dispatches, HotlineRedis redis)
    {
        var name = user.Identity!.Name!;
        var ids = await redis.Db.SortedSetRangeByRankAsync(RedisKeys.UnitDispatches(name), 0, 49, Order.Descending);
        var list = new List<UnitDispatchView>();
        foreach (var id in ids)
        {
            if (await dispatches.GetAsync(id.ToString()) is { } d && d.Unit == name && d.Status is not (DispatchStatus.Proposed or DispatchStatus.Confirmed))
            {
                list.Add(UnitDispatchView.From(d, name, Wire(d.Status)));
            }
        }
        return TypedResults.Ok<IReadOnlyList<UnitDispatchView>>(list);
    }

    public static async Task<Results<Ok<UnitDispatchView>, ProblemHttpResult>> Acknowledge(string code, ClaimsPrincipal user, DispatchStore dispatches,
        CaseTimeline timeline, ConsoleNotifier notifier, HotlineRedis redis, TimeProvider time, HotlineMetrics metrics)
    {
        var name = user.Identity!.Name!;
        if (await dispatches.CaseForCodeAsync(code) is not { } caseId || await dispatches.GetAsync(caseId) is not { } d || d.Unit != name)
        {
            return TypedResults.Problem("No dispatch with this code is yours.", statusCode: StatusCodes.Status404NotFound, title: "Unknown dispatch");
        }
        if (!await dispatches.TransitionAsync(caseId, DispatchStatus.Sent, DispatchStatus.Acknowledged, "ackAt"))
        {
            return TypedResults.Problem($"The dispatch is {d.Status.ToString().ToLowerInvariant()}.", statusCode: StatusCodes.Status409Conflict, title: "Not waiting");
        }
        await redis.Db.SortedSetRemoveAsync(RedisKeys.DispatchDeadlines, caseId);
        var now = time.GetUtcNow();
        metrics.DispatchAcknowledged(now - (d.ConfirmedAt ?? d.SentAt ?? now));
        await timeline.AppendAsync(caseId, TimelineKind.DispatchAcknowledged, name, d.Code);
        await notifier.DispatchAsync(caseId, null);
        d = (await dispatches.GetAsync(caseId))!;
        return TypedResults.Ok(UnitDispatchView.From(d, name, d.Status.ToString().ToLowerInvariant()));
    }

    /// <summary>What a unit may report after acknowledging, and from which statuses each step may come.</summary>
    private static readonly Dictionary<string, (DispatchStatus To, DispatchStatus[] From, string Field, TimelineKind Kind)> Progress = new(StringComparer.Ordinal)
    {
        ["en-route"] = (DispatchStatus.EnRoute, [DispatchStatus.Acknowledged], "enRouteAt", TimelineKind.DispatchEnRoute),
        ["arrived"] = (DispatchStatus.Arrived, [DispatchStatus.EnRoute, DispatchStatus.Acknowledged], "arrivedAt", TimelineKind.DispatchArrived),
        ["closed"] = (DispatchStatus.Closed, [DispatchStatus.Arrived, DispatchStatus.EnRoute, DispatchStatus.Acknowledged], "closedAt", TimelineKind.DispatchClosed),
    };

    /// <summary>The unit is on its way, has arrived, or closed its part; each step goes on the case's timeline.</summary>
    public static async Task<Results<Ok<UnitDispatchView>, ProblemHttpResult>> SetProgress(string code, ProgressRequest? request, ClaimsPrincipal user,
        DispatchStore dispatches, CaseTimeline timeline, ConsoleNotifier notifier)
    {
        if (request?.Status is not { } status || !Progress.TryGetValue(status, out var step))
        {
            return TypedResults.Problem("status must be en-route, arrived or closed.", statusCode: StatusCodes.Status400BadRequest, title: "Bad status");
        }
        var name = user.Identity!.Name!;
        if (await dispatches.CaseForCodeAsync(code) is not { } caseId || await dispatches.GetAsync(caseId) is not { } d || d.Unit != name)
        {
            return TypedResults.Problem("No dispatch with this code is yours.", statusCode: StatusCodes.Status404NotFound, title: "Unknown dispatch");
        }
        var moved = false;
        foreach (var from in step.From)
        {
            if (moved = await dispatches.TransitionAsync(caseId, from, step.To, step.Field)) break;
        }
        if (!moved)
        {
            return TypedResults.Problem($"The dispatch is {d.Status.ToString().ToLowerInvariant()}.", statusCode: StatusCodes.Status409Conflict, title: "Not possible now");
        }
        await timeline.AppendAsync(caseId, step.Kind, name, d.Code);
        await notifier.DispatchAsync(caseId, null);
        d = (await dispatches.GetAsync(caseId))!;
        return TypedResults.Ok(UnitDispatchView.From(d, name, Wire(d.Status)));
    }

    /// <summary>A status as the unit page reads it: "en-route", not "enroute".</summary>
    private static string Wire(DispatchStatus status) => status == DispatchStatus.EnRoute ? "en-route" : status.ToString().ToLowerInvariant();
}
