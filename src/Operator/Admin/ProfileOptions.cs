using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hotline.Core.Team;

namespace Hotline.Operator.Admin;

/// <summary>The routing profile's options of `admin add-operator` and `admin set-profile`: what routing offers an operator.</summary>
internal sealed class ProfileOptions
{
    public const int MaxCapacity = 20;

    public Option<string[]> Languages { get; } = new("--languages")
    {
        Description = "languages the operator answers in, e.g. sq,en",
        HelpName = "L,..",
        CustomParser = AdminCommands.CommaList,
    };

    public Option<string[]> Categories { get; } = new("--categories")
    {
        Description = "categories the operator is trained for, e.g. trafficking,domestic_violence",
        HelpName = "C,..",
        CustomParser = AdminCommands.CommaList,
    };

    public Option<int> Capacity { get; } = new("--capacity")
    {
        Description = $"how many cases at once (1 to {MaxCapacity}; default {TeamDirectory.DefaultCapacity})",
        HelpName = "N",
        DefaultValueFactory = _ => TeamDirectory.DefaultCapacity,
        CustomParser = ParseCapacity,
    };

    private static int ParseCapacity(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity is >= 1 and <= MaxCapacity) return capacity;
        result.AddError($"--capacity is a whole number from 1 to {MaxCapacity}, not '{token}'.");
        return TeamDirectory.DefaultCapacity;
    }

    /// <summary>Whether the command line named any of them (add-operator sets a profile only then).</summary>
    public bool AnyGiven(ParseResult parsed) =>
        new Option[] { Languages, Categories, Capacity }.Any(o => parsed.GetResult(o) is { Implicit: false });

    public OperatorProfile From(ParseResult parsed) =>
        new(parsed.GetValue(Languages) ?? [], parsed.GetValue(Categories) ?? [], parsed.GetValue(Capacity));
}
