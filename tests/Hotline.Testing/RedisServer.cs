using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>
/// A real Debian redis-server for one test run: a free 127.0.0.1 port, its data in a fresh temporary folder
/// (AOF on, fsync always, no RDB snapshots, a plain-text AOF even after a rewrite: as infra/redis.conf), shut down and the
/// folder deleted on dispose. It runs production's ACL (infra/redis-users.acl, see <see cref="RedisUsers"/>): nothing is
/// served without a user and password, and a host given HOTLINE_SECRETS_DIR = <see cref="SecretsDirectory"/> connects as its
/// own service's user. The test's own connections (<see cref="Connect"/>) use a test-only user that may do everything.
/// Like production it has a maxmemory and never evicts (noeviction): at the ceiling writes are refused with OOM.
/// <see cref="StartClusterAsync"/> starts a Redis Cluster of three primaries instead, as `infra/up --cluster` does: every
/// member then acts on all three nodes (crash, pause, dump, dispose) and <see cref="ConnectionString"/> names them all.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>The ceiling a test's Redis gets unless it asks for another: far above what any suite stores.</summary>
    public const string DefaultMaxMemory = "256mb";

    private static readonly string[] Locations = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];

    private readonly List<Node> nodes;
    private readonly Queue<string> output = new();
    private int disposed;

    private RedisServer(List<Node> nodes, string dataDirectory, RedisUsers users, string maxMemory)
    {
        this.nodes = nodes;
        MaxMemory = maxMemory;
        DataDirectory = dataDirectory;
        Users = users;
    }

    /// <summary>The file in which each node of a cluster keeps the cluster's topology (redis-server writes it and holds it locked).</summary>
    public const string ClusterConfigFile = "nodes.conf";

    /// <summary>Environment variable that makes every <see cref="HotlineHost"/> run on a three-primary cluster (infra/test --cluster).</summary>
    public const string ClusterVariable = "HOTLINE_TEST_CLUSTER";

    /// <summary>True when <see cref="ClusterVariable"/> asks for the cluster ("1" or "true").</summary>
    public static bool ClusterRequested => Environment.GetEnvironmentVariable(ClusterVariable) is "1" or "true";

    /// <summary>The ACL users and their passwords.</summary>
    public RedisUsers Users { get; }

    /// <summary>What a test host takes as HOTLINE_SECRETS_DIR: each service finds its Redis password there.</summary>
    public string SecretsDirectory => Users.SecretsDirectory;

    /// <summary>The (first) node's port.</summary>
    public int Port => nodes[0].Port;

    /// <summary>Every node's port: one, or three in a cluster.</summary>
    public IReadOnlyList<int> Ports => nodes.Select(n => n.Port).ToArray();

    /// <summary>True when this is a Redis Cluster (three primaries).</summary>
    public bool IsCluster => nodes.Count > 1;

    /// <summary>Its maxmemory, as redis-server was given it ("256mb").</summary>
    public string MaxMemory { get; }

    /// <summary>The folder holding redis's files (appendonlydir/ with the AOF; in a cluster one subfolder per node); deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>"127.0.0.1:PORT" (comma-separated, one per node, in a cluster), as HOTLINE_REDIS expects it.</summary>
    public string ConnectionString => string.Join(',', nodes.Select(n => n.Address));

    /// <summary>What redis-server printed lately (its log at warning level), for failure messages.</summary>
    public string RecentOutput
    {
        get { lock (output) return string.Join('\n', output); }
    }

    /// <summary>The path of redis-server, or null when it is not installed.</summary>
    public static string? FindExecutable() =>
        Locations.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    /// <summary>Starts redis-server with this maxmemory (noeviction) and returns once it answers PING.</summary>
    /// <exception cref="InvalidOperationException">redis-server is not installed, or did not come up.</exception>
    public static async Task<RedisServer> StartAsync(string maxMemory = DefaultMaxMemory, CancellationToken cancellationToken = default)
    {
        var executable = Executable();
        var dir = Directory.CreateTempSubdirectory("hotline-redis-").FullName;
        var users = RedisUsers.Create();
        var server = new RedisServer([], dir, users, maxMemory);
        try
        {
            server.nodes.Add(await server.LaunchUntilReadyAsync(executable, dir, cluster: false, cancellationToken));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a Redis Cluster of three primaries (no replicas) on free loopback ports, each with its own data folder, the
    /// 16384 slots spread over them as `redis-cli --cluster create` would, and returns once every node reports the cluster ok.
    /// </summary>
    public static async Task<RedisServer> StartClusterAsync(string maxMemory = DefaultMaxMemory, CancellationToken cancellationToken = default)
    {
        var executable = Executable();
        var dir = Directory.CreateTempSubdirectory("hotline-redis-cluster-").FullName;
        var users = RedisUsers.Create();
        var server = new RedisServer([], dir, users, maxMemory);
        try
        {
            for (var n = 0; n < 3; n++)
            {
                var nodeDir = Path.Combine(dir, "node-" + (n + 1).ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(nodeDir);
                server.nodes.Add(await server.LaunchUntilReadyAsync(executable, nodeDir, cluster: true, cancellationToken));
            }
            const int slots = 16384;
            for (var n = 0; n < server.nodes.Count; n++)
            {
                var first = slots * n / server.nodes.Count;
                var last = slots * (n + 1) / server.nodes.Count - 1;
                await server.CommandAsync(server.nodes[n], $"CLUSTER ADDSLOTSRANGE {first} {last}", cancellationToken);
            }
            foreach (var other in server.nodes.Skip(1))
            {
                await server.CommandAsync(server.nodes[0], $"CLUSTER MEET 127.0.0.1 {other.Port} {other.BusPort}", cancellationToken);
            }
            await server.WaitUntilClusterOkAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static string Executable() => FindExecutable()
        ?? throw new InvalidOperationException("redis-server is not installed: run infra/test, which installs it (Debian package redis-server)");

    private async Task<Node> LaunchUntilReadyAsync(string executable, string dir, bool cluster, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Another process may take a port between FreePort and redis binding it: then try others.
            var node = Launch(executable, new Node(FreePort.Next(), cluster ? FreePort.Next() : null, dir));
            if (await WaitUntilReadyAsync(node, TimeSpan.FromSeconds(15), cancellationToken)) return node;
            var said = RecentOutput;
            node.Kill();
            if (attempt == 4)
            {
                throw new InvalidOperationException($"redis-server did not answer PING on {node.Address} after {attempt} tries. It said:\n{said}");
            }
        }
    }

    /// <summary>
    /// Kills redis-server at once (SIGKILL, nothing flushed on the way out; every node of a cluster) and starts it again on
    /// the same port and folder: it reads its AOF back (and a cluster node its nodes.conf), as after a crash. Returns once it
    /// answers PING (and a cluster reports ok).
    /// </summary>
    public async Task CrashAndRestartAsync()
    {
        foreach (var node in nodes) await node.KillAndWaitAsync();
        // Its output goes on into this server's RecentOutput: what it said while reading the AOF back is what a failure shows.
        foreach (var node in nodes) Launch(FindExecutable()!, node);
        foreach (var node in nodes)
        {
            if (!await WaitUntilReadyAsync(node, TimeSpan.FromSeconds(30), CancellationToken.None))
            {
                throw new InvalidOperationException($"redis-server did not come back on {node.Address}: {RecentOutput}");
            }
        }
        if (IsCluster) await WaitUntilClusterOkAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
    }

    /// <summary>Kills one node of a cluster (SIGKILL) and starts it again on its port, folder and nodes.conf; returns once the cluster is ok again.</summary>
    public async Task CrashAndRestartNodeAsync(int index)
    {
        var node = nodes[index];
        await node.KillAndWaitAsync();
        Launch(FindExecutable()!, node);
        if (!await WaitUntilReadyAsync(node, TimeSpan.FromSeconds(30), CancellationToken.None))
        {
            throw new InvalidOperationException($"redis-server did not come back on {node.Address}: {RecentOutput}");
        }
        if (IsCluster) await WaitUntilClusterOkAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
    }

    /// <summary>Freezes redis-server (SIGSTOP, every node): connections stay open and nothing answers, as with a stalled host or network.</summary>
    public void Pause() => Signal(19);

    /// <summary>Lets a paused redis-server go on (SIGCONT).</summary>
    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        foreach (var node in nodes)
        {
            if (SendSignal(node.Process.Id, signal) != 0) throw new InvalidOperationException($"kill({node.Process.Id}, {signal}) failed");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>A new connection as the test-only user (every key, admin commands allowed); the caller disposes it.</summary>
    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(Options());

    /// <summary>A new connection as the test-only user; the caller disposes it.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync(bool allowAdmin = true) => ConnectionMultiplexer.ConnectAsync(Options(allowAdmin));

    /// <summary>Each node of this server on a connection of the test's (one, or the three primaries of a cluster): for KEYS, INFO, CLIENT LIST, BGREWRITEAOF.</summary>
    public IReadOnlyList<IServer> Servers(IConnectionMultiplexer connection) => nodes.Select(n => connection.GetServer(n.Address)).ToArray();

    /// <summary>A new connection as one of the hotline's users (bot, triage, operator, admin, ops), as that service connects.</summary>
    public Task<ConnectionMultiplexer> ConnectAsAsync(string user) =>
        ConnectionMultiplexer.ConnectAsync($"{ConnectionString},user={user},password={Users.Password(user)},allowAdmin=true,abortConnect=false,connectTimeout=5000");

    /// <summary>
    /// Every key of every database with its whole value (strings, hashes, lists, sets, sorted sets, streams), as text and as
    /// raw bytes, for leak scans and before/after comparisons. As a dictionary: key name (prefixed "dbN:" outside database 0) to text.
    /// </summary>
    public async Task<RedisDump> AllKeysAndValuesAsync()
    {
        await using var mux = await ConnectAsync();
        var entries = new List<RedisKeyDump>();
        foreach (var node in nodes)
        {
            var server = mux.GetServer(node.Address);
            var databases = IsCluster ? 1 : server.DatabaseCount;
            for (var n = 0; n < databases; n++)
            {
                if (await server.DatabaseSizeAsync(n) == 0) continue;
                var db = mux.GetDatabase(n);
                await foreach (var key in server.KeysAsync(database: n, pattern: "*", pageSize: 1000))
                {
                    var entry = await DumpKeyAsync(db, n, key);
                    if (entry is not null) entries.Add(entry);
                }
            }
        }
        entries.Sort((a, b) => a.Database != b.Database ? a.Database.CompareTo(b.Database) : string.CompareOrdinal(a.Key, b.Key));
        return new RedisDump(entries);
    }

    /// <summary>
    /// BGREWRITEAOF on every node, as the Triage worker's schedule asks for it, and returns once each node finished it and
    /// removed the files it replaced: from then on the append-only files hold only what Redis holds.
    /// </summary>
    public async Task RewriteAofAsync()
    {
        foreach (var node in nodes)
        {
            var before = await AofRewritesAsync(node);
            for (var deadline = DateTime.UtcNow.AddSeconds(60); before < 0 && DateTime.UtcNow < deadline; before = await AofRewritesAsync(node)) await Task.Delay(100);
            for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(100))
            {
                try
                {
                    await CommandAsync(node, "BGREWRITEAOF", CancellationToken.None);
                    break;
                }
                catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
                {
                    // A rewrite Redis started itself is under way: ask again once it is done.
                }
            }
            for (var deadline = DateTime.UtcNow.AddSeconds(60); await AofRewritesAsync(node) is var now && (now < 0 || now <= before); await Task.Delay(100))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{node.Address} did not finish an AOF rewrite within 60 s");
            }
            await WaitUntilAofFilesReplacedAsync(node.Directory);
        }
    }

    /// <summary>
    /// Waits until Redis removed (in a background thread) the append-only files a rewrite replaced: only the files its
    /// manifest lists are left in <c>appendonlydir</c> under <paramref name="directory"/> (this server's folder unless given).
    /// </summary>
    public async Task WaitUntilAofFilesReplacedAsync(string? directory = null)
    {
        var dir = Path.Combine(directory ?? DataDirectory, "appendonlydir");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var manifest = Directory.EnumerateFiles(dir, "*.manifest").Single();
            var listed = File.ReadAllLines(manifest).Select(l => l.Split(' ')).Where(p => p.Length > 1 && p[0] == "file" && !(p.Length > 5 && p[^2] == "type" && p[^1] == "h")).Select(p => p[1]).ToHashSet();
            var present = Directory.EnumerateFiles(dir).Select(Path.GetFileName).Where(n => n != Path.GetFileName(manifest)).ToHashSet();
            if (present.SetEquals(listed!)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Redis did not remove the replaced AOF files within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>How many AOF rewrites the node finished, or -1 while one is under way.</summary>
    private async Task<long> AofRewritesAsync(Node node)
    {
        var info = (await CommandAsync(node, "INFO persistence", CancellationToken.None)).Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return info.GetValueOrDefault("aof_rewrite_in_progress") == "1" ? -1 : long.Parse(info.GetValueOrDefault("aof_rewrites", "0"), CultureInfo.InvariantCulture);
    }

    /// <summary>Empties every database of every node (FLUSHALL on each primary).</summary>
    public async Task FlushAllAsync()
    {
        foreach (var node in nodes) await CommandAsync(node, "FLUSHALL", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        foreach (var node in nodes)
        {
            if (node.Process.HasExited) continue;
            try
            {
                // SHUTDOWN over a plain socket: no client library state to tear down, and the AOF is flushed by redis itself.
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, node.Port).WaitAsync(TimeSpan.FromSeconds(2));
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"AUTH {RedisUsers.Inspector} {Users.Password(RedisUsers.Inspector)}\r\nSHUTDOWN NOSAVE\r\n"));
                await node.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException)
            {
                // Not answering: killed below.
            }
        }
        foreach (var node in nodes) node.Kill();
        TryDelete(DataDirectory);
        Users.Delete();
    }

    private Node Launch(string executable, Node node)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = node.Directory,
        };
        List<string> args =
        [
            "--port", node.Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "yes",
            "--dir", node.Directory, "--appendonly", "yes", "--appendfsync", "always", "--aof-use-rdb-preamble", "no", "--save", "",
            "--daemonize", "no", "--logfile", "", "--loglevel", "warning", "--databases", "16", "--aclfile", Users.AclFile,
            "--maxmemory", MaxMemory, "--maxmemory-policy", "noeviction", "--notify-keyspace-events", "Kgh",
        ];
        if (node.BusPort is { } bus)
        {
            // As infra/up --cluster runs its nodes; the bus port is chosen free too, not port + 10000.
            args.AddRange(["--cluster-enabled", "yes", "--cluster-config-file", ClusterConfigFile, "--cluster-node-timeout", "5000",
                "--cluster-port", bus.ToString(CultureInfo.InvariantCulture)]);
        }
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        node.Process = process;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > 50) output.Dequeue();
        }
    }

    private string Options(bool allowAdmin = true) =>
        $"{ConnectionString},user={RedisUsers.Inspector},password={Users.Password(RedisUsers.Inspector)},allowAdmin={(allowAdmin ? "true" : "false")},abortConnect=false,connectTimeout=5000";

    private async Task<bool> WaitUntilReadyAsync(Node node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !node.Process.HasExited)
        {
            try
            {
                // "-LOADING" while it reads the AOF, "+PONG" once it serves.
                if (await CommandAsync(node, "PING", cancellationToken) == "PONG") return true;
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidOperationException)
            {
            }
            await Task.Delay(50, cancellationToken);
        }
        return false;
    }

    private async Task WaitUntilClusterOkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var info = "";
        while (watch.Elapsed < timeout)
        {
            var ok = true;
            foreach (var node in nodes)
            {
                info = await CommandAsync(node, "CLUSTER INFO", cancellationToken);
                // Every node must know all three and serve every slot: a client may ask any of them for the map.
                ok &= info.Contains("cluster_state:ok", StringComparison.Ordinal) && info.Contains($"cluster_known_nodes:{nodes.Count}", StringComparison.Ordinal);
            }
            if (ok) return;
            await Task.Delay(100, cancellationToken);
        }
        throw new InvalidOperationException($"the Redis Cluster on {ConnectionString} did not reach state ok: {info}\n{RecentOutput}");
    }

    /// <summary>One inline command to one node as the test-only user, over a plain socket; the reply's text (a status, a number or a bulk string).</summary>
    /// <exception cref="InvalidOperationException">Redis answered with an error.</exception>
    private async Task<string> CommandAsync(Node node, string command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, node.Port, cancellationToken);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {RedisUsers.Inspector} {Users.Password(RedisUsers.Inspector)}\r\n{command}\r\n"), cancellationToken);
        var auth = await reader.ReadLineAsync(cancellationToken);
        if (auth != "+OK") throw new InvalidOperationException($"AUTH on {node.Address}: {auth}");
        var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException($"{node.Address} closed the connection");
        switch (line[0])
        {
            case '-':
                throw new InvalidOperationException($"{command.Split(' ')[0]} on {node.Address}: {line[1..]}");
            case '$':
                var length = int.Parse(line.AsSpan(1), CultureInfo.InvariantCulture);
                if (length < 0) return "";
                var body = new char[length + 2];
                var read = 0;
                while (read < body.Length)
                {
                    var n = await reader.ReadAsync(body.AsMemory(read), cancellationToken);
                    if (n == 0) throw new IOException($"{node.Address} closed the connection");
                    read += n;
                }
                return new string(body, 0, length);
            default:
                return line[1..];
        }
    }

    /// <summary>One redis-server process: its client port, its cluster bus port (null outside a cluster) and its folder.</summary>
    private sealed class Node(int port, int? busPort, string directory)
    {
        public int Port { get; } = port;

        public int? BusPort { get; } = busPort;

        public string Directory { get; } = directory;

        public Process Process { get; set; } = null!;

        public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

        public async Task KillAndWaitAsync()
        {
            Process.Kill();
            await Process.WaitForExitAsync();
            Process.Dispose();
        }

        public void Kill()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
            Process.Dispose();
        }
    }

    private static void TryDelete(string dir)
    {
        for (var attempt = 0; attempt < 3 && Directory.Exists(dir); attempt++)
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Thread.Sleep(100); }
        }
    }

    private static async Task<RedisKeyDump?> DumpKeyAsync(IDatabase db, int database, RedisKey key)
    {
        var type = await db.KeyTypeAsync(key);
        var parts = new List<(byte[]? Name, byte[] Value)>();
        switch (type)
        {
            case RedisType.None:
                return null; // expired or deleted since the scan saw it
            case RedisType.String:
                parts.Add((null, Bytes(await db.StringGetAsync(key))));
                break;
            case RedisType.Hash:
                foreach (var e in await db.HashGetAllAsync(key)) parts.Add((Bytes(e.Name), Bytes(e.Value)));
                break;
            case RedisType.List:
                foreach (var v in await db.ListRangeAsync(key)) parts.Add((null, Bytes(v)));
                break;
            case RedisType.Set:
                foreach (var v in await db.SetMembersAsync(key)) parts.Add((null, Bytes(v)));
                break;
            case RedisType.SortedSet:
                foreach (var e in await db.SortedSetRangeByRankWithScoresAsync(key))
                {
                    parts.Add((Bytes(e.Element), Encoding.ASCII.GetBytes(e.Score.ToString("R", CultureInfo.InvariantCulture))));
                }
                break;
            case RedisType.Stream:
                foreach (var e in await db.StreamRangeAsync(key))
                {
                    parts.Add((null, Encoding.ASCII.GetBytes($"id {e.Id}")));
                    foreach (var v in e.Values) parts.Add((Bytes(v.Name), Bytes(v.Value)));
                }
                try
                {
                    foreach (var g in await db.StreamGroupInfoAsync(key)) parts.Add((null, Encoding.UTF8.GetBytes($"group {g.Name}")));
                }
                catch (RedisServerException)
                {
                    // No groups.
                }
                break;
            default:
                parts.Add((null, (byte[]?)await db.KeyDumpAsync(key) ?? []));
                break;
        }
        var ttl = await db.KeyTimeToLiveAsync(key);
        return new RedisKeyDump(database, key.ToString(), (byte[])key!, type, ttl, parts.Select(p => new RedisValuePart(p.Name, p.Value)).ToArray());
    }

    private static byte[] Bytes(RedisValue value) => value.IsNull ? [] : (byte[])value!;
}
