using Hotline.Core.Hosting;

namespace Hotline.Bot.Expiry;

/// <summary>
/// How long a conversation lives, bound from HOTLINE_* and checked when the Bot starts: a conversation without a case
/// expires once idle, and no conversation's web chat token is renewed past its maximum age.
/// </summary>
public sealed class ConversationLifetimeOptions
{
    /// <summary>HOTLINE_IDLE_CONVERSATION_HOURS: a conversation that never had a case is deleted after this long without an entry.</summary>
    public int IdleHours { get; set; } = 72;

    /// <summary>
    /// HOTLINE_MAX_CONVERSATION_AGE_HOURS: a web chat token is never renewed, nor valid, past this age of its conversation;
    /// a conversation without a case is deleted at this age even if it is still written in.
    /// </summary>
    public int MaxAgeHours { get; set; } = 720;

    /// <summary>HOTLINE_CONVERSATION_EXPIRY_INTERVAL_SECONDS: how often a Bot looks for conversations to expire.</summary>
    public int IntervalSeconds { get; set; } = 600;

    public TimeSpan Idle => TimeSpan.FromHours(IdleHours);
    public TimeSpan MaxAge => TimeSpan.FromHours(MaxAgeHours);
    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public static void Bind(ConversationLifetimeOptions options, IConfiguration configuration)
    {
        options.IdleHours = Read(configuration, "HOTLINE_IDLE_CONVERSATION_HOURS", options.IdleHours);
        options.MaxAgeHours = Read(configuration, "HOTLINE_MAX_CONVERSATION_AGE_HOURS", options.MaxAgeHours);
        options.IntervalSeconds = Read(configuration, "HOTLINE_CONVERSATION_EXPIRY_INTERVAL_SECONDS", options.IntervalSeconds);
    }

    /// <summary>What is wrong with these settings (the first one named), or null when they are usable.</summary>
    public string? Problem() =>
        IdleHours <= 0 ? "HOTLINE_IDLE_CONVERSATION_HOURS must be a positive whole number"
        : MaxAgeHours <= 0 ? "HOTLINE_MAX_CONVERSATION_AGE_HOURS must be a positive whole number"
        : MaxAgeHours < IdleHours ? "HOTLINE_MAX_CONVERSATION_AGE_HOURS must not be shorter than HOTLINE_IDLE_CONVERSATION_HOURS"
        : IntervalSeconds <= 0 ? "HOTLINE_CONVERSATION_EXPIRY_INTERVAL_SECONDS must be a positive whole number"
        : null;

    private static int Read(IConfiguration configuration, string name, int fallback) => WholeNumberSetting.Read(configuration[name], fallback);
}
