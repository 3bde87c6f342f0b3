using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Events;

/// <summary>
/// Where the conversations with events in their outbox are listed, so that the sweep's cost follows the outboxes and not
/// the keyspace. One index per Redis primary (<see cref="RedisKeys.EventOutboxIndex"/>): its hash tag is chosen to hash to
/// the first slot the primary serves, so the key lives on the same node as every conversation of that primary. A message's
/// script adds its conversation there in the step that fills the outbox (a key of another slot on the same node, which a
/// script without flags may write on Redis 7; with <c>redis.pcall</c>, so a refusal stores the message anyway). On one
/// Redis there is one index. When the cluster's slots moved and the client has not yet seen it, the index named may not be
/// on the node: the conversation is then not listed, and the sweep's rarer full scan (<see cref="EventOutbox.SweepAllAsync"/>)
/// still finds its outbox.
/// </summary>
public static class OutboxIndex
{
    private const int Slots = 16384;

    /// <summary>
    /// How long an index key is kept after the last step that listed a conversation in it (every step that lists sets it
    /// again: <see cref="EventOutbox.IndexInScript"/>), in milliseconds: three of the full sweep's periods
    /// (<see cref="EventOutbox.FullSweepEvery"/>). A live index is written by every message on its node and by every
    /// relisting; one left on a slot that moved to another node is written by no one, and dies. Should a live one expire
    /// (no message on its node for that long, while no Bot ran), what it listed is found by the full sweep.
    /// </summary>
    public const string KeptMilliseconds = "900000";

    /// <summary><see cref="KeptMilliseconds"/>, as a time span.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMilliseconds(long.Parse(KeptMilliseconds, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>For each slot, the index key whose tag (ob:N, the first N counting up) hashes to it; the same in every process.</summary>
    private static readonly Lazy<string[]> KeyOf = new(() =>
    {
        var keys = new string[Slots];
        var left = Slots;
        for (var n = 0; left > 0; n++)
        {
            var tag = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var slot = HashSlot("ob:" + tag);
            if (keys[slot] is not null) continue;
            keys[slot] = RedisKeys.EventOutboxIndex(tag);
            left--;
        }
        return keys;
    });

    /// <summary>The index key that hashes to <paramref name="slot"/>.</summary>
    public static string KeyOfSlot(int slot) => KeyOf.Value[slot];

    /// <summary>Redis Cluster's hash slot of a key: CRC16 (XModem) of its hash tag, or of the whole key without one, modulo 16384.</summary>
    public static int HashSlot(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var part = key.AsSpan();
        var open = part.IndexOf('{');
        if (open >= 0)
        {
            var close = part[(open + 1)..].IndexOf('}');
            if (close > 0) part = part.Slice(open + 1, close);
        }
        ushort crc = 0;
        Span<byte> one = stackalloc byte[4];
        foreach (var rune in part.ToString().EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(one);
            for (var i = 0; i < length; i++)
            {
                crc ^= (ushort)(one[i] << 8);
                for (var bit = 0; bit < 8; bit++) crc = (ushort)((crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1);
            }
        }
        return crc % Slots;
    }

    /// <summary>The index a conversation's outbox is listed in: the one of the primary serving its slot, as this process knows the cluster.</summary>
    public static string For(HotlineRedis redis, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(redis);
        if (redis.OneNode) return KeyOfSlot(0);
        var configuration = Configuration(redis.Multiplexer);
        if (configuration is null) return KeyOfSlot(0);
        var node = configuration.GetBySlot(HashSlot(RedisKeys.EventOutbox(conversationId)));
        return node is null || node.Slots.Count == 0 ? KeyOfSlot(0) : KeyOfSlot(node.Slots.Min(r => r.From));
    }

    /// <summary>The index kept on <paramref name="server"/> (a primary): the one of its first slot, or the one index of a Redis that is not a cluster.</summary>
    public static string On(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.ServerType != ServerType.Cluster) return KeyOfSlot(0);
        var node = server.ClusterConfiguration?.Nodes.FirstOrDefault(n => n.EndPoint is { } e && e.Equals(server.EndPoint));
        return node is null || node.Slots.Count == 0 ? KeyOfSlot(0) : KeyOfSlot(node.Slots.Min(r => r.From));
    }

    private static ClusterConfiguration? Configuration(IConnectionMultiplexer multiplexer)
    {
        foreach (var server in multiplexer.GetServers())
        {
            if (server.IsConnected && server.ServerType == ServerType.Cluster && server.ClusterConfiguration is { } configuration) return configuration;
        }
        return null;
    }
}
