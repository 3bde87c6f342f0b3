
namespace Hotline.Core.Dispatch;

/// <summary>
/// A mobile-unit dispatch: the minimum a unit needs — area (municipality), category, urgency and a code. Never the
/// transcript; the person's contact only through a separate, approved and audited step.
/// </summary>
public sealed record DispatchRecord(
    string CaseId,
    string Code,
    DispatchStatus Status,
    string Unit,
    string Municipality,
    string Category,
    string Urgency,
    DateTimeOffset ProposedAt,
    DateTimeOffset? ConfirmedAt,
    string? ConfirmedBy,
    DateTimeOffset? SentAt,
    DateTimeOffset? AcknowledgedAt,
    IReadOnlyList<string> Tried,
    bool ContactApproved);
