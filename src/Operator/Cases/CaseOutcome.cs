namespace Hotline.Operator.Cases;

/// <summary>What the operator records about a case: an outcome code, referrals (directory ids), a follow-up date. No free text.</summary>
public sealed record CaseOutcome(string? Outcome, IReadOnlyList<string> Referrals, DateOnly? FollowUp, string? UpdatedBy, DateTimeOffset? UpdatedAt);
