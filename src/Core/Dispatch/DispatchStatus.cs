namespace Hotline.Core.Dispatch;

public enum DispatchStatus
{
    /// <summary>Triage proposed it; an operator has to confirm.</summary>
    Proposed = 0,
    /// <summary>An operator confirmed; Triage sends it to the unit.</summary>
    Confirmed = 1,
    /// <summary>Sent to a unit, waiting for its acknowledgement.</summary>
    Sent = 2,
    Acknowledged = 3,
    /// <summary>No unit acknowledged in time: the fallback (on-call supervisor) was alerted.</summary>
    Fallback = 4,
    Cancelled = 5,
    /// <summary>The unit said it is on its way (after acknowledging).</summary>
    EnRoute = 6,
    /// <summary>The unit said it arrived.</summary>
    Arrived = 7,
    /// <summary>The unit closed its part of the dispatch.</summary>
    Closed = 8,
}
