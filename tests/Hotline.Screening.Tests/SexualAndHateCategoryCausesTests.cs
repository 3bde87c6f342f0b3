using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Categories missed in the seventeenth writer's batch B (sexual_violence recall 0.455, hate_violence 0.529) and the
/// eighteenth writer's batch A, read by cause and tested in wordings written here: a man exposing himself to children,
/// made to go with clients, "you have to be nice to me if you want …", being called a slur or a "terrorist" at work,
/// "lesbike" as typed; beside them the look-alikes, which carry neither category nor any risk.
/// </summary>
public sealed class SexualAndHateCategoryCausesTests
{
    private static string SexualOrHate(string text)
    {
        var result = Screen(text);
        return result.Categories.Contains("sexual_violence") ? "sexual_violence"
            : result.Categories.Contains("hate_violence") ? "hate_violence"
            : result.Severity.ToString();
    }

    [Fact]
    public void Exposure_clients_and_being_nice_are_sexual_a_slur_at_work_is_hate_and_look_alikes_are_nothing() => Expect.Each(SexualOrHate, new()
    {
        ["sexual_violence"] = Lines("""
            a man flashed us in the park and now he's walking behind us
            they brought me to a flat in durres, the woman says the first client arrives tonight and i'm 16
            the taxi driver said i have to be nice to him if i want to get home, he locked the doors
            """),
        ["hate_violence"] = Lines("""
            në punë më quajnë 'cigane' dhe më tallin para të gjithëve, shefi qesh
            colleagues keep calling me a terrorist because of my headscarf and the manager laughs
            më nxorën nga shtëpia se u thashë që jam lesbike, po fle te një shoqe
            """),
        ["None"] = Lines("""
            he flashed his headlights at me on the motorway
            my first client comes at 9 tomorrow, then the dentist
            i'm staying with a client in milan for work this week
            you have to be nice to your sister if you want to get ice cream
            ai djali më thërret 'zemër' çdo ditë në punë
            my colleagues call me a genius every day
            """),
    });
}
