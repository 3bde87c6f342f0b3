using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// A hash's or a stream entry's fields as text by name, in a dictionary sized for them at once: read on every message
/// (LINQ's ToDictionary grows its dictionary step by step, copying it each time). A name twice throws, as ToDictionary does.
/// </summary>
public static class RedisFields
{
    public static Dictionary<string, string> ToMap(HashEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var map = new Dictionary<string, string>(entries.Length);
        foreach (var entry in entries) map.Add(entry.Name.ToString(), entry.Value.ToString());
        return map;
    }

    public static Dictionary<string, string> ToMap(NameValueEntry[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var map = new Dictionary<string, string>(fields.Length);
        foreach (var field in fields) map.Add(field.Name.ToString(), field.Value.ToString());
        return map;
    }
}
