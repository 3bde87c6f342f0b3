using System.Diagnostics;
using System.Text.RegularExpressions;
using Hotline.Screening;

namespace Hotline.Bench;

/// <summary>
/// <c>--cpu N</c>: messages per second of CPU time (the process's own, so time the shared machine gives to others does
/// not count), and bytes allocated per message, for the screener with and without the learned opinion, with the
/// doubled lexicon (<see cref="DoubledLexicon"/>, with the opinion) and the naive regex baseline, per language, over the benchmark's messages (N × 64 each). A cross-check of the BenchmarkDotNet
/// run when the machine is loaded; the BenchmarkDotNet figures remain the reference on a quiet machine.
/// </summary>
internal static class CpuTime
{
    public static void Print(int rounds)
    {
        var doubled = DoubledLexicon.Screener();
        var naive = NaiveRegexScreener.Patterns.Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled)).ToArray();
        foreach (var (language, source) in new[] { ("sq", Messages.Albanian), ("en", Messages.English) })
        {
            var messages = Messages.Build(source, 64);
            Measure($"Screen_{language} (rules + opinion)", rounds, messages, m => (int)Screener.Default.Screen(m).Severity);
            Measure($"Screen_{language} (rules alone)", rounds, messages, m => (int)Screener.RulesOnly.Screen(m).Severity);
            Measure($"ScreenDoubledLexicon_{language}", rounds, messages, m => (int)doubled.Screen(m).Severity);
            Measure($"NaiveRegex_{language}", rounds, messages, m => NaiveRegexScreener.Run(naive, [m]));
        }
    }

    /// <summary><c>--cpu-phases N</c>: the same CPU-time measure, cumulative by step (tokenise, look up, match, the whole screen).</summary>
    public static void PrintPhases(int rounds, bool doubledLexicon = false)
    {
        var screener = doubledLexicon ? DoubledLexicon.Screener() : Screener.Default;
        var lexicon = doubledLexicon ? DoubledLexicon.Lexicon : Lexicon.Embedded;
        var s = new Scratch();
        foreach (var (language, source) in new[] { ("sq", Messages.Albanian), ("en", Messages.English) })
        {
            var messages = Messages.Build(source, 64);
            Measure($"Tokenize_{language}", rounds, messages, m => { Tokenizer.Tokenize(m, s, lexicon.Rewrites); return s.Count; });
            Measure($"+Lookup_{language}", rounds, messages, m => { Tokenizer.Tokenize(m, s, lexicon.Rewrites); screener.Lookup(s); return s.HitLength; });
            Measure($"+Match_{language}", rounds, messages, m => { Tokenizer.Tokenize(m, s, lexicon.Rewrites); screener.Lookup(s); screener.Match(s); return s.MatchCount; });
            Measure($"Screen_{language}", rounds, messages, m => (int)screener.Screen(m).Severity);
        }
    }

    private static void Measure(string name, int rounds, string[] messages, Func<string, int> screen)
    {
        var sum = 0;
        // warm up past tiered compilation (methods shared by the screeners would otherwise be charged to the first one)
        for (var round = 0; round < 5; round++)
        {
            for (var w = 0; w < 5000; w++) sum += screen(messages[w % messages.Length]);
            Thread.Sleep(100);
        }
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var count = 0L;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var m in messages) sum += screen(m);
            count += messages.Length;
        }
        process.Refresh();
        var seconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)count;
        Console.WriteLine(FormattableString.Invariant($"{name,-34} {count / seconds,10:F0} messages per CPU-second  {1e6 * seconds / count,7:F2} µs  {bytes,6:F0} B/message  (checksum {sum})"));
    }
}
