namespace Hotline.Core.Cases;

/// <summary>
/// The precision of the times a case keeps in clear once they no longer route anything: the hour. With severity,
/// categories, language and channel, an exact minute can single a person out; an hour rarely does. Whole hours also keep
/// every month (the statistics' unit) the same in any time zone whose offset is whole hours, Albania's included.
/// </summary>
public static class CoarseTime
{
    public static readonly TimeSpan Precision = TimeSpan.FromMilliseconds(PrecisionMilliseconds);

    /// <summary>The start of the hour that holds <paramref name="unixMilliseconds"/>.</summary>
    public static long Floor(long unixMilliseconds) => unixMilliseconds - unixMilliseconds % PrecisionMilliseconds;

    public const long PrecisionMilliseconds = 3_600_000;

    public static DateTimeOffset Floor(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(Floor(at.ToUnixTimeMilliseconds()));
}
