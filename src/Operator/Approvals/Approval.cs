namespace Hotline.Operator.Approvals;

public sealed record Approval(string Id, string CaseId, string Action, string RequestedBy, DateTimeOffset RequestedAt, string Status, string? ApprovedBy,
    DateTimeOffset? ApprovedAt, bool Used);
