using Hotline.Core.Team;

namespace Hotline.Triage.Tests.Routing;

public sealed class ReofferOrderTests
{
    private static Candidate C(string name, PresenceStatus status, int load, string[]? languages = null, string[]? categories = null, string role = "Operator") =>
        new(new TeamMember(name, [role], languages ?? [], categories ?? [], 2), status, load);

    private static readonly Candidate[] Team =
    [
        C("albanian", PresenceStatus.Online, 1, ["sq"]),
        C("trafficking", PresenceStatus.Online, 1, ["sq"], ["trafficking"]),
        C("english", PresenceStatus.Online, 0, ["en"]),
        C("idle", PresenceStatus.Online, 0, ["sq"]),
        C("away", PresenceStatus.Away, 0, ["sq"], ["trafficking"]),
        C("full", PresenceStatus.Online, 2, ["sq"], ["trafficking"]),
        C("lead", PresenceStatus.Online, 0, ["sq"], ["trafficking"], role: "Supervisor"),
    ];

    [Fact]
    public void The_next_offer_goes_to_the_next_best_free_operator_not_yet_offered()
    {
        var order = new List<string>();
        while (OperatorPicker.Next(Team, Language.Sq, ["trafficking"], order) is { } next) order.Add(next.Member.Username);
        // Language and categories first, then the lightest load, supervisors after operators; never away or full.
        Assert.Equal(["trafficking", "lead", "idle", "albanian", "english"], order);
    }

    [Fact]
    public void Nobody_is_offered_twice_and_an_operator_who_declined_is_skipped()
    {
        Assert.Equal("idle", OperatorPicker.Next(Team, Language.Sq, [], ["trafficking", "lead"])!.Member.Username);
        Assert.Null(OperatorPicker.Next(Team, Language.Sq, [], Team.Select(c => c.Member.Username).ToArray()));
    }
}
