using Microsoft.Extensions.Configuration;

namespace Hotline.Core.Cases;

/// <summary>
/// How long a closed case and its conversation are kept before they are deleted (crypto-shredded): HOTLINE_RETENTION_DAYS
/// for every outcome, and HOTLINE_RETENTION_&lt;OUTCOME&gt;_DAYS for one outcome, named as the console's Resolve names it
/// (<see cref="CaseOutcomes.Codes"/>) or as a case closed without being worked is (<see cref="CloseReasons"/>: test,
/// prank, no-contact, idle), upper case with '_' for '-': HOTLINE_RETENTION_TEST_OR_MISUSE_DAYS=7.
/// </summary>
public sealed class RetentionOptions
{
    public const string DaysVariable = "HOTLINE_RETENTION_DAYS";
    private const string Prefix = "HOTLINE_RETENTION_";
    private const string Suffix = "_DAYS";
    public const int MaxDays = 36_500;

    /// <summary>Every name a retention can be set for: the operators' outcomes and the reasons a case closes unworked.</summary>
    public static readonly IReadOnlyList<string> Outcomes =
        [.. CaseOutcomes.Codes, CloseReasons.Test, CloseReasons.Prank, CloseReasons.NoContact, CloseReasons.Idle];

    public int Days { get; set; } = 90;

    /// <summary>Days by outcome, for the outcomes that have their own.</summary>
    public Dictionary<string, int> DaysByOutcome { get; } = new(StringComparer.Ordinal);

    /// <summary>What the configuration said that cannot be used, one sentence each (checked at start).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>How often the Triage worker looks for cases whose retention ended.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The retention of a case closed with <paramref name="outcome"/> (null: handed back without one).</summary>
    public TimeSpan For(string? outcome) =>
        TimeSpan.FromDays(outcome is not null && DaysByOutcome.TryGetValue(outcome, out var days) ? days : Days);

    /// <summary>The variable that sets <paramref name="outcome"/>'s retention.</summary>
    public static string VariableFor(string outcome) => Prefix + outcome.ToUpperInvariant().Replace('-', '_') + Suffix;

    /// <summary>Reads the variables; what cannot be used is kept in <see cref="Problems"/>, so the service stops at start saying so.</summary>
    public void Read(IConfiguration configuration)
    {
        if (configuration[DaysVariable] is { Length: > 0 } all && Parse(DaysVariable, all) is { } days) Days = days;
        var byVariable = Outcomes.ToDictionary(VariableFor, o => o, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in configuration.AsEnumerable())
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
                || name.Equals(DaysVariable, StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(value))
            {
                continue;
            }
            if (!byVariable.TryGetValue(name, out var outcome))
            {
                Problems.Add($"{name} names no outcome; one of {string.Join(", ", Outcomes.Select(VariableFor))} sets an outcome's retention");
                continue;
            }
            if (Parse(name, value) is { } outcomeDays) DaysByOutcome[outcome] = outcomeDays;
        }
    }

    private int? Parse(string name, string value)
    {
        if (Hosting.WholeNumberSetting.Read(value.Trim(), -1) is var days and >= 1 and <= MaxDays) return days;
        Problems.Add($"{name} must be a whole number of days from 1 to {MaxDays}, not '{value}'");
        return null;
    }
}
