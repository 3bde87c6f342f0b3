using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// A Lua script written with named parameters, evaluated by its SHA-1, computed once, instead of by its text. Given the text, StackExchange.Redis looks it
/// up on every evaluation in its endpoint's table of loaded scripts, keyed by the whole text (the inbound message's
/// script is 2.6 K characters, about 2.9 µs a lookup); this sends <c>EVALSHA</c> with the hash straight away. When Redis
/// answers <c>NOSCRIPT</c> (the script not yet loaded on the node that owns the keys' slot — the first time on each
/// primary of a cluster, after a restart, a failover or <c>SCRIPT FLUSH</c>), the script did not run, and the evaluation
/// is made once more by the text, routed by the same keys: StackExchange.Redis then loads the script on that node
/// (<c>SCRIPT LOAD</c>, then <c>EVALSHA</c>). No other error is retried. Not for a batch or transaction, whose commands
/// are sent together: a retry would run after the others (they pass <see cref="Text"/>).
/// </summary>
public sealed partial class RedisScript
{
    private readonly byte[] sha1;
    private readonly int keyCount;
    private readonly int argCount;

    private readonly string[] keyNames;
    private readonly string[] argNames;

    private RedisScript(string text, string[] keyNames, string[] argNames)
    {
        Text = text;
        sha1 = Sha1Of(text);
        keyCount = keyNames.Length;
        argCount = argNames.Length;
        this.keyNames = keyNames;
        this.argNames = argNames;
    }

    /// <summary>The text sent to Redis.</summary>
    public string Text { get; }

    /// <summary>The SHA-1 of <see cref="Text"/>, as Redis computes it.</summary>
    public ReadOnlySpan<byte> Sha1 => sha1;

    /// <summary>
    /// A script written with named parameters (<c>@key</c>, <c>@at</c>): each name in <paramref name="keys"/> becomes
    /// <c>KEYS[i]</c> and each in <paramref name="args"/> <c>ARGV[i]</c>, by its place in the list, and an evaluation passes
    /// them in that order. A name in the text that is in neither list, or one listed and not used, fails here.
    /// </summary>
    public static RedisScript Named(string text, string[] keys, string[] args)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var executable = Parameter().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            used.Add(name);
            var key = Array.IndexOf(keys, name);
            if (key >= 0) return $"KEYS[{key + 1}]";
            var arg = Array.IndexOf(args, name);
            if (arg >= 0) return $"ARGV[{arg + 1}]";
            throw new ArgumentException($"The script reads @{name}, which is neither one of its keys nor one of its arguments.", nameof(text));
        });
        if (keys.Concat(args).FirstOrDefault(n => !used.Contains(n)) is { } unused)
            throw new ArgumentException($"@{unused} is listed but the script does not read it.", nameof(text));
        if (keys.Concat(args).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"@{twice.Key} is listed twice.", nameof(text));
        return new RedisScript(executable, [.. keys], [.. args]);
    }

    // A name after an '@' that does not follow a letter, digit or '_' (so not inside a word).
    [GeneratedRegex(@"(?<![\w@])@([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();

    /// <summary>Evaluates the script by its SHA, by its text once more on <c>NOSCRIPT</c>.</summary>
    public Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[]? keys = null, RedisValue[]? args = null)
    {
        if ((keys?.Length ?? 0) != keyCount)
            throw new ArgumentException($"The script takes {keyCount} keys, not {keys?.Length ?? 0}.", nameof(keys));
        if ((args?.Length ?? 0) != argCount)
            throw new ArgumentException($"The script takes {argCount} arguments, not {args?.Length ?? 0}.", nameof(args));
        return ScriptsBySha.EvaluateAsync(db, Text, sha1, keys, args);
    }

    /// <summary>
    /// Evaluates the script with each key and argument given by its name: every name must be the one listed at its place
    /// (<see cref="Named"/>), so values passed in another order, or one left out, fail before anything is sent, however
    /// alike their types. The place of a value is taken from the list; the caller's order only has to match it.
    /// </summary>
    public Task<RedisResult> EvaluateAsync(IDatabaseAsync db, ReadOnlySpan<(string Name, RedisKey Key)> keys, ReadOnlySpan<(string Name, RedisValue Value)> args)
    {
        var keyValues = new RedisKey[keys.Length];
        for (var i = 0; i < keys.Length; i++) keyValues[i] = keys[i].Key;
        var argValues = new RedisValue[args.Length];
        for (var i = 0; i < args.Length; i++) argValues[i] = args[i].Value;
        Check(keys, keyNames, "key");
        Check(args, argNames, "argument");
        return EvaluateAsync(db, keyValues, argValues);
    }

    private static void Check<T>(ReadOnlySpan<(string Name, T Value)> given, string[] listed, string what)
    {
        for (var i = 0; i < Math.Min(given.Length, listed.Length); i++)
        {
            if (!string.Equals(given[i].Name, listed[i], StringComparison.Ordinal))
                throw new ArgumentException($"The script's {what} {i + 1} is @{listed[i]}, not @{given[i].Name}.", what == "key" ? "keys" : "args");
        }
    }

    internal static byte[] Sha1Of(string text) => SHA1.HashData(Encoding.UTF8.GetBytes(text));
}

/// <summary>
/// Scripts kept as text (<c>KEYS[i]</c>, <c>ARGV[i]</c>), evaluated by their SHA-1 as <see cref="RedisScript"/> evaluates
/// its own: the SHA is computed once per text instance.
/// </summary>
public static class ScriptsBySha
{
    // Keyed by the text's instance (reference), so finding a script's SHA never reads the text.
    private static readonly ConditionalWeakTable<string, byte[]> Hashes = new();

    /// <summary>The SHA-1 of a script's text, as Redis computes it.</summary>
    public static byte[] Sha1(string script) => Hashes.GetValue(script, RedisScript.Sha1Of);

    /// <summary>Evaluates <paramref name="script"/> by its SHA, by its text once more on <c>NOSCRIPT</c>.</summary>
    public static Task<RedisResult> ScriptEvaluateBySha(this IDatabaseAsync db, string script, RedisKey[]? keys = null, RedisValue[]? values = null) =>
        EvaluateAsync(db, script, Sha1(script), keys, values);

    // NOSCRIPT: the script did not run on that node, so sending it again cannot run it twice.
    internal static async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, string text, byte[] sha1, RedisKey[]? keys, RedisValue[]? args)
    {
        try
        {
            return await db.ScriptEvaluateAsync(sha1, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Kind == RedisErrorKind.NoScript)
        {
            return await db.ScriptEvaluateAsync(text, keys, args).ConfigureAwait(false);
        }
    }
}
