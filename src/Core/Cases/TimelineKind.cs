namespace Hotline.Core.Cases;

/// <summary>
/// The kinds of step on a case's timeline (<see cref="TimelineEntry.Kind"/>): written by every service, read by the
/// console, which shows each with a readable label. Stable wire names: never rename one.
/// </summary>
public static class TimelineKind
{
    public const string ApprovalGranted = "approval-granted";
    public const string ApprovalRequested = "approval-requested";
    public const string Area = "area";
    public const string Claimed = "claimed";

    /// <summary>Closed without being worked: detail is the reason (test, prank, no-contact, or idle with why).</summary>
    public const string Closed = "closed";
    public const string ContactCleared = "contact-cleared";
    /// <summary>The conversation was deleted after the case had closed: its identifying facts are gone (no text).</summary>
    public const string Deleted = "deleted";
    public const string ContactRefused = "contact-refused";
    public const string ContactUnavailable = "contact-unavailable";
    public const string Declined = "declined";
    public const string DispatchAcknowledged = "dispatch-acknowledged";
    /// <summary>The unit's own steps after acknowledging ("dispatch-" + the status it reported).</summary>
    public const string DispatchEnRoute = "dispatch-en-route";
    public const string DispatchArrived = "dispatch-arrived";
    public const string DispatchClosed = "dispatch-closed";
    public const string DispatchConfirmed = "dispatch-confirmed";
    public const string DispatchFallback = "dispatch-fallback";
    public const string DispatchProposed = "dispatch-proposed";
    public const string DispatchReassigned = "dispatch-reassigned";
    public const string DispatchSent = "dispatch-sent";
    public const string DispatchUnavailable = "dispatch-unavailable";
    public const string Duress = "duress";
    public const string Escalated = "escalated";
    public const string FollowUp = "follow-up";
    /// <summary>A private note was added (its words are sealed in the case's notes, never here).</summary>
    public const string Note = "note";
    public const string NoticeSent = "notice-sent";
    public const string NoticeUndeliverable = "notice-undeliverable";
    public const string OfferLapsed = "offer lapsed";
    public const string OfferWithdrawn = "offer withdrawn";
    public const string Offered = "offered";
    public const string Opened = "opened";
    public const string Outcome = "outcome";
    public const string Place = "place";
    public const string Raised = "raised";
    public const string Reassigned = "reassigned";
    public const string Referral = "referral";
    public const string Released = "released";

    /// <summary>The person asked to talk to a person (detail: the case's severity then).</summary>
    public const string RequestedPerson = "requested-person";
    public const string Surge = "surge";
    public const string TakenOver = "taken over";
    public const string Transferred = "transferred";
    public const string Waiting = "waiting";
}
