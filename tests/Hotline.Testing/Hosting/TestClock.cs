namespace Hotline.Testing;

/// <summary>
/// The clock of a running stack (<see cref="HotlineHost"/>) that a test moves: real time plus an offset the test adds to.
/// Timers stay real, so the services' periodic work (the escalation clock's tick) keeps running and sees the moved time at
/// its next tick. Not FakeTimeProvider: the running services make their timers and waits from the TimeProvider they are
/// given (the escalation tick, the Twilio sender's polls), and a FakeTimeProvider fires none of them until a test advances
/// it, which would stall the stack. Every other test uses FakeTimeProvider.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;
    private long frozenAtTicks;

    public override DateTimeOffset GetUtcNow()
    {
        var frozen = Interlocked.Read(ref frozenAtTicks);
        var now = frozen != 0 ? new DateTimeOffset(frozen, TimeSpan.Zero) : System.GetUtcNow();
        return now + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    /// <summary>
    /// Holds the time still until the result is disposed (timers keep running; the time then jumps to real time plus the
    /// offset). For a test that compares a wait with the clock it moves: a slow moment between two requests must not run
    /// a one-second wait out on its own.
    /// </summary>
    public IDisposable Freeze()
    {
        Interlocked.Exchange(ref frozenAtTicks, System.GetUtcNow().UtcTicks);
        return new Thaw(this);
    }

    private sealed class Thaw(TestClock clock) : IDisposable
    {
        public void Dispose() => Interlocked.Exchange(ref clock.frozenAtTicks, 0);
    }
}
