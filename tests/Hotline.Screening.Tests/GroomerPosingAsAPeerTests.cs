using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A man from an app who says he is a child's age, or a "classmate" nobody at school knows, waiting for her now is a
/// groomer face to face: a sleepover or a classmate named beside him cancels nothing (sv.online_adult_meets, lexicon
/// 2026.12.87).
/// </summary>
public sealed class GroomerPosingAsAPeerTests
{
    [Fact]
    public void A_man_from_an_app_posing_as_a_peer_and_waiting_for_a_child_stays_urgent() => StayAtLeast(Severity.High, Lines("""
        i'm 12, a guy from roblox says he's my age, he's waiting outside for the sleepover he promised
        im 13 a man from discord says hes in my class and hes outside now for the project
        jam 12 vjeç, një burrë nga roblox thotë që është shok klase, po më pret jashtë për detyrat
        """));
}
