using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace Hotline.Bench;

/// <summary>
/// Where an alert sample's time goes: tails hl:events and hl:notify (XREAD on a connection of its own, blocking, no
/// consumer group, so the hotline's groups see nothing of it) and notes when each conversation's first message event and
/// each case's first console signal reached Redis (their stream ids are Redis's clock in ms, the same machine's as this).
/// The stages of a sample: webhook sent → answered; → the message's time in its event (the Bot's clock) → event on
/// hl:events → case opened (its openedAt, the Triage worker's clock) → signal on hl:notify → caseChanged at the client.
/// </summary>
public sealed class AlertStages : IAsyncDisposable
{
    private readonly ConnectionMultiplexer connection;
    private readonly CancellationTokenSource stop = new();
    private readonly Task tail;
    private readonly ConcurrentDictionary<string, (long Added, long At)> events = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> signals = new(StringComparer.Ordinal);

    /// <summary>The XREADs this tail sent, to take out of the commandstats count.</summary>
    public long Reads;

    private AlertStages(ConnectionMultiplexer connection)
    {
        this.connection = connection;
        tail = Task.Run(TailAsync);
    }

    public static async Task<AlertStages> StartAsync(Hotline.Testing.RedisServer redis) => new(await redis.ConnectAsync());

    private async Task TailAsync()
    {
        var db = connection.GetDatabase();
        var last = new[] { "$", "$" };
        while (!stop.IsCancellationRequested)
        {
            RedisResult result;
            try
            {
                Interlocked.Increment(ref Reads);
                result = await db.ExecuteAsync("XREAD", "COUNT", 2000, "BLOCK", 500, "STREAMS", "hl:events", "hl:notify", last[0], last[1]);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"Alert stages: reading the streams failed: {e.Message}");
                await Task.Delay(100);
                continue;
            }
            if (result.IsNull) continue;
            // RESP3 answers a map (flattened here to name, entries, ...), RESP2 an array of [name, entries].
            var items = (RedisResult[])result!;
            var streams = result.Resp3Type == ResultType.Map
                ? Enumerable.Range(0, items.Length / 2).Select(i => (Name: (string)items[2 * i]!, Entries: items[2 * i + 1]))
                : items.Select(i => (Name: (string)((RedisResult[])i!)[0]!, Entries: ((RedisResult[])i!)[1]));
            foreach (var (name, entries) in streams)
            {
                foreach (var entry in (RedisResult[])entries!)
                {
                    var pair = (RedisResult[])entry!;
                    var id = (string)pair[0]!;
                    var fields = (RedisResult[])pair[1]!;
                    var values = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (var i = 0; i + 1 < fields.Length; i += 2) values[(string)fields[i]!] = (string?)fields[i + 1] ?? "";
                    var added = long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                    if (name == "hl:events")
                    {
                        last[0] = id;
                        if (values.GetValueOrDefault("type") == "message" && values.TryGetValue("conversationId", out var conversation))
                        {
                            events.TryAdd(conversation, (added, long.TryParse(values.GetValueOrDefault("at"), out var at) ? at : 0));
                        }
                    }
                    else
                    {
                        last[1] = id;
                        if (values.GetValueOrDefault("type") == "case" && values.TryGetValue("caseId", out var caseId)) signals.TryAdd(caseId, added);
                    }
                }
            }
        }
    }

    /// <summary>One sample's stage boundaries, Unix ms; 0 where unknown.</summary>
    public (long At, long Event, long Signal) For(string conversationId, string caseId)
    {
        var (added, at) = events.GetValueOrDefault(conversationId);
        return (at, added, signals.GetValueOrDefault(caseId));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await tail; } catch (Exception) { }
        await connection.DisposeAsync();
        stop.Dispose();
    }
}
