using Hotline.Core.Storage;
using System.Runtime.CompilerServices;
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

    /// <summary>The one index of a Redis that is not a cluster: the key a cluster places on slot 0 (<see cref="KeyOfSlot"/>).</summary>
    public static readonly string OnOneRedis = RedisKeys.EventOutboxIndex("42770");

    private static string[]? keyOf;

    /// <summary>
    /// The index key that hashes to <paramref name="slot"/> of a Redis Cluster: the one whose tag, ob:N, is the first N
    /// counting up to hash there, as the client computes a key's slot (<see cref="IConnectionMultiplexer.HashSlot"/>); the
    /// same in every process. <paramref name="multiplexer"/> is connected to a cluster.
    /// </summary>
    public static string KeyOfSlot(IConnectionMultiplexer multiplexer, int slot)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        return LazyInitializer.EnsureInitialized(ref keyOf, () =>
        {
            var keys = new string[Slots];
            var left = Slots;
            for (var n = 0; left > 0; n++)
            {
                var key = RedisKeys.EventOutboxIndex(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var at = multiplexer.HashSlot(key);
                if (at < 0) throw new InvalidOperationException("The client computes no hash slot: it is not connected to a Redis Cluster.");
                if (keys[at] is not null) continue;
                keys[at] = key;
                left--;
            }
            return keys;
        })[slot];
    }

    /// <summary>
    /// The index a conversation's outbox is listed in: the one of the primary serving its slot, as this process knows the
    /// cluster. Asked on every message's step: the index of every slot is worked out once for each cluster configuration
    /// the client holds (<see cref="BySlot"/>), not by walking its servers and the nodes' slot ranges each time.
    /// </summary>
    public static string For(HotlineRedis redis, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(redis);
        if (redis.OneNode) return OnOneRedis;
        var bySlot = BySlot.Of(redis.Multiplexer);
        return bySlot is null ? OnOneRedis : bySlot.Index[redis.Multiplexer.HashSlot(RedisKeys.EventOutbox(conversationId))];
    }

    /// <summary>
    /// Each slot's index under one cluster configuration, as the client last read it from a server (<see cref="Source"/>,
    /// whose <see cref="IServer.ClusterConfiguration"/> the client replaces when it reads the cluster again: a new
    /// configuration, a new table). Slots no primary serves name the one index, as before.
    /// </summary>
    private sealed class BySlot(IServer source, ClusterConfiguration configuration, string[] index)
    {
        private static readonly ConditionalWeakTable<IConnectionMultiplexer, StrongBox<BySlot?>> Current = [];

        public IServer Source { get; } = source;

        public ClusterConfiguration Configuration { get; } = configuration;

        public string[] Index { get; } = index;

        /// <summary>The table of the configuration the client holds now: the one kept while its server still has it, else built again.</summary>
        public static BySlot? Of(IConnectionMultiplexer multiplexer)
        {
            var kept = Current.GetValue(multiplexer, _ => new StrongBox<BySlot?>());
            var table = Volatile.Read(ref kept.Value);
            if (table is not null && table.Source.IsConnected && ReferenceEquals(table.Source.ClusterConfiguration, table.Configuration)) return table;
            var built = Build(multiplexer);
            Volatile.Write(ref kept.Value, built);
            return built;
        }

        private static BySlot? Build(IConnectionMultiplexer multiplexer)
        {
            foreach (var server in multiplexer.GetServers())
            {
                if (!server.IsConnected || server.ServerType != ServerType.Cluster || server.ClusterConfiguration is not { } configuration) continue;
                var index = new string[Slots];
                Array.Fill(index, OnOneRedis);
                foreach (var node in configuration.Nodes)
                {
                    if (node.IsReplica || node.Slots.Count == 0) continue;
                    var own = OfNode(multiplexer, node);
                    foreach (var range in node.Slots) Array.Fill(index, own, range.From, range.To - range.From + 1);
                }
                return new BySlot(server, configuration, index);
            }
            return null;
        }
    }

    /// <summary>The index kept on <paramref name="server"/> (a primary): the one of its first slot, or the one index of a Redis that is not a cluster.</summary>
    public static string On(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.ServerType != ServerType.Cluster) return OnOneRedis;
        return OfNode(server.Multiplexer, server.ClusterConfiguration?.Nodes.FirstOrDefault(n => n.EndPoint is { } e && e.Equals(server.EndPoint)));
    }

    // The index of a primary: the key of the first slot it serves; the one index where no node or no slot is known.
    private static string OfNode(IConnectionMultiplexer multiplexer, ClusterNode? node) =>
        node is null || node.Slots.Count == 0 ? OnOneRedis : KeyOfSlot(multiplexer, node.Slots.Min(r => r.From));
}
