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

    private static readonly WholeNumberSettings<ConversationLifetimeOptions> Settings = new(
        ("HOTLINE_IDLE_CONVERSATION_HOURS", o => o.IdleHours), ("HOTLINE_MAX_CONVERSATION_AGE_HOURS", o => o.MaxAgeHours),
        ("HOTLINE_CONVERSATION_EXPIRY_INTERVAL_SECONDS", o => o.IntervalSeconds));

    public static void Bind(ConversationLifetimeOptions options, IConfiguration configuration) => Settings.Bind(options, configuration);

    /// <summary>What is wrong with these settings (the first one named), or null when they are usable.</summary>
    public string? Problem() =>
        Settings.NotPositive(this)
        ?? (MaxAgeHours < IdleHours ? "HOTLINE_MAX_CONVERSATION_AGE_HOURS must not be shorter than HOTLINE_IDLE_CONVERSATION_HOURS" : null);
}
