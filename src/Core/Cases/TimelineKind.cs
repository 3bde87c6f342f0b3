using System.Text.Json.Serialization;

namespace Hotline.Core.Cases;

/// <summary>
/// The kinds of step on a case's timeline (<see cref="TimelineEntry.Kind"/>): written by every service, read by the
/// console, which shows each with a readable label. The name beside each kind is its wire name, as stored in Redis and
/// sent to the console (<see cref="TimelineKindNames"/> reads and writes it): never rename one.
/// </summary>
[JsonConverter(typeof(TimelineKindJsonConverter))]
public enum TimelineKind
{
    [JsonStringEnumMemberName("approval-granted")] ApprovalGranted,
    [JsonStringEnumMemberName("approval-requested")] ApprovalRequested,
    [JsonStringEnumMemberName("area")] Area,
    [JsonStringEnumMemberName("claimed")] Claimed,

    /// <summary>Closed without being worked: detail is the reason (test, prank, no-contact, or idle with why).</summary>
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("contact-cleared")] ContactCleared,

    /// <summary>The conversation was deleted after the case had closed: its identifying facts are gone (no text).</summary>
    [JsonStringEnumMemberName("deleted")] Deleted,
    [JsonStringEnumMemberName("contact-refused")] ContactRefused,
    [JsonStringEnumMemberName("contact-unavailable")] ContactUnavailable,
    [JsonStringEnumMemberName("declined")] Declined,
    [JsonStringEnumMemberName("dispatch-acknowledged")] DispatchAcknowledged,

    /// <summary>The unit's own steps after acknowledging ("dispatch-" + the status it reported).</summary>
    [JsonStringEnumMemberName("dispatch-en-route")] DispatchEnRoute,
    [JsonStringEnumMemberName("dispatch-arrived")] DispatchArrived,
    [JsonStringEnumMemberName("dispatch-closed")] DispatchClosed,
    [JsonStringEnumMemberName("dispatch-confirmed")] DispatchConfirmed,
    [JsonStringEnumMemberName("dispatch-fallback")] DispatchFallback,
    [JsonStringEnumMemberName("dispatch-proposed")] DispatchProposed,
    [JsonStringEnumMemberName("dispatch-reassigned")] DispatchReassigned,
    [JsonStringEnumMemberName("dispatch-sent")] DispatchSent,
    [JsonStringEnumMemberName("dispatch-unavailable")] DispatchUnavailable,
    [JsonStringEnumMemberName("duress")] Duress,
    [JsonStringEnumMemberName("escalated")] Escalated,
    [JsonStringEnumMemberName("follow-up")] FollowUp,

    /// <summary>A private note was added (its words are sealed in the case's notes, never here).</summary>
    [JsonStringEnumMemberName("note")] Note,
    [JsonStringEnumMemberName("notice-sent")] NoticeSent,
    [JsonStringEnumMemberName("notice-undeliverable")] NoticeUndeliverable,
    [JsonStringEnumMemberName("offer lapsed")] OfferLapsed,
    [JsonStringEnumMemberName("offer withdrawn")] OfferWithdrawn,
    [JsonStringEnumMemberName("offered")] Offered,
    [JsonStringEnumMemberName("opened")] Opened,
    [JsonStringEnumMemberName("outcome")] Outcome,
    [JsonStringEnumMemberName("place")] Place,
    [JsonStringEnumMemberName("raised")] Raised,

    /// <summary>An operator rated the case's severity (detail: before → after, and what screening said).</summary>
    [JsonStringEnumMemberName("rated")] Rated,
    [JsonStringEnumMemberName("reassigned")] Reassigned,
    [JsonStringEnumMemberName("referral")] Referral,
    [JsonStringEnumMemberName("released")] Released,

    /// <summary>The person asked to talk to a person (detail: the case's severity then).</summary>
    [JsonStringEnumMemberName("requested-person")] RequestedPerson,
    [JsonStringEnumMemberName("surge")] Surge,
    [JsonStringEnumMemberName("taken over")] TakenOver,
    [JsonStringEnumMemberName("transferred")] Transferred,
    [JsonStringEnumMemberName("waiting")] Waiting,

    /// <summary>
    /// A kind this version does not know (written by a newer one, during a rollback or a rolling update): read, never
    /// written new. Its entry keeps the name it was read with (<see cref="TimelineEntry.UnknownKind"/>).
    /// </summary>
    Unknown,
}
