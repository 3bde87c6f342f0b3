using System.Text;
using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>One key as <see cref="RedisServer.AllKeysAndValuesAsync"/> found it.</summary>
public sealed record RedisKeyDump(int Database, string Key, byte[] KeyBytes, RedisType Type, TimeSpan? TimeToLive, IReadOnlyList<RedisValuePart> Parts)
{
    /// <summary>The key, then each part on its own line ("name=value" or "value"), bytes as they are: what a leak scan searches.</summary>
    public byte[] Bytes
    {
        get
        {
            using var buffer = new MemoryStream();
            buffer.Write(KeyBytes);
            foreach (var part in Parts)
            {
                buffer.WriteByte((byte)'\n');
                if (part.Name is not null)
                {
                    buffer.Write(part.Name);
                    buffer.WriteByte((byte)'=');
                }
                buffer.Write(part.Value);
            }
            return buffer.ToArray();
        }
    }

    /// <summary>The value as text (UTF-8, invalid bytes replaced), one part a line; hash and stream fields as "name=value".</summary>
    public string Text => string.Join('\n', Parts.Select(p =>
        p.Name is null ? Encoding.UTF8.GetString(p.Value) : $"{Encoding.UTF8.GetString(p.Name)}={Encoding.UTF8.GetString(p.Value)}"));

    /// <summary>Where this key is, for messages: "redis db0 key hl:events (Stream)".</summary>
    public string Location => $"redis db{Database} key {Key} ({Type})";
}
