using Hotline.Bot.Channels;
using System.Text.RegularExpressions;
using Hotline.Core;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Settings of the SMS and WhatsApp channel, bound from HOTLINE_TWILIO_* (and HOTLINE_PUBLIC_URL, HOTLINE_SMS_FIRST_REPLY).
/// Without an account SID and auth token the channel is off: its endpoints answer 503 and nothing else changes. With them,
/// everything else must be right or the Bot does not start.
/// </summary>
public sealed partial class TwilioOptions
{
    public const string DefaultApiBase = "https://api.twilio.com";

    /// <summary>HOTLINE_TWILIO_ACCOUNT_SID: the account whose REST API the replies go through (AC…).</summary>
    public string? AccountSid { get; set; }

    /// <summary>HOTLINE_TWILIO_AUTH_TOKEN: signs Twilio's webhooks and authenticates our REST calls.</summary>
    public string? AuthToken { get; set; }

    /// <summary>HOTLINE_TWILIO_API_BASE: where the REST API lives (tests point it at a local fake).</summary>
    public string ApiBase { get; set; } = DefaultApiBase;

    /// <summary>
    /// HOTLINE_PUBLIC_URL: the public base URL Twilio calls (https://hotline.example.org), for a Bot behind a proxy.
    /// Signatures are checked over it with the request's path and query appended; status callbacks are addressed under it.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The Bot is behind a reverse proxy (HOTLINE_KNOWN_PROXIES set): then HOTLINE_PUBLIC_URL is required.</summary>
    public bool BehindProxy { get; set; }

    /// <summary>HOTLINE_TWILIO_FROM: the hotline's number replies come from; the number the person wrote to when unset.</summary>
    public string? From { get; set; }

    /// <summary>HOTLINE_TWILIO_MESSAGING_SERVICE_SID: send through a Messaging Service (MG…) instead of one number.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>HOTLINE_TWILIO_WHATSAPP_TEMPLATE_SID: the approved template (Content SID, HX…) sent outside WhatsApp's 24-hour window.</summary>
    public string? WhatsAppTemplateSid { get; set; }

