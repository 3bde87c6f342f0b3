using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Everyday life the rules called urgent, narrowed at its cause (lexicon 2026.12.47): shut in at home for what she is
/// doing (studying, reading, revising) is her own choice, not confinement; at a bridge or a roof waiting for someone is
/// a meeting point, not the place of a plan; "m'u thye" (it broke on me) is a heel, a phone or a fall, not a beating.
/// Someone who shut her in, a goodbye or a jump at the bridge, and "he broke my arm" stay what they were.
/// </summary>
public sealed class EverydayPurposeAndAccidentTests
{
    private static readonly string[] Everyday = Lines("""
        m'u thye taka e sandales para dasmës
        mu thye ekrani i telefonit, s'mund të shkruaj mirë
        m'u thye dora kur rashë nga biçikleta
        jemi mbyllur në bibliotekë duke studiuar gjithë ditën
        rri e mbyllur në dhomë për të lexuar, mos më shqetësoni
        jom mshel n'shpi tu mësu për provim
        i've locked myself in my room to revise for finals
        we're on the roof terrace waiting for the fireworks
        i'm standing on the bridge waiting for my cousin, she's late
        jemi te ura duke pritur autobusin
        jam mbi urë, po pres shokun
        """);

    [Fact]
    public void Studying_shut_in_waiting_at_a_bridge_and_a_thing_broken_are_not_urgent()
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity >= Severity.High, new() { [false] = Everyday });
        }
    }

    [Fact]
    public void Shut_in_by_someone_is_still_locked_in() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Severity, new()
        {
            [Severity.Critical] = Lines("""
                jam e mbyllur në dhomë, babai s'më lë të dal
                jam mbyllur në banjo duke qarë, ai po bërtet
                i locked myself in the bathroom, he's outside
                """),
        });

    [Fact]
    public void At_a_bridge_with_a_goodbye_or_a_jump_is_still_critical_self_harm() =>
        StayAt(Severity.Critical, "self_harm", Lines("""
            i'm on the bridge, sorry everyone, goodbye
            i'm standing on the bridge waiting for the right moment to jump
            jam te ura. më falni të gjithë
            """));

    [Fact]
    public void A_bone_broken_by_him_is_still_a_beating() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Indicators.Any(i => i.Id == "v.beating"), new()
        {
            [true] = Lines("""
                ma theu dorën burri
                burri ma ka thyer hundën
                m'u thye dora kur më shtyu burri
                ish-i më theu krahun vitin e kaluar
                """),
            [false] = Lines("""
                m'u thye taka e sandales para dasmës
                mu thye ekrani i telefonit
                m'u thye dora kur rashë nga biçikleta
                """),
        });
}
