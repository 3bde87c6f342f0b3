namespace Hotline.Operator.Cases;

/// <summary>An operator's rating of a case: severity (none … critical), categories from the seven, and why (kept sealed as a note).</summary>
public sealed record SeverityRequest(string? Severity, IReadOnlyList<string>? Categories, string? Reason);
