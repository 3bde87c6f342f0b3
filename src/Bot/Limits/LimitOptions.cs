using Hotline.Core.Hosting;
using Microsoft.Extensions.Configuration;

namespace Hotline.Bot.Limits;

/// <summary>
/// How much one source may ask of the Bot, bound from HOTLINE_LIMIT_* and checked when the Bot starts. The defaults
/// suit one deployment; every test stack talks from 127.0.0.1, so tests raise them (or lower them to test them).
/// </summary>
public sealed class LimitOptions
{
    /// <summary>HOTLINE_LIMIT_STARTS_PER_ADDRESS: Direct Line tokens and new conversations one network address may get per window.</summary>
    public int StartsPerAddress { get; set; } = 20;

    /// <summary>HOTLINE_LIMIT_STARTS_WINDOW_SECONDS: that window.</summary>
    public int StartsWindowSeconds { get; set; } = 600;

    /// <summary>HOTLINE_LIMIT_POSTS_PER_CONVERSATION: activities one web chat conversation may post per window.</summary>
    public int PostsPerConversation { get; set; } = 30;

    /// <summary>HOTLINE_LIMIT_POSTS_WINDOW_SECONDS: that window.</summary>
    public int PostsWindowSeconds { get; set; } = 60;

    /// <summary>HOTLINE_LIMIT_REQUESTS_PER_SECOND: the ceiling over all web chat and Bot Framework requests of this Bot.</summary>
    public int RequestsPerSecond { get; set; } = 400;

    /// <summary>HOTLINE_LIMIT_SMS_PER_SENDER: SMS/WhatsApp messages one sender gets answered per window; beyond, they are stored unanswered.</summary>
    public int SmsPerSender { get; set; } = 10;

    /// <summary>HOTLINE_LIMIT_SMS_WINDOW_SECONDS: that window.</summary>
    public int SmsWindowSeconds { get; set; } = 60;

    /// <summary>HOTLINE_LIMIT_SMS_PER_SECOND: SMS/WhatsApp messages answered per second over all senders; beyond, stored unanswered.</summary>
    public int SmsPerSecond { get; set; } = 200;

    /// <summary>HOTLINE_LIMIT_CASES_PER_ADDRESS: web chat conversations of one network address whose cases rank as usual per window; those beyond still open their own case, ranked after the others of the same severity.</summary>
    public int CasesPerAddress { get; set; } = 3;

    /// <summary>HOTLINE_LIMIT_CASES_WINDOW_SECONDS: that window.</summary>
    public int CasesWindowSeconds { get; set; } = 3600;

    public TimeSpan StartsWindow => TimeSpan.FromSeconds(StartsWindowSeconds);
    public TimeSpan PostsWindow => TimeSpan.FromSeconds(PostsWindowSeconds);
    public TimeSpan SmsWindow => TimeSpan.FromSeconds(SmsWindowSeconds);
    public TimeSpan CasesWindow => TimeSpan.FromSeconds(CasesWindowSeconds);

    private static readonly WholeNumberSettings<LimitOptions> Settings = new(
        ("HOTLINE_LIMIT_STARTS_PER_ADDRESS", o => o.StartsPerAddress), ("HOTLINE_LIMIT_STARTS_WINDOW_SECONDS", o => o.StartsWindowSeconds),
        ("HOTLINE_LIMIT_POSTS_PER_CONVERSATION", o => o.PostsPerConversation), ("HOTLINE_LIMIT_POSTS_WINDOW_SECONDS", o => o.PostsWindowSeconds),
        ("HOTLINE_LIMIT_REQUESTS_PER_SECOND", o => o.RequestsPerSecond), ("HOTLINE_LIMIT_SMS_PER_SENDER", o => o.SmsPerSender),
        ("HOTLINE_LIMIT_SMS_WINDOW_SECONDS", o => o.SmsWindowSeconds), ("HOTLINE_LIMIT_SMS_PER_SECOND", o => o.SmsPerSecond),
        ("HOTLINE_LIMIT_CASES_PER_ADDRESS", o => o.CasesPerAddress), ("HOTLINE_LIMIT_CASES_WINDOW_SECONDS", o => o.CasesWindowSeconds));

    public static void Bind(LimitOptions options, IConfiguration configuration) => Settings.Bind(options, configuration);

    /// <summary>What is wrong with these settings (the first one named), or null when they are usable.</summary>
    public string? Problem() => Settings.NotPositive(this);
}
