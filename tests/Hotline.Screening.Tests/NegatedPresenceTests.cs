using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Someone's whereabouts denied is no one there (lexicon 2026.12.43): "he is not at the door", "they're not outside the
/// house anymore" — the "not" had fallen in the gap of a presence pattern and was read as someone there now. Someone
/// who will not go is still there ("he won't leave", "he's not leaving", "ai s'po ikën"), and a pain or a flu that will
/// not go, or a man who will not leave her alone, is no one at the door.
/// </summary>
public sealed class NegatedPresenceTests
{
    private static readonly string[] Denied = Lines("""
        he is not at the door
        he's not at the door anymore, he drove off
        they are not outside the house now
        she is not in the kitchen, she went out
        he is not here yet
        my ex is not at the door any more
        """);

    private static readonly string[] StillThere = Lines("""
        he won't leave, i'm scared
        he's not leaving, he is shouting at me
        he refuses to leave the flat and he is drunk
        he is not going away, he keeps knocking
        ai nuk po ikën, kam frikë
        burri s'po ikën nga shtëpia, po bërtet
        ish-i nuk do të ikë, kam frikë
        ai nuk pranon të ikë, kam frikë
        ai nuk po iken, kam frike
        """);

    private static readonly string[] NoOneThere = Lines("""
        my back pain won't go away
        he won't leave me alone at school, he keeps asking me out
        dhimbja s'po ikën fare
        nuk po ikën gripi, kam temperaturë
        ai nuk do të ikë pa mua në pushime
        ai s'ikën nga shtëpia që kur u pensionua
        i'm 15 and mum won't let me go to the party
        """);

    [Fact]
    public void A_denied_whereabouts_is_no_one_there() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Immediacy.HasFlag(Immediacy.Presence), new()
        {
            [false] = Denied,
            [true] = Lines("""
                he is at the door
                they are outside the house now
                he's not leaving, he is at the door
                i can't talk, he is watching
                """),
        });

    [Fact]
    public void Someone_who_will_not_go_is_there_and_a_pain_that_will_not_go_is_not() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Immediacy.HasFlag(Immediacy.Presence), new()
        {
            [true] = StillThere,
            [false] = NoOneThere,
        });

    [Fact]
    public void A_beating_told_with_him_not_at_the_door_is_not_critical()
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity, new()
            {
                [Severity.High] = Lines("""
                    my husband hit me last week. he is not at the door now
                    my boyfriend beat me yesterday, he is not here now
                    """),
                [Severity.Critical] = Lines("""
                    my husband beat me last night. he won't leave
                    my husband hit me last week. he is at the door now
                    burri më rrahu dje. ai s'po ikën nga shtëpia dhe kam frikë
                    """),
            });
        }
    }

    [Fact]
    public void After_a_disclosure_his_absence_does_not_raise_the_conversation()
    {
        var disclosed = ConversationRisk.None.Add(Screener.RulesOnly.Screen("my husband beats me when he drinks"));
        Assert.Equal(Severity.High, disclosed.Add(Screener.RulesOnly.Screen("he is not at the door now")).Severity);
        Assert.Equal(Severity.Critical, disclosed.Add(Screener.RulesOnly.Screen("he won't leave")).Severity);
    }
}
