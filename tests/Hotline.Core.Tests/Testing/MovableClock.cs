namespace Hotline.Core.Tests.Testing;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class MovableClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
