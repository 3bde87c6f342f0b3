namespace Hotline.Core.Cases;

/// <summary>
/// The outcomes an operator records when resolving a case (the console's Resolve, <c>PUT /api/cases/{id}/record</c>).
/// Each may have its own retention (<see cref="RetentionOptions"/>). Stable wire names: never rename one.
/// </summary>
public static class CaseOutcomes
{
    public static readonly IReadOnlyList<string> Codes =
    [
        "information-given", "safety-plan", "referred", "emergency-services", "mobile-unit-dispatched", "follow-up-agreed",
        "person-left", "not-safe-to-talk", "duplicate", "test-or-misuse", "other",
    ];
}
