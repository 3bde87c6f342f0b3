namespace Hotline.Core.Events;

/// <summary>Event types the Operator service puts on hl:events for the Triage worker (besides "message").</summary>
public static class CaseEvents
{
    /// <summary>An operator changed the case record (e.g. set the area): Triage looks again at a dispatch.</summary>
    public const string Updated = "case-updated";

    /// <summary>An operator confirmed the proposed dispatch: Triage sends it to the unit.</summary>
    public const string DispatchConfirmed = "dispatch-confirmed";

    /// <summary>The operator offered a waiting case declined it (field "by"): Triage offers it to the next-best operator.</summary>
    public const string Declined = "case-declined";
}
