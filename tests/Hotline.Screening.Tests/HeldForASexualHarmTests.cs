using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A boss, a landlord or a man met once who locks her in or hits her to do a sexual harm the message names was read as
/// trafficking beside it, because an employer's or a stranger's hold is trafficking's by default. With a sexual harm
/// standing and nothing of exploitation (no debt, unpaid work, sale, client or papers held), the hold is that harm's;
/// where exploitation is named it stays trafficking. Each read with the opinion and by the rules alone.
/// </summary>
public sealed class HeldForASexualHarmTests
{
    private static string Which(ScreeningResult r) =>
        r.Categories.Contains("trafficking") ? "trafficking" : r.Categories.Contains("sexual_violence") ? "sexual only" : r.Severity.ToString();

    [Fact]
    public void Held_or_hit_for_a_sexual_harm_with_no_exploitation_named_is_sexual_violence_alone() => Each(Which, new()
    {
        ["sexual only"] = Lines("""
            pronari i restorantit më mbylli në zyrë dhe po më prek me forcë
            shefi më goditi në depo dhe më detyroi të bëj seks me të, tani është te dera
            the boss locked me in his office and is touching me, i'm typing under the desk
            shefi më mbylli në magazinë dhe më preku me zor
            """),
    });

    /// <summary>Several workers shut in at the workplace every night is forced labour, whatever sexual harm he also does.</summary>
    [Fact]
    public void A_debt_unpaid_work_clients_or_workers_shut_in_keep_the_hold_trafficking() => Each(Which, new()
    {
        ["trafficking"] = Lines("""
            the boss locked us in the back room and says we work until the debt is paid
            the boss says i go with his clients tonight or he keeps my passport
            shefi na mbyll në punishte natën dhe s'na paguan prej tre muajsh
            shefi i fermës na mbyll në barakë çdo natë dhe më ka ngacmuar me forcë
            our boss locks us in the bakery every night and last week he forced one of the girls to have sex
            """),
    });

    [Fact]
    public void A_boss_locking_the_office_raises_nothing() => StayQuiet(Lines("""
            my boss locked the office at 6 and we all went home
            shefi e mbylli dyqanin më herët sot se kishte dasmë
            """), r => r.Categories.Count > 0);
}
