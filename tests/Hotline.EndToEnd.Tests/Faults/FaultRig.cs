using System.Diagnostics;
using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests.Faults;

/// <summary>
/// What every fault test stands on: a real redis-server (or a Redis Cluster of three primaries), the team key as
/// `admin init-demo` leaves it (the signed record, the services' signing keys and the fingerprint they pin), a connection
/// of the test's own, and the hotline's services as real processes with the environment infra/up gives them. Disposing
/// kills the processes, stops Redis and deletes the folders.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    private readonly List<ServiceProcess> services = [];
    private readonly Dictionary<string, string> environment;

    private FaultRig(RedisServer redis, ConnectionMultiplexer inspector, TestTeam team, string dataDir)
    {
        Redis = redis;
        Inspector = inspector;
        Team = team;
        DataDir = dataDir;
        environment = new Dictionary<string, string>(TestLimits.Raised.ToDictionary(p => p.Key, p => p.Value!))
        {
            ["HOTLINE_REDIS"] = redis.ConnectionString,
            ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
            ["HOTLINE_DATA_DIR"] = dataDir,
            ["HOTLINE_TEAM_KEY_FINGERPRINT"] = team.Fingerprint,
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
    }

    public RedisServer Redis { get; }

    /// <summary>The test's own connection (every key).</summary>
    public ConnectionMultiplexer Inspector { get; }

    public TestTeam Team { get; }

    public string DataDir { get; }

    public IDatabase Db => Inspector.GetDatabase();

    public static async Task<FaultRig> StartAsync(bool cluster)
    {
        var redis = cluster ? await RedisServer.StartClusterAsync() : await RedisServer.StartAsync();
        try
        {
            var inspector = await redis.ConnectAsync();
            await using var admin = await redis.ConnectAsAsync("admin");
            var team = await TestTeam.CreateAsync(admin.GetDatabase(), redis.SecretsDirectory);
            return new FaultRig(redis, inspector, team, Directory.CreateTempSubdirectory("hotline-faults-").FullName);
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one service (Bot, Triage, Operator) as a process, listening on <paramref name="url"/> when it is a web service.</summary>
    /// <param name="settings">Environment variables of this service's own, beside the rig's.</param>
    public ServiceProcess Start(string project, Uri? url = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var own = new Dictionary<string, string>(environment);
        if (url is not null) own["ASPNETCORE_URLS"] = url.ToString();
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) own[name] = value;
        var process = new ServiceProcess(project, own);
        services.Add(process);
        process.Start();
        return process;
    }

    /// <summary>Until the Triage workers' consumer group on hl:events exists.</summary>
    public Task WaitForTriageGroupAsync(TimeSpan timeout) => WaitForAsync("the Triage worker's consumer group", async () =>
        await Db.KeyExistsAsync(RedisKeys.Events) && (await Db.StreamGroupInfoAsync(RedisKeys.Events)).Any(g => g.Name == "triage"), timeout);

    /// <summary>Until the condition holds (a Redis error or time-out while asking counts as not yet), or fails with every service's output.</summary>
    public async Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
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
                    string.Join('\n', services.Select(s => $"{s.Name}: {s.RecentOutput}")));
            }
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in services) service.Dispose();
        Inspector.Dispose();
        await Redis.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
