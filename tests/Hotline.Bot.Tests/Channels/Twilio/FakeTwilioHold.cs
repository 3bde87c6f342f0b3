namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// Sends to one number held unanswered at the fake Twilio, as a slow or stalled API holds them, until released; a client
/// that gives up meanwhile is answered nothing (recorded as 499), so Twilio never accepted that message.
/// </summary>
public sealed class FakeTwilioHold
{
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first send to the number is being held.</summary>
    public Task Arrived => arrived.Task;

    /// <summary>Completes when a client gave up on a held send (Twilio never accepted that one).</summary>
    public Task Abandoned => abandoned.Task;

    /// <summary>Completes when the hold is released; sends after that pass at once.</summary>
    public Task Released => released.Task;

    /// <summary>How many sends have been held so far.</summary>
    public int Held => Volatile.Read(ref held);

    private int held;

    public void Release() => released.TrySetResult();

    internal void Abandon() => abandoned.TrySetResult();

    internal void Arrive()
    {
        Interlocked.Increment(ref held);
        arrived.TrySetResult();
    }
}
