using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A plan told without its words (lexicon 2026.12.44): an act with no name and its hour ("gonna do it tonight", "sonte
/// e bëj") beside last things done — a goodbye said to a pet or to everyone, things given away, a last message
/// (`cue.last_things`) — is self_harm, critical with tonight or now. The hour alone is homework or a chore, a goodbye to
/// a friend at the airport or "bye" to mum is a day out, and toys given to a church are a clear-out.
/// </summary>
public sealed class PlanToldByLastThingsTests
{
    private static readonly string[] Plans = Lines("""
        gonna do it tonight, said goodbye to my dog
        i said goodbye to my cat this morning. tonight is the night
        wrote my last message to mum, i'm going to do it now
        said goodbye to everyone, doing it tonight
        i thashë lamtumirë qenit tim, sonte do ta bëj
        i thash lamtumir qenit, sonte e boj
        ia dërgova mesazhin e fundit motrës, sonte e bëj
        sonte me e bo, u thash mirupafshim krejt
        """);

    private static readonly string[] Chores = Lines("""
        gonna do it tonight, the essay is due tomorrow
        i'll do it tomorrow, bye!
        i thashë lamtumirë shoqes në aeroport, nesër fluturon
        we gave away my old toys to the church, we'll do it again next year
        tonight is the night! concert with my friends, said bye to mum
        said goodbye to my friends at the station, gonna visit them in spring
        """);

    [Fact]
    public void An_unnamed_act_with_its_hour_after_last_things_is_critical_self_harm()
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity, new() { [Severity.Critical] = Plans });
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { ["self_harm"] = Plans });
        }
    }

    [Fact]
    public void The_hour_or_a_goodbye_alone_names_no_plan() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Indicators.Any(i => i.Id == "sh.act_with_last_things"), new()
        {
            [false] = Chores,
            [true] = Plans,
        });

    [Fact]
    public void The_hour_or_a_goodbye_alone_is_not_urgent_for_the_rules() =>
        Expect.Each(text => Screener.RulesOnly.Screen(text).Severity >= Severity.High, new() { [false] = Chores });
}
