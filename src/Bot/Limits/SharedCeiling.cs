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

    /// <summary>True when a permit was taken (or could not be counted: fail open); false while the window is spent.</summary>
    public async Task<bool> TryTakeAsync()
    {
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
        }
        var (granted, ends) = await window.TryTakeBlockAsync(policy, partition, permits, length, block).ConfigureAwait(false);
        if (ends is not { } remaining) return true;
        lock (gate)
        {
            var now = time.GetTimestamp();
            var newUntil = now + (long)(remaining.TotalSeconds * time.TimestampFrequency);
            // Blocks taken at the same time by several callers add up while they are of the same window; a block of a new
            // window replaces what is left of the old one (which is no longer Redis's to give).
            var sameWindow = now < until && newUntil - until < (long)(length.TotalSeconds * time.TimestampFrequency / 2);
            left = (sameWindow ? left : 0) + granted;
            spent = granted < block;
            until = newUntil;
            if (left == 0) return false;
            left--;
            return true;
        }
    }
}
