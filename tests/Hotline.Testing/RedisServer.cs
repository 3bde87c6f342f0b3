using System.Collections;
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
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>The ceiling a test's Redis gets unless it asks for another: far above what any suite stores.</summary>
    public const string DefaultMaxMemory = "256mb";

    private static readonly string[] Locations = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];

    private Process process;
    private readonly Queue<string> output = new();
    private int disposed;

    private RedisServer(Process process, int port, string dataDirectory, RedisUsers users, string maxMemory)
    {
        this.process = process;
        MaxMemory = maxMemory;
        Port = port;
        DataDirectory = dataDirectory;
        Users = users;
    }

    /// <summary>The ACL users and their passwords.</summary>
    public RedisUsers Users { get; }

    /// <summary>What a test host takes as HOTLINE_SECRETS_DIR: each service finds its Redis password there.</summary>
    public string SecretsDirectory => Users.SecretsDirectory;

    public int Port { get; }

    /// <summary>Its maxmemory, as redis-server was given it ("256mb").</summary>
    public string MaxMemory { get; }

    /// <summary>The folder holding redis's files (appendonlydir/ with the AOF); deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>"127.0.0.1:PORT", as HOTLINE_REDIS expects it.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

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
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("redis-server is not installed: run infra/test, which installs it (Debian package redis-server)");
        var dir = Directory.CreateTempSubdirectory("hotline-redis-").FullName;
        var users = RedisUsers.Create();
        for (var attempt = 1; ; attempt++)
        {
            // Another process may take the port between FreePort and redis binding it: then try another.
            var server = Launch(executable, FreePort.Next(), dir, users, maxMemory);
            if (await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(15), cancellationToken)) return server;
            var said = server.RecentOutput;
            server.Kill();
            if (attempt == 4)
            {
                TryDelete(dir);
                users.Delete();
                throw new InvalidOperationException($"redis-server did not answer PING on 127.0.0.1:{server.Port} after {attempt} tries. It said:\n{said}");
            }
        }
    }

    /// <summary>
    /// Kills redis-server at once (SIGKILL, nothing flushed on the way out) and starts it again on the same port and
    /// folder: it reads its AOF back, as after a crash. Returns once it answers PING.
    /// </summary>
    public async Task CrashAndRestartAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        // Its output goes on into this server's RecentOutput: what it said while reading the AOF back is what a failure shows.
        var again = Launch(FindExecutable()!, Port, DataDirectory, Users, MaxMemory, this);
        process = again.process;
        if (!await WaitUntilReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None))
        {
            throw new InvalidOperationException($"redis-server did not come back on 127.0.0.1:{Port}: {RecentOutput}");
        }
    }

    /// <summary>Freezes redis-server (SIGSTOP): connections stay open and nothing answers, as with a stalled host or network.</summary>
    public void Pause() => Signal(19);

    /// <summary>Lets a paused redis-server go on (SIGCONT).</summary>
    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        if (SendSignal(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>A new connection as the test-only user (every key, admin commands allowed); the caller disposes it.</summary>
    public ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect(Options());

    /// <summary>A new connection as the test-only user; the caller disposes it.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync(bool allowAdmin = true) => ConnectionMultiplexer.ConnectAsync(Options(allowAdmin));

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
        var server = mux.GetServer(ConnectionString);
        var entries = new List<RedisKeyDump>();
        var databases = server.DatabaseCount;
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
        entries.Sort((a, b) => a.Database != b.Database ? a.Database.CompareTo(b.Database) : string.CompareOrdinal(a.Key, b.Key));
        return new RedisDump(entries);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        if (!process.HasExited)
        {
            try
            {
                // SHUTDOWN over a plain socket: no client library state to tear down, and the AOF is flushed by redis itself.
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(TimeSpan.FromSeconds(2));
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"AUTH {RedisUsers.Inspector} {Users.Password(RedisUsers.Inspector)}\r\nSHUTDOWN NOSAVE\r\n"));
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException)
            {
                // Not answering: killed below.
            }
        }
        Kill();
        TryDelete(DataDirectory);
        Users.Delete();
    }

    private static RedisServer Launch(string executable, int port, string dir, RedisUsers users, string maxMemory, RedisServer? listener = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        string[] args =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "yes",
            "--dir", dir, "--appendonly", "yes", "--appendfsync", "always", "--aof-use-rdb-preamble", "no", "--save", "",
            "--daemonize", "no", "--logfile", "", "--loglevel", "warning", "--databases", "16", "--aclfile", users.AclFile,
            "--maxmemory", maxMemory, "--maxmemory-policy", "noeviction",
        ];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        var server = new RedisServer(process, port, dir, users, maxMemory);
        var heard = listener ?? server;
        process.OutputDataReceived += (_, e) => heard.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => heard.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
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

    private async Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var buffer = new byte[256];
        var hello = Encoding.ASCII.GetBytes($"AUTH {RedisUsers.Inspector} {Users.Password(RedisUsers.Inspector)}\r\nPING\r\n");
        while (watch.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync(hello, cancellationToken);
                // "+OK" to AUTH, then "-LOADING" while it reads the AOF, "+PONG" once it serves.
                var said = "";
                while (!said.Contains("\r\n", StringComparison.Ordinal) || said.IndexOf("\r\n", StringComparison.Ordinal) == said.LastIndexOf("\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, cancellationToken);
                    if (read == 0) break;
                    said += Encoding.ASCII.GetString(buffer, 0, read);
                }
                if (said.Contains("+PONG", StringComparison.Ordinal)) return true;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
            }
            await Task.Delay(50, cancellationToken);
        }
        return false;
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        process.Dispose();
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

