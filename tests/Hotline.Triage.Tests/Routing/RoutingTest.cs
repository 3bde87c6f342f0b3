using Hotline.Core.Notices;
using Hotline.Core.Team;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Triage.Tests.Routing;

/// <summary>
/// A routing test's Triage worker: its services built for each test on the flushed test Redis, a manual clock that
/// starts now and the notifier the test reads, disposed after the test.
/// </summary>
/// <remarks>A test class passes its <see cref="RedisFixture"/> on under another name, so its tests read <c>redis</c> from here.</remarks>
public abstract class RoutingTest<TNotifier>(RedisFixture fixture, params (string Name, string Value)[] routing) : IAsyncLifetime
    where TNotifier : IOutboundNotifier, new()
{
    protected readonly RedisFixture redis = fixture;
    protected readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    protected readonly TNotifier notifier = new();
    protected ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        services = RoutingServices.Build(redis, clock, notifier, routing);
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    protected EscalationClock Clock => services.Clock();

    /// <summary>Presence as the Operator service sets it (the Triage worker only reads it).</summary>
    protected PresenceStore OperatorPresence => new(new HotlineRedis(redis.Connection), clock);
}
