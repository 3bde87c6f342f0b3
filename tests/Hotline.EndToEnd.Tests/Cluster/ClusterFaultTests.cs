using System.Diagnostics;
using Hotline.EndToEnd.Tests.Faults;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Hotline.EndToEnd.Tests.Cluster;

/// <summary>
/// `infra/up --cluster` under faults: a Redis Cluster of three primaries, two Bots, two Triage workers and two Operator
/// services as real processes (`dotnet Hotline.X.dll`), web chat traffic to both Bots on 127.0.0.1. One Bot, one Triage
/// worker and one Operator service are killed with SIGKILL in turn; the other of each keeps serving meanwhile, and the
/// killed one is started again, as infra/up does. Nothing answered 200 may be lost or doubled, every urgent conversation
/// keeps its queued case, and nothing stays pending with a dead consumer.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Urgent = "burri po me rreh tani, ka thike ne dore, ndihme";
    private const string Ordinary = "kam nje pyetje per ju";
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(120);

    private readonly string dataDir = Directory.CreateTempSubdirectory("hotline-cluster-faults-").FullName;
    private readonly Uri[] bots = [Loopback(FreePort.Next()), Loopback(FreePort.Next())];
    private readonly Uri[] consoles = [Loopback(FreePort.Next()), Loopback(FreePort.Next())];
    private readonly List<ServiceProcess> processes = [];
    private TestTeam team = null!;
    private RedisServer redis = null!;
    private ConnectionMultiplexer inspector = null!;
    private ServiceProcess botA = null!, botB = null!, triageA = null!, operatorA = null!;

    private IDatabase Db => inspector.GetDatabase();

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartClusterAsync();
        inspector = await redis.ConnectAsync();
        await using (var admin = await redis.ConnectAsAsync("admin"))
        {
            team = await TestTeam.CreateAsync(admin.GetDatabase(), redis.SecretsDirectory);
        }
        var common = new Dictionary<string, string>(TestLimits.Raised.ToDictionary(p => p.Key, p => p.Value!))
        {
            ["HOTLINE_REDIS"] = redis.ConnectionString,
            ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
            ["HOTLINE_DATA_DIR"] = dataDir,
            ["HOTLINE_TEAM_KEY_FINGERPRINT"] = team.Fingerprint,
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        ServiceProcess Add(string project, Uri? url)
        {
            var process = new ServiceProcess(project, url is null ? common : new Dictionary<string, string>(common) { ["ASPNETCORE_URLS"] = url.ToString() });
            processes.Add(process);
            process.Start();
            return process;
        }
        triageA = Add("Triage", null);
        Add("Triage", null);
        botA = Add("Bot", bots[0]);
        botB = Add("Bot", bots[1]);
        operatorA = Add("Operator", consoles[0]);
        Add("Operator", consoles[1]);
        foreach (var (process, url) in new[] { (botA, bots[0]), (botB, bots[1]), (operatorA, consoles[0]), (processes[^1], consoles[1]) })
        {
            await process.WaitHealthyAsync(url, Start);
        }
        await WaitForAsync("the Triage workers' consumer group", async () =>
            await Db.KeyExistsAsync(RedisKeys.Events) && (await Db.StreamGroupInfoAsync(RedisKeys.Events)).Any(g => g.Name == "triage"), Start);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes) process.Dispose();
        inspector?.Dispose();
        if (redis is not null) await redis.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
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

        await AnsweredTraffic.AssertNothingLostAsync(inspector, answered, team, WaitForAsync);
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

    private async Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds} s: {what}\n" +
                    string.Join('\n', processes.Select(p => $"{p.Name}: {p.RecentOutput}")));
            }
            await Task.Delay(200);
        }
    }

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{port}");
}
