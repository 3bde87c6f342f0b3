using BenchmarkDotNet.Attributes;
using Hotline.Screening;

namespace Hotline.Bench;

/// <summary>
/// Where screening's time goes: each step cumulative over the same 160-character messages as <see cref="ScreenBenchmarks"/>
/// (tokenising, then looking the words up in the lexicon, then matching phrases; the full screen adds the assessment).
/// Run with <c>--filter '*Phase*'</c>.
/// </summary>
[BenchmarkCategory("Phases")]
public class PhaseBenchmarks
{
    private const int Batch = 64;

    private string[] messages = [];
    private Screener screener = null!;
    private Lexicon lexicon = null!;
    private readonly Scratch scratch = new();

    [GlobalSetup]
    public void Setup()
    {
        screener = Screener.Default;
        lexicon = Lexicon.Embedded;
        messages = [.. Messages.Build(Messages.Albanian, Batch / 2), .. Messages.Build(Messages.English, Batch / 2)];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Tokenize()
    {
        var sum = 0;
        foreach (var m in messages)
        {
            Tokenizer.Tokenize(m, scratch, lexicon.Rewrites);
            sum += scratch.Count;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int TokenizeLookup()
    {
        var sum = 0;
        foreach (var m in messages)
        {
            Tokenizer.Tokenize(m, scratch, lexicon.Rewrites);
            screener.Lookup(scratch);
            sum += scratch.HitLength;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int TokenizeLookupMatch()
    {
        var sum = 0;
        foreach (var m in messages)
        {
            Tokenizer.Tokenize(m, scratch, lexicon.Rewrites);
            screener.Lookup(scratch);
            screener.Match(scratch);
            sum += scratch.MatchCount;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Baseline = true)]
    public int AllPhases()
    {
        var sum = 0;
        foreach (var m in messages) sum += (int)screener.Screen(m).Severity;
        return sum;
    }
}
