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

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
