namespace Hotline.Testing;

/// <summary>
/// Where a test's FakeTimeProvider starts when the test names Redis keys by period (the rotating pseudonym and delivery
/// keys) and shares its Redis with other tests: each call gives a stretch of time no other test of the run starts in.
/// Drawn at random, two tests of a class drew the same or neighbouring fortnights about once in ten thousand runs, and
/// each then found the other's keys, wrapped under other secrets.
/// </summary>
public static class OwnStretchOfTime
{
    private static int handedOut;

    /// <summary>A Monday at 09:00 UTC, a year (52 weeks) after the one handed out before: room to move the clock by months.</summary>
    public static DateTimeOffset Start() =>
        new DateTimeOffset(2100, 1, 4, 9, 0, 0, TimeSpan.Zero).AddDays(364.0 * Interlocked.Increment(ref handedOut));
}
