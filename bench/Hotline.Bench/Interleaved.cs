using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Hotline.Bench;

/// <summary>
/// <c>--interleaved DIR_A DIR_B CHUNKS</c>: two builds of this benchmark (their bin/Release/net10.0 folders) loaded side
/// by side in one process, each in an <see cref="AssemblyLoadContext"/> of its own, and screened chunk by chunk in turn
/// (30 × the 64 benchmark messages a chunk, the order of the two swapped every chunk), in the thread's own CPU time. Both
/// see the same load at the same moment, so the ratio of the two holds where separate runs spread by ±10 %. Prints, per
/// screener (rules + opinion, rules alone, doubled lexicon) and language, the median µs a message of each and the median
/// and quartiles of the per-chunk ratio B/A.
/// </summary>
internal static class Interleaved
{
    private const int Rounds = 30;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadSeconds()
    {
        const int threadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID
        ClockGetTime(threadCpuTime, out var t);
        return t.Seconds + t.Nanoseconds * 1e-9;
    }

    private sealed class Build : AssemblyLoadContext
    {
        private readonly string folder;

        public Build(string folder) : base(folder, isCollectible: false) => this.folder = folder;

        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    /// <summary>The build's three screeners as delegates, and its Albanian and English messages.</summary>
    private static (Func<string, object>[] Screens, string[][] Messages) Open(string folder)
    {
        var build = new Build(Path.GetFullPath(folder));
        var bench = build.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(folder), "Hotline.Bench.dll"));
        var screening = build.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(folder), "Hotline.Screening.dll"));
        var screener = screening.GetType("Hotline.Screening.Screener", throwOnError: true)!;
        var screen = screener.GetMethod("Screen")!;
        Func<string, object> Of(object instance) => (Func<string, object>)Delegate.CreateDelegate(typeof(Func<string, object>), instance, screen);
        var doubled = bench.GetType("Hotline.Bench.DoubledLexicon", throwOnError: true)!
            .GetMethod("Screener", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(null, [true])!;
        var messages = bench.GetType("Hotline.Bench.Messages", throwOnError: true)!;
        string[] Messages(string field) => (string[])messages.GetMethod("Build")!.Invoke(null, [messages.GetField(field)!.GetValue(null)!, 64])!;
        return ([Of(screener.GetProperty("Default")!.GetValue(null)!), Of(screener.GetProperty("RulesOnly")!.GetValue(null)!), Of(doubled)],
            [Messages("Albanian"), Messages("English")]);
    }

    public static void Print(string folderA, string folderB, int chunks)
    {
        var builds = new[] { Open(folderA), Open(folderB) };
        string[] names = ["rules + opinion", "rules alone", "doubled lexicon"];
        var times = new List<double>[2, names.Length, 2];
        foreach (var b in new[] { 0, 1 }) for (var j = 0; j < names.Length; j++) for (var k = 0; k < 2; k++) times[b, j, k] = [];
        var sum = 0;
        // warm up past tiered compilation
        foreach (var (screens, messages) in builds)
        {
            foreach (var f in screens) foreach (var language in messages) for (var r = 0; r < 400; r++) foreach (var m in language) sum += f(m).GetHashCode() & 1;
        }
        for (var c = 0; c < chunks; c++)
        {
            for (var j = 0; j < names.Length; j++)
            {
                for (var k = 0; k < 2; k++)
                {
                    foreach (var b in c % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                    {
                        var f = builds[b].Screens[j];
                        var messages = builds[b].Messages[k];
                        var start = ThreadSeconds();
                        for (var r = 0; r < Rounds; r++) foreach (var m in messages) sum += f(m).GetHashCode() & 1;
                        times[b, j, k].Add(1e6 * (ThreadSeconds() - start) / (Rounds * messages.Length));
                    }
                }
            }
        }
        Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}; {chunks} chunks; A = {folderA}, B = {folderB}");
        for (var j = 0; j < names.Length; j++)
        {
            for (var k = 0; k < 2; k++)
            {
                var a = times[0, j, k];
                var b = times[1, j, k];
                var ratios = a.Zip(b, (x, y) => y / x).Order().ToArray();
                Console.WriteLine(FormattableString.Invariant(
                    $"{names[j],-16} {(k == 0 ? "sq" : "en")}  A {Median(a),5:F2} µs ({1e6 / Median(a),7:F0}/s)  B {Median(b),5:F2} µs ({1e6 / Median(b),7:F0}/s)  B/A {ratios[ratios.Length / 2]:F3} [{ratios[ratios.Length / 4]:F3}..{ratios[3 * ratios.Length / 4]:F3}]"));
            }
        }
        Console.WriteLine($"(checksum {sum})");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
