using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;

namespace Hotline.Bench;

/// <summary>
/// What StackExchange.Redis pays on every evaluation of a script given by its text, before anything is written: it looks
/// the text up in its endpoint's table of loaded scripts (a <see cref="Hashtable"/> keyed by the text, ordinal), which
/// hashes the whole text each time. The script is the inbound message's (<see cref="MessageRecorder"/>'s), as the Bot
/// sends it. Compared against the same lookup keyed by the script's 40-character SHA, and against computing the SHA-1
/// itself (what evaluating "by the SHA" would cost if it were computed on every call rather than once).
/// </summary>
[BenchmarkCategory("ScriptLookup")]
public class ScriptLookupBenchmarks
{
    private string script = "";
    private string sha = "";
    private Hashtable byText = null!;
    private Hashtable bySha = null!;

    [GlobalSetup]
    public void Setup()
    {
        var field = typeof(MessageRecorder).GetField("Record", BindingFlags.NonPublic | BindingFlags.Static)!;
        script = ((RedisScript)field.GetValue(null)!).Text;
        sha = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(script)));
        var loaded = Encoding.ASCII.GetBytes(sha);
        byText = new Hashtable(StringComparer.Ordinal) { [script] = loaded };
        bySha = new Hashtable(StringComparer.Ordinal) { [sha] = loaded };
        Console.WriteLine($"// message script: {script.Length} characters");
    }

    [Benchmark(Baseline = true, Description = "lookup by the script's text (StackExchange.Redis, every evaluation)")]
    public object? ByText() => byText[script];

    [Benchmark(Description = "lookup by the script's SHA")]
    public object? BySha() => bySha[sha];

    [Benchmark(Description = "SHA-1 of the script's text")]
    public byte[] Sha1OfText() => SHA1.HashData(Encoding.UTF8.GetBytes(script));
}