    /// <summary>
    /// Staff who receive notices (escalations, dispatches, an approved contact) by name: "oncall-supervisor", a mobile
    /// unit's account name → "sms:+355…" or "whatsapp:+355…". From HOTLINE_TWILIO_STAFF ("name=sms:+355…,name=…") and
    /// the configuration section Twilio:Staff (env Twilio__Staff__NAME). Only this Bot's configuration holds the numbers.
    /// </summary>
    public Dictionary<string, string> Staff { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>HOTLINE_TWILIO_STAFF_TEMPLATE_SID: the approved template (Content SID, HX…, one variable {{1}}: the notice) for staff on WhatsApp.</summary>
    public string? StaffTemplateSid { get; set; }

    /// <summary>HOTLINE_SMS_FIRST_REPLY: the neutral first SMS of a conversation, as the deployment words it.</summary>
    public string SmsFirstReply { get; set; } = TwilioTexts.NeutralFirstReply;

    /// <summary>How long a sender's pseudonym keeps pointing at its conversation, and its sealed address is kept, after the last message.</summary>
    public TimeSpan AddressLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a message's delivery state is kept. Not the conversation's message SIDs: those are kept as long as the
    /// conversation, so its deletion has Twilio delete every message however long it was idle.
    /// </summary>
    public TimeSpan MessageRecordLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>WhatsApp's customer service window: free-form messages only this long after the person last wrote.</summary>
    public TimeSpan WhatsAppWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many SMS segments one outgoing message may take before the reply is split into several messages.</summary>
    public int MaxSegmentsPerSms { get; set; } = 4;

    /// <summary>How many conversations' replies are posted to Twilio at once (each conversation's in order).</summary>
    public int SendConcurrency { get; set; } = 16;

    /// <summary>REST attempts per message (the first included) on 429, 5xx and network failures.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first back-off; doubled on every further attempt unless Twilio says Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No single wait is longer than this, whatever Retry-After says.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The REST client's retries: these attempts and back-off, 15 s an attempt.</summary>
    public RetryPlan Retries => new(MaxAttempts, RetryBaseDelay, MaxRetryDelay, TimeSpan.FromSeconds(15), (TimeSpan.FromSeconds(15) + MaxRetryDelay) * MaxAttempts);

    /// <summary>
    /// How long a message waits for the one queued before it in its conversation (sent by another Bot, or lost with a
    /// crashed one) before it goes anyway: a dead Bot cannot hold a conversation up for longer.
    /// </summary>
    public TimeSpan OrderWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A reply still not sent this long after it was queued is given up (the person has likely moved on).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Twilio refuses to delete a message until it is final: the first deletion is tried this long after a wipe.</summary>
    public TimeSpan WipeFirstDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The pause after a refused deletion, doubled on each further refusal up to a day.</summary>
    public TimeSpan WipeRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often pending deletions are looked at.</summary>
    public TimeSpan WipePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => !string.IsNullOrEmpty(AccountSid) && !string.IsNullOrEmpty(AuthToken);

    /// <summary>
    /// Whom replies come from: the configured Messaging Service or number first; else the Messaging Service or the hotline
    /// number the person wrote to. A number is given the "whatsapp:" prefix in a WhatsApp conversation.
    /// </summary>
    public string? ReplyVia(Channel channel, string? inboundTo, string? inboundService)
    {
        if (MessagingServiceSid is { } service) return service;
        if (From is { } from) return ForChannel(from, channel);
        if (IsSid(inboundService, "MG")) return inboundService;
        return string.IsNullOrEmpty(inboundTo) ? null : ForChannel(inboundTo, channel);
    }

    internal const string WhatsAppPrefix = "whatsapp:";

    private static string ForChannel(string address, Channel channel)
    {
        var bare = address.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? address[WhatsAppPrefix.Length..] : address;
        return channel == Channel.WhatsApp ? WhatsAppPrefix + bare : bare;
    }

    public static void Bind(TwilioOptions options, IConfiguration configuration)
    {
        options.AccountSid = NullIfBlank(configuration["HOTLINE_TWILIO_ACCOUNT_SID"]);
        options.AuthToken = NullIfBlank(configuration["HOTLINE_TWILIO_AUTH_TOKEN"]);
        options.ApiBase = (NullIfBlank(configuration["HOTLINE_TWILIO_API_BASE"]) ?? DefaultApiBase).TrimEnd('/');
        options.PublicUrl = NullIfBlank(configuration["HOTLINE_PUBLIC_URL"])?.TrimEnd('/');
        options.BehindProxy = NullIfBlank(configuration["HOTLINE_KNOWN_PROXIES"]) is not null;
        options.From = NullIfBlank(configuration["HOTLINE_TWILIO_FROM"]);
        options.MessagingServiceSid = NullIfBlank(configuration["HOTLINE_TWILIO_MESSAGING_SERVICE_SID"]);
        options.WhatsAppTemplateSid = NullIfBlank(configuration["HOTLINE_TWILIO_WHATSAPP_TEMPLATE_SID"]);
        options.StaffTemplateSid = NullIfBlank(configuration["HOTLINE_TWILIO_STAFF_TEMPLATE_SID"]);
        foreach (var entry in configuration.GetSection("Twilio:Staff").GetChildren()) options.Staff[entry.Key] = entry.Value?.Trim() ?? "";
        foreach (var item in (configuration["HOTLINE_TWILIO_STAFF"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0) options.Staff[item] = "";
            else options.Staff[item[..equals].Trim()] = item[(equals + 1)..].Trim();
        }
        if (NullIfBlank(configuration["HOTLINE_SMS_FIRST_REPLY"]) is { } firstReply) options.SmsFirstReply = firstReply.Replace("\\n", "\n", StringComparison.Ordinal);
    }

    internal static bool IsSid(string? value, string prefix) => value is not null && value.StartsWith(prefix, StringComparison.Ordinal) && SidTail().IsMatch(value.AsSpan(2));

    /// <summary>The auth token travels to the API base: https only, plain http only to this machine (a local fake in tests).</summary>
    internal static bool IsTrustedEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo) &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex SidTail();
}
