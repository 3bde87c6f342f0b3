using System.Collections.Concurrent;

namespace Hotline.Bot.Limits;

/// <summary>
/// One SMS or WhatsApp sender's messages go through this Bot one at a time. Each message is stored by a script that
/// appends only after the transcript's tail it was sealed for; messages of one sender arriving together would race for
/// that tail, and every lost race is the tail read again, the entry sealed again and the script run again (a flood of 200
/// a second from one number, without the gate: 44 lost races a message, and 855 of 1,000 requests not answered 200,
/// messages Twilio does not deliver again). Queued here instead, each is stored at its first attempt, and a flood holds one
/// step's worth of work at a time, whatever its rate: it waits for itself instead of taking the processors and Redis from
/// everybody else. Nothing is refused or dropped: each message is still stored before its webhook is answered.
/// Messages that may be stored together (<see cref="JoinAsync"/>: a sender's messages over its limit) are handed, when
/// the gate opens, to the first of them with every other such message waiting right behind it, so one step stores them
/// all. Kept per process (a gate nobody waits for is let go); two Bots still race.
/// </summary>
/// <typeparam name="T">A message that may be stored together with others of its sender.</typeparam>
public sealed class SenderGates<T> where T : class
{
    private readonly ConcurrentDictionary<string, Gate> gates = new(StringComparer.Ordinal);

    /// <summary>How many senders have a gate now (for tests).</summary>
    public int Count => gates.Count;

    /// <summary>How many of the sender's messages wait for its turn now (for tests).</summary>
    public int Waiting(string sender)
    {
        if (!gates.TryGetValue(sender, out var gate)) return 0;
        lock (gate.Sync) return gate.Queue.Count;
    }

    /// <summary>Waits for the sender's turn, to handle one message alone; disposing the result gives the turn on.</summary>
    public async Task<SenderTurn<T>> EnterAsync(string sender, CancellationToken cancellationToken) =>
        (await WaitAsync(sender, null, cancellationToken).ConfigureAwait(false))!;

    /// <summary>
    /// Queues <paramref name="item"/> for the sender's turn. Returns the turn, with this item first in
    /// <see cref="SenderTurn{T}.Batch"/> and every item queued right behind it after it, when this caller is to handle
    /// them all; null when another caller took this item into its own batch (that caller tells the item's outcome).
    /// </summary>
    public Task<SenderTurn<T>?> JoinAsync(string sender, T item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return WaitAsync(sender, item, cancellationToken);
    }

    private async Task<SenderTurn<T>?> WaitAsync(string sender, T? item, CancellationToken cancellationToken)
    {
        while (true)
        {
            var gate = gates.GetOrAdd(sender, static _ => new Gate());
            Waiter waiter;
            LinkedListNode<Waiter> node;
            lock (gate.Sync)
            {
                // Let go meanwhile by its last user: a new one is made.
                if (gate.Gone) continue;
                if (!gate.Held)
                {
                    gate.Held = true;
                    return new SenderTurn<T>(() => Leave(sender, gate), item is null ? [] : [item]);
                }
                waiter = new Waiter(item);
                node = gate.Queue.AddLast(waiter);
            }
            List<T>? batch;
            using (cancellationToken.Register(() => Cancel(gate, node, cancellationToken)))
            {
                batch = await waiter.Turn.Task.ConfigureAwait(false);
            }
            return batch is null ? null : new SenderTurn<T>(() => Leave(sender, gate), batch);
        }
    }

    /// <summary>A waiter whose request ended before its turn leaves the queue; one already handed its turn keeps it.</summary>
    private static void Cancel(Gate gate, LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (gate.Sync)
        {
            if (node.List is null) return;
            gate.Queue.Remove(node);
        }
        node.Value.Turn.TrySetCanceled(cancellationToken);
    }

    /// <summary>Hands the turn to the next waiter (with the items queued right behind it, if it is one), or lets the gate go.</summary>
    private void Leave(string sender, Gate gate)
    {
        Waiter next;
        List<Waiter>? taken = null;
        List<T>? batch = null;
        lock (gate.Sync)
        {
            if (gate.Queue.First is not { } first)
            {
                gate.Held = false;
                gate.Gone = true;
                gates.TryRemove(new KeyValuePair<string, Gate>(sender, gate));
                return;
            }
            next = first.Value;
            gate.Queue.RemoveFirst();
            if (next.Item is { } item)
            {
                batch = [item];
                while (gate.Queue.First is { Value.Item: { } behind } node)
                {
                    batch.Add(behind);
                    (taken ??= []).Add(node.Value);
                    gate.Queue.RemoveFirst();
                }
            }
        }
        next.Turn.TrySetResult(batch ?? []);
        if (taken is null) return;
        foreach (var waiter in taken) waiter.Turn.TrySetResult(null);
    }

    private sealed class Gate
    {
        public readonly Lock Sync = new();
        public readonly LinkedList<Waiter> Queue = new();
        public bool Held;
        public bool Gone;
    }

    private sealed class Waiter(T? item)
    {
        public readonly TaskCompletionSource<List<T>?> Turn = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public T? Item => item;
    }
}

/// <summary>A sender's turn at its gate (<see cref="SenderGates{T}"/>): disposing it gives the turn to the next waiter.</summary>
public sealed class SenderTurn<T> : IDisposable where T : class
{
    private readonly Action leave;
    private int disposed;

    internal SenderTurn(Action leave, IReadOnlyList<T> batch) => (this.leave, Batch) = (leave, batch);

    /// <summary>The items this turn is to handle together (empty for a turn entered alone).</summary>
    public IReadOnlyList<T> Batch { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        leave();
    }
}
