using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Someone met on an app who is here now is an adult from online meeting a child only when the one met is him, her or
/// someone unnamed, or a man: a girl or a classmate named as the one met is a peer (sv.online_adult_meets, lexicon
/// 2026.12.92).
/// </summary>
public sealed class PeerMetOnAnAppTests
{
    [Fact]
    public void A_girl_or_a_classmate_met_on_an_app_who_is_here_is_no_groomer() => Each(r => r.Indicators.Any(i => i.Id == "sv.online_adult_meets"), new() { [false] = Lines("""
        my 14 yo daughter knows a girl on discord from her class, she is here for a sleepover
        my daughter (15) met her classmate on snapchat, he's here for the science project
        my son is 13, he met a boy on fortnite from the next street, he's outside on his bike
        """) });

    [Fact]
    public void Him_or_someone_met_on_an_app_who_is_waiting_for_a_child_still_is() => StayAtLeast(Severity.High, Lines("""
        my daughter is 13, she met him on snapchat and he is waiting outside now
        my 12 yo met someone on roblox and they are outside the school now
        i'm 12, a guy from roblox says he's my age, he's waiting outside for the sleepover he promised
        """));
}
