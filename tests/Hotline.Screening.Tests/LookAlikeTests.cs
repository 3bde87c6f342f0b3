using Xunit.Abstractions;

namespace Hotline.Screening.Tests;

/// <summary>
/// Everyday messages that look like a risk (own wording, Data/Benign/by-category.jsonl: six look-alikes per category)
/// and the constructions that tell them apart, each next to the risk it must not hide.
/// </summary>
public sealed class LookAlikeTests(ITestOutputHelper output)
{
    private static ScreeningResult Screen(string text) => Screener.Default.Screen(text);

    [Theory]
    [InlineData("trafficking")]
    [InlineData("domestic_violence")]
    [InlineData("sexual_violence")]
    [InlineData("digital_violence")]
    [InlineData("self_harm")]
    [InlineData("child_at_risk")]
    [InlineData("hate_violence")]
    public void Look_alikes_of_a_category_are_at_most_once_read_as_urgent(string category)
    {
        var lines = File.ReadLines(ScreeningPaths.Data(Path.Combine("Benign", "by-category.jsonl")))
            .Where(l => l.Contains($"\"look_alike\": \"{category}\"", StringComparison.Ordinal))
            .Select(l => LabelledMessage.Parse(l, out _)!)
            .ToList();
        Assert.Equal(6, lines.Count);
        var urgent = lines.Where(m => Screen(m.Text).Severity >= Severity.High).Select(m => m.Id).ToList();
        output.WriteLine($"{category}: {urgent.Count} of {lines.Count} read as urgent: {string.Join(", ", urgent)}");
        Assert.True(urgent.Count <= 1, $"{category}: {string.Join(", ", urgent)}");
    }

    [Fact]
    public void Own_look_alikes_keep_false_alarms_within_the_target()
    {
        var messages = File.ReadLines(ScreeningPaths.Data(Path.Combine("Benign", "by-category.jsonl"))).Select(l => LabelledMessage.Parse(l, out _)!).ToList();
        var report = EvaluationReport.Evaluate(messages, Screener.Default);
        Assert.True(report.FalseAlarmRate <= EvaluationReport.FalseAlarmTarget, $"false alarms: {string.Join(", ", report.FalseAlarms)}");
    }

    [Theory]
    [InlineData("he bought me a coffee after work and walked me home")]
    [InlineData("the neighbour sold us some bread this morning")]
    public void A_thing_bought_for_someone_is_not_a_person_sold(string text) =>
        Assert.DoesNotContain(Screen(text).Indicators, i => i.Id == "tr.sold");

    [Fact]
    public void A_person_bought_is_still_sold() =>
        Assert.Contains(Screen("my uncle bought me from a man in elbasan for 3000").Indicators, i => i.Id == "tr.sold");

    [Theory]
    [InlineData("cut my finger by accident while slicing bread, it stopped bleeding")]
    [InlineData("u preva pa dashje në gisht, vura një leukoplast")]
    public void A_cut_by_accident_is_not_self_harm(string text)
    {
        var result = Screen(text);
        Assert.DoesNotContain(result.Indicators, i => i.Id == "sh.self_injury");
        Assert.True(result.Severity < Severity.High);
    }

    [Fact]
    public void Cutting_oneself_on_purpose_is_still_self_harm() =>
        Assert.Contains(Screen("i cut myself again tonight, deeper than before").Indicators, i => i.Id == "sh.self_injury");

    [Theory]
    [InlineData("ky provim i fizikës do më vrasë, kam tre ditë pa fjetur")]
    [InlineData("this chemistry homework is going to kill me")]
    public void School_work_that_will_kill_me_is_not_a_threat(string text) => Assert.True(Screen(text).Severity < Severity.High);

    [Fact]
    public void A_person_who_will_kill_me_is_still_a_threat() => Assert.True(Screen("burri tha do më vrasë sonte").Severity >= Severity.High);

    [Theory]
    [InlineData("babai më mori çelësat e veturës sepse i duheshin, ma kthen nesër")]
    [InlineData("my boss took the shop keys home for the weekend")]
    public void Keys_of_a_car_or_a_shop_are_not_confinement(string text) =>
        Assert.DoesNotContain(Screen(text).Indicators, i => i.Id.StartsWith("ctl.", StringComparison.Ordinal));

    [Theory]
    [InlineData("she works in a hotel in greece and keeps her own passport")]
    [InlineData("pasaportën e mban vetë, punon në një hotel në Greqi")]
    public void Documents_in_her_own_hands_are_not_taken(string text) =>
        Assert.DoesNotContain(Screen(text).Indicators, i => i.Id == "tr.documents_taken");

    [Fact]
    public void Documents_someone_else_keeps_are_still_taken() =>
        Assert.Contains(Screen("the boss keeps my passport in his office").Indicators, i => i.Id == "tr.documents_taken");
}
