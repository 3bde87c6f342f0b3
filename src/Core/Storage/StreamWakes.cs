using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// The pub/sub wakes of a stream's consumers (<see cref="RedisKeys.Wake"/>), at most one in flight per stream in this
/// process. A wake asked for while one is in flight is merged into one more, sent once that one is answered: every entry
/// appended before a wake was asked for is followed by a wake sent after it, so no consumer sleeps past it, and under load
/// one wake covers many entries instead of a PUBLISH for each. Nobody waits for a wake: a consumer that misses one reads
/// its stream on its next poll. An urgent wake (<see cref="StreamGroupWorker.UrgentWake"/>: an entry someone waits on, such
/// as a new urgent case's signal) makes a consumer that gathers its reads read at once; merged, the wake sent is urgent.
/// </summary>
internal sealed class StreamWakes(IConnectionMultiplexer multiplexer)
{
    // Pending: a gathering wake is due and not yet sent; the wakes asked for meanwhile are sent with it.
    private const int Idle = 0, InFlight = 1, Again = 2, Pending = 3;

    private sealed class State
    {
        public int Value;

        // 1 when an urgent wake was asked for and not yet sent: the next wake sent says so.
        public int Urgent;

        // How long a wake asked for while none is due waits for others (ticks; 0: it is sent at once).
        public long Gather;
    }

    private readonly ConcurrentDictionary<string, State> states = new(StringComparer.Ordinal);

    /// <summary>A consumer of a stream in this process, and whether it is waiting for work now.</summary>
    internal sealed class Listener(Action<bool> wake)
    {
        public volatile bool Waiting;

        public void Wake(bool urgent) => wake(urgent);
    }

    private readonly ConcurrentDictionary<string, Listener> listeners = new(StringComparer.Ordinal);

    /// <summary>
    /// This process's consumer of <paramref name="stream"/>, until disposed: while it waits for work, a wake of the stream
    /// here goes to it directly and no PUBLISH is sent (it reads the stream at once, as a published wake would make it).
    /// While it is busy, the wake is published as before, so another process's idle consumer may take the entries sooner.
    /// </summary>
    public IDisposable Listen(string stream, Listener listener)
    {
        listeners[stream] = listener;
        return new Unlisten(listeners, stream, listener);
    }

    private sealed class Unlisten(ConcurrentDictionary<string, Listener> listeners, string stream, Listener listener) : IDisposable
    {
        public void Dispose() => listeners.TryRemove(new KeyValuePair<string, Listener>(stream, listener));
    }

    /// <summary>
    /// Wakes the consumers of <paramref name="stream"/>; call it once the entries are on the stream. <paramref name="urgent"/>:
    /// they read at once, without gathering the entries of later wakes first. <paramref name="gather"/>: a wake that is not
    /// urgent waits that long, so that the wakes asked for meanwhile go with it (a consumer that gathers its reads would
    /// wait about as long for them); an urgent one sends it at once.
    /// </summary>
    public void Wake(string stream, bool urgent = false, TimeSpan gather = default)
    {
        if (listeners.TryGetValue(stream, out var local) && local.Waiting)
        {
            local.Wake(urgent);
            return;
        }
        var state = states.GetOrAdd(stream, _ => new State());
        Volatile.Write(ref state.Gather, gather.Ticks);
        // Before the wake is asked for: the one in flight, or the one merged after it, carries it.
        if (urgent) Volatile.Write(ref state.Urgent, 1);
        while (true)
        {
            switch (Volatile.Read(ref state.Value))
            {
                case Idle when !urgent && gather > TimeSpan.Zero && Interlocked.CompareExchange(ref state.Value, Pending, Idle) == Idle:
                    SendLater(stream, state, gather);
                    return;
                case Idle when Interlocked.CompareExchange(ref state.Value, InFlight, Idle) == Idle:
                case Pending when urgent && Interlocked.CompareExchange(ref state.Value, InFlight, Pending) == Pending:
                    Send(stream, state);
                    return;
                case Pending when !urgent:
                case InFlight when Interlocked.CompareExchange(ref state.Value, Again, InFlight) == InFlight:
                case Again:
                    return;
            }
        }
    }

    /// <summary>The gathering wake, once its time is up, unless an urgent one sent it meanwhile.</summary>
    private void SendLater(string stream, State state, TimeSpan gather) =>
        Task.Delay(gather).ContinueWith(
            _ =>
            {
                if (Interlocked.CompareExchange(ref state.Value, InFlight, Pending) == Pending) Send(stream, state);
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void Send(string stream, State state) =>
        multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.Wake(stream)),
            Interlocked.Exchange(ref state.Urgent, 0) == 1 ? StreamGroupWorker.UrgentWake : "1").ContinueWith(
            sent =>
            {
                _ = sent.Exception;
                // Asked for again while this one was in flight: one more, sent after it (gathering first, unless urgent).
                // Otherwise idle again.
                if (Interlocked.CompareExchange(ref state.Value, InFlight, Again) != Again)
                {
                    Interlocked.CompareExchange(ref state.Value, Idle, InFlight);
                }
                else if (Volatile.Read(ref state.Urgent) == 0 && Volatile.Read(ref state.Gather) is > 0 and var gather
                    && Interlocked.CompareExchange(ref state.Value, Pending, InFlight) == InFlight)
                {
                    SendLater(stream, state, TimeSpan.FromTicks(gather));
                }
                else
                {
                    Send(stream, state);
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
