namespace Hotline.Bot.Limits;

/// <summary>
/// A ceiling over everyone (SMS answers a second), counted in Redis across Bots but taken in blocks: a Bot takes up to a
/// twentieth of the window's permits in one call and hands them out itself, and once Redis says the window is spent it
/// says no until the window ends without asking again. The ceiling still holds across Bots (Redis never grants more than
/// the window's permits in all); what a Bot took and had not handed out when the window ends is lost, so the ceiling may
/// refuse a little early (by less than a block per Bot), never late. Where a ceiling matters, at hundreds of messages a
/// second, this is one Redis call per block instead of one per message, and a flood over it costs Redis nothing until the
/// window ends. The same holds for one partition of a policy (<paramref name="partition"/>, e.g. one SMS sender's allowance),
/// with blocks of <paramref name="block"/> permits.
/// </summary>
public sealed class SharedCeiling(SharedWindow window, string policy, int permits, TimeSpan length, TimeProvider time, string partition = "all", int? block = null)
{
    private readonly Lock gate = new();
    private readonly int block = Math.Max(1, Math.Min(permits, block ?? permits / 20));
    private int left;
    private bool spent;
    private long until;

    /// <summary>Whether the window this Bot last took from has ended (what it held of it is no longer Redis's to give).</summary>
    public bool Ended
    {
        get
        {
            lock (gate) return time.GetTimestamp() >= until;
        }
    }

    /// <summary>Whether this Bot knows, without asking Redis, that the window is spent: no permit held, and Redis gave its last.</summary>
    public bool KnownSpent
    {
        get
        {
            lock (gate) return spent && left == 0 && time.GetTimestamp() < until;
        }
    }

    /// <summary>
    /// The block being asked of Redis now (true once answered, false when Redis could not be asked). Callers that find
    /// nothing left while it is under way wait for it instead of asking too: at a window's start, every message that arrives
    /// within the ask's round trip would otherwise ask Redis for a block of its own (at 1,000 a second on a busy machine, tens
    /// of asks a second instead of one, each a script and two commands).
    /// </summary>
    private Task<bool>? asking;

    /// <summary>True when a permit was taken (or could not be counted: fail open); false while the window is spent.</summary>
    public async Task<bool> TryTakeAsync()
    {
        while (true)
        {
            Task<bool> ask;
            TaskCompletionSource<bool>? mine = null;
            lock (gate)
            {
                if (time.GetTimestamp() < until)
                {
                    if (left > 0)
                    {
                        left--;
                        return true;
                    }
                    if (spent) return false;
                }
                if (asking is null)
                {
                    mine = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    asking = mine.Task;
                }
                ask = asking;
            }
            if (mine is not null) await AskAsync(mine).ConfigureAwait(false);
            // Redis could not be asked: let it through.
            if (!await ask.ConfigureAwait(false)) return true;
        }
    }

    /// <summary>Asks Redis for a block and keeps what it grants; every caller waiting for the ask then takes from it in turn.</summary>
    private async Task AskAsync(TaskCompletionSource<bool> mine)
    {
        var answered = false;
        try
        {
            var (granted, ends) = await window.TryTakeBlockAsync(policy, partition, permits, length, block).ConfigureAwait(false);
            if (ends is not { } remaining) return;
            lock (gate)
            {
                // Asked only with nothing left (or the window ended): one ask at a time, so nothing else was added meanwhile.
                left = granted;
                spent = granted < block;
                until = time.GetTimestamp() + (long)(remaining.TotalSeconds * time.TimestampFrequency);
            }
            answered = true;
        }
        finally
        {
            lock (gate) asking = null;
            mine.TrySetResult(answered);
        }
    }
}
