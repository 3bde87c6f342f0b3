namespace Hotline.Triage.Tests.Routing;

public sealed class PlaceThrottleTests
{
    private static readonly RoutingOptions Options = new() { PlaceUpdateMinSeconds = 180, PlaceUpdateMinImprovement = 2 };
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_person_is_first_told_their_place_only_in_a_surge()
    {
        Assert.True(QueuePlaces.ShouldTell(null, 4, surge: true, T0, Options));
        Assert.False(QueuePlaces.ShouldTell(null, 4, surge: false, T0, Options));
    }

    [Fact]
    public void An_improved_place_is_told_again_only_after_the_interval()
    {
        var last = new PlaceTold(5, T0);
        Assert.False(QueuePlaces.ShouldTell(last, 2, surge: true, T0 + TimeSpan.FromSeconds(179), Options));
        Assert.True(QueuePlaces.ShouldTell(last, 2, surge: true, T0 + TimeSpan.FromSeconds(180), Options));
        Assert.True(QueuePlaces.ShouldTell(last, 3, surge: false, T0 + TimeSpan.FromMinutes(10), Options));
    }

    [Fact]
    public void A_small_or_no_improvement_or_a_worse_place_is_not_told_but_reaching_first_place_is()
    {
        var later = T0 + TimeSpan.FromMinutes(10);
        Assert.False(QueuePlaces.ShouldTell(new PlaceTold(5, T0), 4, surge: true, later, Options));
        Assert.False(QueuePlaces.ShouldTell(new PlaceTold(5, T0), 5, surge: true, later, Options));
        Assert.False(QueuePlaces.ShouldTell(new PlaceTold(2, T0), 6, surge: true, later, Options));
        Assert.True(QueuePlaces.ShouldTell(new PlaceTold(2, T0), 1, surge: true, later, Options));
    }
}
