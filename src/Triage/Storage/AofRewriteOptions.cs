namespace Hotline.Triage.Storage;

/// <summary>
/// How often the Triage worker has Redis rewrite its append-only file (HOTLINE_AOF_REWRITE_MINUTES, default 60), so that
/// what was deleted (a conversation's entries and sealed data keys, expired keys) leaves the files on disk within that time.
/// </summary>
public sealed class AofRewriteOptions
{
    public const string Variable = "HOTLINE_AOF_REWRITE_MINUTES";

    public int Minutes { get; set; } = 60;

    public TimeSpan Interval => TimeSpan.FromMinutes(Minutes);
}
