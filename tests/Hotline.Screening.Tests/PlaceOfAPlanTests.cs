using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Where she is as the immediacy of an intent to die: at a bridge, the tracks, a roof, a balcony high up or the top of
/// somewhere, with an intent to die or a goodbye of a few words, is critical self-harm, although someone in the house is
/// asleep (no abuser is away from her own hand) and although "I have no intention of going back" reads like "no plan".
/// In wordings written here, with the look-alikes that must stay quiet: a bridge as a meeting point, "më falni" as
/// "excuse me", coffee on the balcony, a view from the top with a "sorry" for a late reply, back to work tomorrow, a
/// past told calmly.
/// </summary>
public sealed class PlaceOfAPlanTests
{
    [Fact]
    public void An_intent_to_die_or_a_goodbye_at_a_high_place_is_critical_self_harm()
    {
        Expect.Each(SeverityOf, new()
        {
            [Severity.Critical] = Lines("""
                kam dalë në ballkonin e katit të 9 dhe dua të vdes. vëllai po fle
                jom te hekurudha. m'falni të gjithë
                jam te ura e lumit. s'kam ndërmend të kthehem në shtëpi. faleminderit për gjithçka
                i'm at the top of the multi-storey car park. thanks for everything
                we're up on the roof of the dorm and i'm not going back down
                """),
        });
        Assert.Contains("self_harm", Screen("jom te hekurudha. m'falni të gjithë").Categories);
    }

    [Fact]
    public void A_bridge_a_balcony_or_the_top_of_somewhere_without_an_intent_or_a_goodbye_stays_quiet()
    {
        Expect.Each(SeverityOf, new()
        {
            [Severity.None] = Lines("""
                jam te ura e Tabakëve, ku je ti? po të pres
                më falni, jam te ura, ku është stacioni i autobusit?
                kam dalë në ballkon të pi kafe, sonte dalim?
                we're at the top of the castle, the view is amazing, sorry for the late reply
                u ngjitëm në çati me vëllanë për të parë yjet, faleminderit mami për darkën
                jam në ballkonin e katit të 5 me shoqet, s'kam ndërmend të kthehem në punë nesër
                i'm at the top of the tower with my class, goodbye to the teacher later
                """),
        });
        Assert.True(Screen("i was on the bridge last year wanting to die, now i'm fine and in therapy").Severity < Severity.High);
    }
}
