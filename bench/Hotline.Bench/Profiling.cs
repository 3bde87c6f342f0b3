using Hotline.Screening;

namespace Hotline.Bench;

/// <summary>
/// Helpers for speed work outside BenchmarkDotNet: <c>--stats</c> prints how much work each benchmark message makes
/// (tokens, set bits, start sets, phrase groups tried, matches); <c>--loop N</c> screens N × 100,000 messages in a plain
/// loop, for a sampling profiler (<c>DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record …</c>).
/// </summary>
internal static class Profiling
{
    public static void PrintStats()
    {
        PrintStats("embedded lexicon", Screener.Default, Lexicon.Embedded);
        PrintStats("doubled lexicon", DoubledLexicon.Screener(), DoubledLexicon.Lexicon);
    }

    private static void PrintStats(string name, Screener screener, Lexicon lexicon)
    {
        var s = new Scratch();
        Console.WriteLine($"{name}: entries {lexicon.Entries.Length}, typo words {lexicon.Typos.Count}, sets {lexicon.SetCount} ({lexicon.QueriedSetCount} read token by token), groups {lexicon.Groups.Length}, variants {lexicon.FlatVariants.Length} ({lexicon.RareAnchor.Count(step => step > 0)} found from a rare step), trie nodes {lexicon.Trie.NodeCount}, matcher entries {screener.MatchOpCount} ({screener.MatchOpCount * 8 / 1024} KB)");
        foreach (var message in Messages.Albanian.Concat(Messages.English))
        {
            Tokenizer.Tokenize(message, s, lexicon.Rewrites);
            screener.Lookup(s);
            var groups = 0;
            var withSecond = 0;
            var startSets = 0;
            for (var i = 0; i < s.Count; i++)
            {
                // the token's start sets from the trie, then those a typo's correction or a number added
                ref readonly var t = ref s.Tokens[i];
                foreach (var set in lexicon.Trie.Starts.Slice(t.StartsFrom, t.StartsCount).ToArray().Concat(s.Hits.AsSpan(t.HitStart, t.HitCount).ToArray()))
                {
                    startSets++;
                    for (var g = lexicon.GroupStart[set]; g < lexicon.GroupStart[set + 1]; g++)
                    {
                        groups++;
                        if (lexicon.Groups[g].Second >= 0 && s.InMessage(lexicon.Groups[g].Second)) withSecond++;
                    }
                }
            }
            // the matcher's entries read at the message's tokens (from the trie; a typo's or a number's are few)
            var ops = 0;
            for (var i = 0; i < s.Count; i++) ops += s.Tokens[i].OpsTo - s.Tokens[i].OpsFrom;
            var bits = 0;
            for (var k = 0; k < lexicon.QueriedSetCount * s.PositionWords; k++) bits += System.Numerics.BitOperations.PopCount(s.Positions[k]);
            screener.Match(s);
            Console.WriteLine($"tokens {s.Count}, set bits {bits}, start sets {startSets}, groups {groups} ({withSecond} with their second step in the message), matcher entries read {ops}, matches {s.MatchCount}");
        }
    }

    public static void Loop(int hundredThousands)
    {
        var screener = Screener.Default;
        var messages = Messages.Build(Messages.Albanian, 32).Concat(Messages.Build(Messages.English, 32)).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long screened = 0;
        var sum = 0;
        while (screened < hundredThousands * 100_000L)
        {
            foreach (var m in messages) sum += (int)screener.Screen(m).Severity;
            screened += messages.Length;
        }
        Console.WriteLine($"{screened / clock.Elapsed.TotalSeconds:F0} messages/s (checksum {sum})");
    }
}
