using Hotline.Core;

namespace Hotline.Triage.Routing;

/// <summary>
/// Routing settings (configuration section HOTLINE_ROUTING, e.g. HOTLINE_ROUTING__CRITICALDEADLINESECONDS=60).
/// Every case, whatever its severity, has a claim deadline D: not claimed by then, it escalates: at D every online
/// operator is alerted, at 2·D the supervisors, at 3·D the fallback (an SMS to the on-call supervisor).
/// </summary>
public sealed class RoutingOptions
{
    public const string Section = "HOTLINE_ROUTING";

    public int CriticalDeadlineSeconds { get; set; } = 60;
    public int HighDeadlineSeconds { get; set; } = 300;
    public int MediumDeadlineSeconds { get; set; } = 900;
    public int LowDeadlineSeconds { get; set; } = 3600;
    public int NoneDeadlineSeconds { get; set; } = 3600;

    /// <summary>
    /// A waiting case nobody holds, in whose conversation the person wrote nothing for this long, closes (reason
    /// "idle"); a later message opens a new case. At least the whole escalation ladder of the longest deadline.
    /// </summary>
    public int IdleCloseMinutes { get; set; } = 240;

    /// <summary>How long a mobile unit has to acknowledge a dispatch before the next unit (or the fallback) is alerted.</summary>
    public int UnitAcknowledgeSeconds { get; set; } = 300;

    /// <summary>How often the escalation clock looks at deadlines (on the TimeProvider's timers).</summary>
    public int TickMilliseconds { get; set; } = 250;

    /// <summary>
    /// How long a worker holds a due deadline, dispatch or idle case it took (<see cref="DueLeases"/>) before another may
    /// take it: a worker that dies while handling one delays it by at most this long. Longer than handling one ever takes,
    /// or a slow worker and the next one both alert.
    /// </summary>
    public int LeaseSeconds { get; set; } = 15;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>How often a dashboard sample (queue length) is taken.</summary>
    public int MetricsSampleSeconds { get; set; } = 15;

    /// <summary>
    /// How long the operator offered a waiting case has to claim it before it is offered to the next-best one, as a
    /// percentage of the severity's deadline (33: a third). The escalation deadline itself does not move.
    /// </summary>
    public int OfferWindowPercent { get; set; } = 33;

    /// <summary>A waiting person already told their place is told again only this long after the last time, at the soonest.</summary>
    public int PlaceUpdateMinSeconds { get; set; } = 180;

    /// <summary>…and only when their place improved by at least this many (reaching first place always counts).</summary>
    public int PlaceUpdateMinImprovement { get; set; } = 2;

    /// <summary>The notifier's name for the on-call supervisor (resolved to a number by the sender, never stored here).</summary>
    public string FallbackRecipient { get; set; } = "oncall-supervisor";

    public TimeSpan Deadline(Severity severity) => TimeSpan.FromSeconds(severity switch
    {
        Severity.Critical => CriticalDeadlineSeconds,
        Severity.High => HighDeadlineSeconds,
        Severity.Medium => MediumDeadlineSeconds,
        Severity.Low => LowDeadlineSeconds,
        _ => NoneDeadlineSeconds,
    });

    /// <summary>Deadlines shrink as severity rises: a more urgent case never waits longer than a less urgent one.</summary>
    public bool DeadlinesOrdered =>
        CriticalDeadlineSeconds <= HighDeadlineSeconds && HighDeadlineSeconds <= MediumDeadlineSeconds &&
        MediumDeadlineSeconds <= LowDeadlineSeconds && LowDeadlineSeconds <= NoneDeadlineSeconds;

    /// <summary>An idle case closes only after its escalation ladder has run to the fallback.</summary>
    public bool IdleAfterLadder =>
        (long)IdleCloseMinutes * 60 >= (long)LastStage * Math.Max(Math.Max(MediumDeadlineSeconds, LowDeadlineSeconds), NoneDeadlineSeconds);

    public TimeSpan IdleClose => TimeSpan.FromMinutes(IdleCloseMinutes);

    /// <summary>When escalation step <paramref name="stage"/> (1 = all operators, 2 = supervisors, 3 = fallback) is due.</summary>
    public DateTimeOffset StageDue(Severity severity, DateTimeOffset openedAt, int stage) => openedAt + Deadline(severity) * stage;

    public const int LastStage = 3;

    public TimeSpan OfferWindow(Severity severity) => Deadline(severity) * OfferWindowPercent / 100;
}
