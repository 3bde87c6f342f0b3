using System.Diagnostics;
using Xunit.Abstractions;

namespace Hotline.EndToEnd.Tests.Faults;

/// <summary>
/// Faults while web chat traffic flows to 127.0.0.1: the Bot, the Triage worker and the Operator service are real
/// processes killed with SIGKILL and started again, then Redis is frozen for 10 s (SIGSTOP, SIGCONT), then Redis itself is
/// killed with SIGKILL and started again on its append-only file.
/// After each, nothing answered 200 may be lost or doubled, every urgent conversation must have its case in the queue,
/// and no stream entry may stay pending with a dead consumer. Claim deadlines are short, so nobody claiming, every urgent
/// case runs its whole escalation ladder while the faults happen: no step may be lost with a killed worker or Redis.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Urgent = "burri po me rreh tani, ka thike ne dore, ndihme";
    private const string Ordinary = "kam nje pyetje per ju";
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(90);

    private readonly int botPort = FreePort.Next();
    private readonly int operatorPort = FreePort.Next();
    private FaultRig rig = null!;
    private ServiceProcess bot = null!, triage = null!, console = null!;

    private Uri BotUrl => new($"http://127.0.0.1:{botPort}");
    private Uri OperatorUrl => new($"http://127.0.0.1:{operatorPort}");

    public async Task InitializeAsync()
    {
        rig = await FaultRig.StartAsync(cluster: false);
        triage = rig.Start("Triage", settings: AnsweredTraffic.ShortDeadlines);
        bot = rig.Start("Bot", BotUrl);
        console = rig.Start("Operator", OperatorUrl);
        await bot.WaitHealthyAsync(BotUrl, Start);
        await console.WaitHealthyAsync(OperatorUrl, Start);
        await rig.WaitForTriageGroupAsync(Start);
    }

    public async Task DisposeAsync()
    {
        if (rig is not null) await rig.DisposeAsync();
    }

    [Fact]
    public async Task Under_traffic_killed_services_a_frozen_Redis_and_a_killed_Redis_lose_no_answered_message_and_leave_nothing_pending()
    {
        var watch = Stopwatch.StartNew();
        await using var traffic = await WebChatTraffic.StartAsync(BotUrl, visitors: 6, urgentEvery: 3, Urgent, Ordinary);

        await Task.Delay(TimeSpan.FromSeconds(3));
        await FaultAsync("kill -9 the Bot", traffic, async () =>
        {
            bot.Kill9();
            bot.Start();
            await bot.WaitHealthyAsync(BotUrl, Start);
        });
        await FaultAsync("kill -9 the Triage worker", traffic, () =>
        {
            triage.Kill9();
            triage.Start();
            return Task.CompletedTask;
        });
        await FaultAsync("kill -9 the Operator service", traffic, async () =>
        {
            console.Kill9();
            console.Start();
            await console.WaitHealthyAsync(OperatorUrl, Start);
        });
        await FaultAsync("Redis unreachable for 10 s", traffic, async () =>
        {
            rig.Redis.Pause();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
            }
            finally
            {
                rig.Redis.Resume();
            }
        });
        // What Redis answered is on disk (appendfsync always): it must all come back, the person's messages (written as
        // MULTI … EXEC) as well as the bot's replies.
        await FaultAsync("kill -9 Redis and start it again", traffic, rig.Redis.CrashAndRestartAsync);
        var answered = await traffic.StopAsync();
        output.WriteLine($"{answered.Count} messages answered 200, {traffic.Failed} not (during faults), faults done at {watch.Elapsed.TotalSeconds:F0} s");
        Assert.True(answered.Count >= 30, $"only {answered.Count} messages were answered 200: {bot.RecentOutput}");

        await AnsweredTraffic.AssertNothingLostAsync(rig.Inspector, answered, rig.Team, WaitForAsync);
        var escalated = await AnsweredTraffic.AssertEveryUrgentCaseEscalatedAsync(rig.Inspector, answered, WaitForAsync);
        output.WriteLine($"{escalated} urgent cases escalated to the fallback");
        output.WriteLine($"checked in {watch.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>Injects one fault while traffic flows, then lets traffic run until a message is answered again.</summary>
    private async Task FaultAsync(string fault, WebChatTraffic traffic, Func<Task> inject)
    {
        var before = traffic.AnsweredCount;
        await inject();
        await WaitForAsync($"a message answered after '{fault}' ({before} before, {traffic.AnsweredCount} now, {traffic.Failed} failed)", () => Task.FromResult(traffic.AnsweredCount > before + 6), Start);
        output.WriteLine($"{fault}: served again");
    }

    private Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout) => rig.WaitForAsync(what, condition, timeout);
}
