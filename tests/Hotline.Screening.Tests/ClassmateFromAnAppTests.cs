using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A child's classmate known from an app who is over for a sleepover, homework or a project is a child's friend, not an
/// adult from online meeting her (sv.online_adult_meets, lexicon 2026.12.84); a man from an app waiting for a child
/// still is.
/// </summary>
public sealed class ClassmateFromAnAppTests
{
    [Fact]
    public void A_classmate_from_an_app_over_for_a_sleepover_or_a_project_is_no_groomer() => StayQuiet(Lines("""
        my 14 yo daughter knows a girl on discord from her class, she is here for a sleepover
        my daughter (15) met her classmate on snapchat, he's here for the science project
        djali im 14 vjec, nje djale nga snapchati qe e ka shok klase eshte ketu per projektin
        vajza ime 13 vjeçe, një djalë nga instagrami, bashkëklasori i saj, është këtu për detyrat
        """), r => r.Indicators.Any(i => i.Id == "sv.online_adult_meets"));

    [Fact]
    public void A_man_from_an_app_waiting_for_a_child_is_still_one() => StayAtLeast(Severity.High, Lines("""
        my 13 year old met a man on snapchat and he is waiting outside her school now
        vajza ime 14 vjeç, një burrë nga tiktok po e pret jashtë shtëpisë tani
        """));
}
