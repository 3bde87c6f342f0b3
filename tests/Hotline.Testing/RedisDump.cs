using System.Collections;
using StackExchange.Redis;

namespace Hotline.Testing;

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
