using Hotline.Core.Notices;
using Hotline.Core.Team;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Triage.Tests.Routing;

/// <summary>
/// A routing test's Triage worker: its services built for each test on the flushed test Redis, a manual clock that
/// starts now and the notifier the test reads, disposed after the test; another worker beside it where a test needs two.
/// </summary>
/// <remarks>A test class passes its <see cref="RedisFixture"/> on under another name, so its tests read <c>redis</c> from here.</remarks>
public abstract class RoutingTest<TNotifier>(RedisFixture fixture, params (string Name, string Value)[] routing) : IAsyncLifetime
    where TNotifier : IOutboundNotifier, new()
{
    protected readonly RedisFixture redis = fixture;
    protected readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    protected readonly TNotifier notifier = new();
    protected ServiceProvider services = null!;
    private readonly List<ServiceProvider> others = [];

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        services = RoutingServices.Build(redis, clock, notifier, routing);
    }

    public async Task DisposeAsync()
    {
        foreach (var other in others) await other.DisposeAsync();
        await services.DisposeAsync();
    }

    protected EscalationClock Clock => services.Clock();

    /// <summary>Another Triage worker on the same Redis, clock and notifier (as infra/up --cluster runs two), disposed with the test.</summary>
    protected ServiceProvider AnotherWorker()
    {
        var other = RoutingServices.Build(redis, clock, notifier, routing);
        others.Add(other);
        return other;
    }

    /// <summary>Ticks two workers' escalation clocks at the same moment, so each may be taking what the other is taking.</summary>
    protected static async Task TickTogetherAsync(ServiceProvider one, ServiceProvider other)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = Task.Run(async () => { await start.Task; await one.Clock().TickAsync(default); });
        var b = Task.Run(async () => { await start.Task; await other.Clock().TickAsync(default); });
        start.SetResult();
        await Task.WhenAll(a, b);
    }

    /// <summary>What the worker has told the consoles so far (hl:notify), each notice's fields by name, oldest first.</summary>
    protected async Task<List<Dictionary<string, string>>> NotificationsAsync() =>
        (await redis.Database.StreamRangeAsync(RedisKeys.Notifications)).Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString())).ToList();

    /// <summary>
    /// Runs the worker's event consumer until every event on hl:events is handled and acknowledged, then stops it. Nothing
    /// pending and nothing left to deliver is a state that stays once reached; the limit is generous, as nothing measures time.
    /// </summary>
    protected async Task HandleAllEventsAsync()
    {
        var router = services.GetServices<IHostedService>().OfType<CaseRouter>().Single();
        await router.StartAsync(CancellationToken.None);
        try
        {
            var giveUp = DateTime.UtcNow.AddSeconds(60);
            while (!await AllHandledAsync())
            {
                Assert.True(DateTime.UtcNow < giveUp, "the events were never all handled");
                await Task.Delay(50);
            }
        }
        finally
        {
            await router.StopAsync(CancellationToken.None);
        }
    }

    private async Task<bool> AllHandledAsync()
    {
        var groups = await redis.Database.StreamGroupInfoAsync(RedisKeys.Events);
        var group = groups.SingleOrDefault(g => g.Name == CaseRouter.GroupName);
        return group.Name is not null && group.PendingMessageCount == 0 && group.Lag == 0;
    }

    /// <summary>Presence as the Operator service sets it (the Triage worker only reads it).</summary>
    protected PresenceStore OperatorPresence => new(new HotlineRedis(redis.Connection), clock);
}
