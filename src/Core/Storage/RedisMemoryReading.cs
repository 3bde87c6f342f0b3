using System.Globalization;

namespace Hotline.Core.Storage;

/// <summary>
/// What Redis said of its memory (INFO memory): bytes used, its maxmemory (0: no limit) and its policy. Read from the
/// fullest node when there are several.
/// </summary>
public sealed record RedisMemoryReading(long Used, long Limit, string Policy)
{
    /// <summary>Used as a percentage of the limit; 0 when Redis has no limit.</summary>
    public double Percent => Limit > 0 ? 100.0 * Used / Limit : 0;

    /// <summary>At or over maxmemory: with noeviction Redis now refuses every write that could grow it (OOM).</summary>
    public bool Full => Limit > 0 && Used >= Limit;

    /// <summary>The fields of an INFO memory reply this record needs; null when the reply has none of them.</summary>
    public static RedisMemoryReading? Parse(string? info)
    {
        if (string.IsNullOrEmpty(info)) return null;
        long? used = null, limit = null;
        var policy = "";
        foreach (var raw in info.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var value = line[(colon + 1)..];
            switch (line[..colon])
            {
                case "used_memory":
                    used = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : null;
                    break;
                case "maxmemory":
                    limit = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
                    break;
                case "maxmemory_policy":
                    policy = value;
                    break;
            }
        }
        return used is { } usedBytes && limit is { } limitBytes ? new RedisMemoryReading(usedBytes, limitBytes, policy) : null;
    }

    /// <summary>"860 of 1024 MiB (84%)", for logs, readiness and the staff alert: numbers only.</summary>
    public string Describe() => Limit > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Used / 1048576.0:0.#} of {Limit / 1048576.0:0.#} MiB ({Percent:0}%)")
        : string.Create(CultureInfo.InvariantCulture, $"{Used / 1048576.0:0.#} MiB, no maxmemory set");
}
