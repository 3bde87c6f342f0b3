namespace Hotline.Core.Dispatch;

/// <summary>Where a dispatch stands. Stored and shown by name (the dispatch hash's status field, the console's JSON): never rename one.</summary>
public enum DispatchStatus
{
    /// <summary>Triage proposed it; an operator has to confirm.</summary>
    Proposed,
    /// <summary>An operator confirmed; Triage sends it to the unit.</summary>
    Confirmed,
    /// <summary>Sent to a unit, waiting for its acknowledgement.</summary>
    Sent,
    Acknowledged,
    /// <summary>No unit acknowledged in time: the fallback (on-call supervisor) was alerted.</summary>
    Fallback,
    Cancelled,
    /// <summary>The unit said it is on its way (after acknowledging).</summary>
    EnRoute,
    /// <summary>The unit said it arrived.</summary>
    Arrived,
    /// <summary>The unit closed its part of the dispatch.</summary>
    Closed,
}
