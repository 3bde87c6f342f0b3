using Hotline.Testing;

namespace Hotline.Screening.Tests;

/// <summary>
/// What the screener must make of one message, in one line a test: the severity (exactly, at least, or below) and the
/// categories it must name. A failure says what the message gave and which indicators fired.
/// </summary>
internal static class Screened
{
    public static ScreeningResult Screen(string text) => Screener.Default.Screen(text);

    /// <summary>Whether the message was put in any category.</summary>
    public static bool AnyCategory(ScreeningResult r) => r.Categories.Count > 0;

    /// <summary>Whether the message was put in self_harm.</summary>
    public static bool SelfHarm(ScreeningResult r) => r.Categories.Contains("self_harm");

    /// <summary>Whether the message was put in sexual_violence.</summary>
    public static bool SexualViolence(ScreeningResult r) => r.Categories.Contains("sexual_violence");

    /// <summary>Whether the message was put in digital_violence.</summary>
    public static bool DigitalViolence(ScreeningResult r) => r.Categories.Contains("digital_violence");

    /// <summary>Whether the message was put in hate_violence.</summary>
    public static bool HateViolence(ScreeningResult r) => r.Categories.Contains("hate_violence");

    /// <summary>Whether the message was put in child_at_risk.</summary>
    public static bool ChildAtRisk(ScreeningResult r) => r.Categories.Contains("child_at_risk");

    public static string Why(ScreeningResult r) => $"{r.Severity}: {string.Join(", ", r.Indicators.Select(i => i.Id))}";

    /// <summary>A table's classifier (<see cref="Hotline.Testing.Expect"/>): the severity a message is given.</summary>
    public static Severity SeverityOf(string text) => Screen(text).Severity;

    /// <summary>A table's classifier (<see cref="Hotline.Testing.Expect.EachIncludes{T}"/>): the categories a message is put in.</summary>
    public static IReadOnlyCollection<string> CategoriesOf(string text) => Screen(text).Categories;

    /// <summary>
    /// A table's messages written one a line in a raw string literal, as they would be typed: each line is trimmed and
    /// empty lines are skipped.
    /// </summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static ScreeningResult Is(Severity severity, string text, params string[] categories) =>
        Check(text, r => r.Severity == severity, $"exactly {severity}", categories);

    public static ScreeningResult AtLeast(Severity floor, string text, params string[] categories) =>
        Check(text, r => r.Severity >= floor, $"at least {floor}", categories);

    public static ScreeningResult Below(Severity ceiling, string text) => Check(text, r => r.Severity < ceiling, $"below {ceiling}", []);

    private static ScreeningResult Check(string text, Func<ScreeningResult, bool> severity, string expected, string[] categories)
    {
        var result = Screen(text);
        Assert.True(severity(result), $"\"{text}\": expected {expected}, got {Why(result)}");
        foreach (var category in categories) Assert.Contains(category, result.Categories);
        return result;
    }

    /// <summary>A table's messages each read with the opinion and by the rules alone, and classified by <paramref name="read"/>.</summary>
    public static void Each<T>(Func<ScreeningResult, T> read, Dictionary<T, string[]> table) where T : notnull
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly }) Expect.Each(text => read(screener.Screen(text)), table);
    }

    /// <summary>Each message, read with the opinion and by the rules alone, has exactly this severity and the category.</summary>
    public static void StayAt(Severity severity, string category, string[] messages)
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity, new() { [severity] = messages });
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { [category] = messages });
        }
    }

    /// <summary>Each message, read with the opinion and by the rules alone, has at least this severity.</summary>
    public static void StayAtLeast(Severity floor, string[] messages) => Each(r => r.Severity >= floor, new() { [true] = messages });

    /// <summary>Each message, read with the opinion and by the rules alone, is below high and shows nothing of the rule.</summary>
    public static void StayQuiet(string[] messages, Func<ScreeningResult, bool> ruleShown)
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity >= Severity.High, new() { [false] = messages });
            Expect.Each(text => ruleShown(screener.Screen(text)), new() { [false] = messages });
        }
    }
}
