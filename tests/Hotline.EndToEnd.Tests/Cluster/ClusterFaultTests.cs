using System.Diagnostics;
using Hotline.EndToEnd.Tests.Faults;
using Xunit.Abstractions;

namespace Hotline.EndToEnd.Tests.Cluster;

/// <summary>
/// `infra/up --cluster` under faults: a Redis Cluster of three primaries, two Bots, two Triage workers and two Operator
/// services as real processes (`dotnet Hotline.X.dll`), web chat traffic to both Bots on 127.0.0.1. One Bot, one Triage
/// worker and one Operator service are killed with SIGKILL in turn; the other of each keeps serving meanwhile, and the
/// killed one is started again, as infra/up does. Nothing answered 200 may be lost or doubled, every urgent conversation
/// keeps its queued case, and nothing stays pending with a dead consumer. Claim deadlines are short, so every urgent case
/// runs its whole escalation ladder across the two workers while one of them is killed.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Urgent = "burri po me rreh tani, ka thike ne dore, ndihme";
    private const string Ordinary = "kam nje pyetje per ju";
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(120);

    private readonly Uri[] bots = [Loopback(FreePort.Next()), Loopback(FreePort.Next())];
    private readonly Uri[] consoles = [Loopback(FreePort.Next()), Loopback(FreePort.Next())];
    private FaultRig rig = null!;
    private ServiceProcess botA = null!, triageA = null!, operatorA = null!;

    public async Task InitializeAsync()
    {
        rig = await FaultRig.StartAsync(cluster: true);
        triageA = rig.Start("Triage", settings: AnsweredTraffic.ShortDeadlines);
        rig.Start("Triage", settings: AnsweredTraffic.ShortDeadlines);
        botA = rig.Start("Bot", bots[0]);
        var botB = rig.Start("Bot", bots[1]);
        operatorA = rig.Start("Operator", consoles[0]);
        var operatorB = rig.Start("Operator", consoles[1]);
        foreach (var (process, url) in new[] { (botA, bots[0]), (botB, bots[1]), (operatorA, consoles[0]), (operatorB, consoles[1]) })
        {
            await process.WaitHealthyAsync(url, Start);
        }
        await rig.WaitForTriageGroupAsync(Start);
    }

    public async Task DisposeAsync()
    {
        if (rig is not null) await rig.DisposeAsync();
    }

    [Fact]
    public async Task Killing_one_Bot_one_Triage_worker_and_one_Operator_service_under_traffic_the_others_keep_serving_and_no_answered_message_is_lost()
    {
        var watch = Stopwatch.StartNew();
        await using var atA = await WebChatTraffic.StartAsync(bots[0], visitors: 3, urgentEvery: 3, Urgent, Ordinary);
        await using var atB = await WebChatTraffic.StartAsync(bots[1], visitors: 3, urgentEvery: 3, Urgent, Ordinary);
        await WaitForAsync("traffic answered at both Bots", () => Task.FromResult(atA.AnsweredCount > 6 && atB.AnsweredCount > 6), Start);

        await FaultAsync("kill -9 Bot A", atB, botA, () => botA.WaitHealthyAsync(bots[0], Start));
        await WaitForAsync("Bot A answering again after its restart", AnsweredAgain(atA), Start);
        await FaultAsync("kill -9 a Triage worker", atA, triageA, () => Task.CompletedTask);
        await FaultAsync("kill -9 Operator A", atA, operatorA, () => operatorA.WaitHealthyAsync(consoles[0], Start));

        var answered = (await atA.StopAsync()).Concat(await atB.StopAsync()).ToList();
        output.WriteLine($"{answered.Count} messages answered 200, {atA.Failed + atB.Failed} not (at a killed Bot), faults done at {watch.Elapsed.TotalSeconds:F0} s");
        Assert.True(answered.Count >= 30, $"only {answered.Count} messages were answered 200");
        Assert.Contains(answered, m => m.Urgent);

        await AnsweredTraffic.AssertNothingLostAsync(rig.Inspector, answered, rig.Team, WaitForAsync);
        var escalated = await AnsweredTraffic.AssertEveryUrgentCaseEscalatedAsync(rig.Inspector, answered, WaitForAsync);
        output.WriteLine($"{escalated} urgent cases escalated to the fallback");
        output.WriteLine($"checked in {watch.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>
    /// Kills one process while traffic flows, waits until the survivors served more traffic with it down, then starts it again
    /// (as infra/up --cluster does) and waits until it is back.
    /// </summary>
    private async Task FaultAsync(string fault, WebChatTraffic survivorTraffic, ServiceProcess victim, Func<Task> back)
    {
        victim.Kill9();
        await WaitForAsync($"traffic answered by the others while '{fault}' is down", AnsweredAgain(survivorTraffic), Start);
        victim.Start();
        await back();
        output.WriteLine($"{fault}: the others kept serving; started again");
    }

    private static Func<Task<bool>> AnsweredAgain(WebChatTraffic traffic)
    {
        var before = traffic.AnsweredCount;
        return () => Task.FromResult(traffic.AnsweredCount > before + 6);
    }

    private Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout) => rig.WaitForAsync(what, condition, timeout);

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{port}");
}
