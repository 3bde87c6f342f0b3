using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>
/// A real Debian redis-server for one test run: a free loopback port, its data in a fresh temporary folder
/// (AOF on, fsync always, as the hotline runs it), shut down and deleted on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;

    private RedisServer(Process process, int port, string dataDirectory)
    {
        this.process = process;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }
    public string DataDirectory { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run infra/test, which installs Debian's redis-server");
        var dir = Directory.CreateTempSubdirectory("hotline-redis-").FullName;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var info = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dir,
                "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no", "--protected-mode", "yes",
                "--logfile", "", "--loglevel", "warning",
            })
            {
                info.ArgumentList.Add(arg);
            }
            var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new RedisServer(process, port, dir);
            if (await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(10), cancellationToken)) return server;
            process.Kill(entireProcessTree: true);
            if (attempt >= 3)
            {
                Directory.Delete(dir, recursive: true);
                throw new InvalidOperationException($"redis-server did not answer PING on port {port}");
            }
        }
    }

    public Task<ConnectionMultiplexer> ConnectAsync(bool allowAdmin = false) =>
        ConnectionMultiplexer.ConnectAsync($"{ConnectionString},allowAdmin={allowAdmin.ToString().ToLowerInvariant()}");

    /// <summary>Every key with its value rendered as text, of every type, for leak scans and before/after comparisons.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AllKeysAndValuesAsync()
    {
        await using var mux = await ConnectAsync(allowAdmin: true);
        var db = mux.GetDatabase();
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in mux.GetServer(ConnectionString).Keys(pattern: "*", pageSize: 1000))
        {
            var type = await db.KeyTypeAsync(key);
            result[key.ToString()] = type switch
            {
                RedisType.String => (string?)await db.StringGetAsync(key) ?? "",
                RedisType.Hash => string.Join("\n", (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
                RedisType.List => string.Join("\n", await db.ListRangeAsync(key)),
                RedisType.Set => string.Join("\n", (await db.SetMembersAsync(key)).Select(v => v.ToString()).Order(StringComparer.Ordinal)),
                RedisType.SortedSet => string.Join("\n", (await db.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}:{e.Score}")),
                RedisType.Stream => string.Join("\n", (await db.StreamRangeAsync(key)).Select(e => e.Id + " " + string.Join(";", e.Values.Select(v => $"{v.Name}={v.Value}")))),
                _ => $"<{type}>",
            };
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var mux = await ConnectAsync(allowAdmin: true);
            await mux.GetServer(ConnectionString).ExecuteAsync("SHUTDOWN", "NOSAVE");
        }
        catch (RedisException)
        {
            // Already gone, or refused: killed below.
        }
        if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
        process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    private async Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read >= 5 && System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)) return true;
            }
            catch (SocketException)
            {
            }
            await Task.Delay(50, cancellationToken);
        }
        return false;
    }
}

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
