using System.Diagnostics;
using System.Globalization;

namespace Hotline.Bench;

/// <summary>
/// How many times redis-server synced its append-only file while a part ran: its <c>fdatasync</c> and <c>fsync</c> calls,
/// counted by the kernel's syscall tracepoints (<c>perf stat -e syscalls:sys_enter_fdatasync,syscalls:sys_enter_fsync -p
/// PID</c>). With <c>appendfsync always</c> Redis syncs once in every turn of its loop that wrote anything, before it answers
/// anyone in that turn, so this is the number of turns every client waited for the disk. INFO has no such counter in Redis
/// 7.0. Null when perf cannot be started or may not read the tracepoints (it needs the rights to trace another process).
/// </summary>
public sealed class SyncCount : IAsyncDisposable
{
    private readonly Process perf;
    private readonly Task<string> errors;

    private SyncCount(Process perf)
    {
        this.perf = perf;
        errors = perf.StandardError.ReadToEndAsync();
    }

    public static async Task<SyncCount?> StartAsync(int pid)
    {
        var start = new ProcessStartInfo("perf", ["stat", "-x", ",", "-e", "syscalls:sys_enter_fdatasync,syscalls:sys_enter_fsync", "-p", pid.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        try
        {
            var perf = Process.Start(start);
            if (perf is null) return null;
            // perf attaches within milliseconds; one that could not (no rights, no tracepoints) has exited by then.
            await Task.Delay(300);
            if (perf.HasExited)
            {
                perf.Dispose();
                return null;
            }
            return new SyncCount(perf);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Stops counting: the syncs since the start, or null when perf printed no count.</summary>
    public async Task<long?> StopAsync()
    {
        // perf stat prints its counts when interrupted; SIGINT by kill, as .NET has no portable way to send it.
        using (var kill = Process.Start("kill", ["-INT", perf.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await perf.WaitForExitAsync();
        long? total = null;
        foreach (var line in (await errors).Split('\n'))
        {
            // CSV: count,unit,event,…
            var parts = line.Split(',');
            if (parts.Length > 2 && parts[2].StartsWith("syscalls:sys_enter_f", StringComparison.Ordinal) && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var n))
            {
                total = (total ?? 0) + n;
            }
        }
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        if (!perf.HasExited)
        {
            perf.Kill();
            await perf.WaitForExitAsync();
        }
        perf.Dispose();
    }
}
