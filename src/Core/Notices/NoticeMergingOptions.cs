namespace Hotline.Core.Notices;

/// <summary>
/// HOTLINE_NOTICE_MERGE_SECONDS: how long staff alerts to one recipient after the first are merged into one summary
/// (<see cref="NoticeMerging"/>); 0 merges none. Checked when a service starts, so a mistyped value is named, not ignored.
/// </summary>
public sealed class NoticeMergingOptions
{
    public int MergeSeconds { get; set; } = 300;

    public TimeSpan Window => TimeSpan.FromSeconds(MergeSeconds);

    public string? Problem() => MergeSeconds < 0 ? "HOTLINE_NOTICE_MERGE_SECONDS must be a whole number of seconds (0 merges no alerts)" : null;
}
