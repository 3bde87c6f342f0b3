using Hotline.Core.Team;

namespace Hotline.Triage.Tests.Routing;

public sealed class OperatorPickerTests
{
    private static Candidate C(string name, PresenceStatus status, int load, string[]? languages = null, string[]? categories = null, string role = "Operator", int capacity = 2) =>
        new(new TeamMember(name, [role], languages ?? [], categories ?? [], capacity), status, load);

    [Fact]
    public void Only_online_operators_below_capacity_are_offered_a_case()
    {
        var best = OperatorPicker.Best([C("away", PresenceStatus.Away, 0), C("full", PresenceStatus.Online, 2), C("off", PresenceStatus.Offline, 0)], Language.Sq, []);
        Assert.Null(best);
    }

    [Fact]
    public void The_persons_language_and_the_cases_categories_come_first_then_the_lightest_load()
    {
        var candidates = new[]
        {
            C("english", PresenceStatus.Online, 0, ["en"]),
            C("albanian", PresenceStatus.Online, 1, ["sq"]),
            C("trafficking", PresenceStatus.Online, 1, ["sq"], ["trafficking"]),
            C("lead", PresenceStatus.Online, 0, ["sq"], ["trafficking"], role: "Supervisor"),
        };
        Assert.Equal("trafficking", OperatorPicker.Best(candidates, Language.Sq, ["trafficking"])!.Member.Username);
        Assert.Equal("albanian", OperatorPicker.Best(candidates, Language.Sq, ["domestic_violence"])!.Member.Username);
        Assert.Equal("english", OperatorPicker.Best(candidates, Language.En, [])!.Member.Username);
    }
}
