namespace Hotline.Operator.Cases;

public sealed record RecordRequest(string? Outcome, IReadOnlyList<string>? Referrals, string? FollowUp, string? Municipality);