/// <summary>One element of a key's value: a hash field or stream field with its value, or a bare value (Name null).</summary>
public sealed record RedisValuePart(byte[]? Name, byte[] Value);

/// <summary>One key as <see cref="RedisServer.AllKeysAndValuesAsync"/> found it.</summary>
public sealed record RedisKeyDump(int Database, string Key, byte[] KeyBytes, RedisType Type, TimeSpan? TimeToLive, IReadOnlyList<RedisValuePart> Parts)
{
    /// <summary>The key, then each part on its own line ("name=value" or "value"), bytes as they are: what a leak scan searches.</summary>
    public byte[] Bytes
    {
        get
        {
            using var buffer = new MemoryStream();
            buffer.Write(KeyBytes);
            foreach (var part in Parts)
            {
                buffer.WriteByte((byte)'\n');
                if (part.Name is not null)
                {
                    buffer.Write(part.Name);
                    buffer.WriteByte((byte)'=');
                }
                buffer.Write(part.Value);
            }
            return buffer.ToArray();
        }
    }

    /// <summary>The value as text (UTF-8, invalid bytes replaced), one part a line; hash and stream fields as "name=value".</summary>
    public string Text => string.Join('\n', Parts.Select(p =>
        p.Name is null ? Encoding.UTF8.GetString(p.Value) : $"{Encoding.UTF8.GetString(p.Name)}={Encoding.UTF8.GetString(p.Value)}"));

    /// <summary>Where this key is, for messages: "redis db0 key hl:events (Stream)".</summary>
    public string Location => $"redis db{Database} key {Key} ({Type})";
}

/// <summary>Every key Redis held at one moment. Also a dictionary from key name ("dbN:" prefixed outside database 0) to value text.</summary>
public sealed class RedisDump(IReadOnlyList<RedisKeyDump> entries) : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, RedisKeyDump> byName =
        entries.ToDictionary(e => e.Database == 0 ? e.Key : $"db{e.Database}:{e.Key}", StringComparer.Ordinal);

    public IReadOnlyList<RedisKeyDump> Entries => entries;

    public string this[string key] => byName[key].Text;
    public IEnumerable<string> Keys => byName.Keys;
    public IEnumerable<string> Values => byName.Values.Select(e => e.Text);
    public int Count => byName.Count;
    public bool ContainsKey(string key) => byName.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        var found = byName.TryGetValue(key, out var entry);
        value = entry?.Text;
        return found;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        byName.Select(e => KeyValuePair.Create(e.Key, e.Value.Text)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
