using StackExchange.Redis;

namespace Hotline.Core.Events;

/// <summary>What the Triage worker learns of a message: never its text, only what screening concluded.</summary>
public sealed record MessageEvent(
    string ConversationId,
    long Sequence,
    Channel Channel,
    Language Language,
    Severity MessageSeverity,
    Severity ConversationSeverity,
    IReadOnlyList<string> Categories,
    bool Minor,
    DateTimeOffset At)
{
    public NameValueEntry[] ToFields() =>
    [
        new("type", "message"),
        new("conversationId", ConversationId),
        new("seq", Sequence),
        new("channel", Channel.ToWire()),
        new("language", Language.ToWire()),
        new("severity", MessageSeverity.ToWire()),
        new("conversationSeverity", ConversationSeverity.ToWire()),
        new("categories", string.Join(',', Categories)),
        new("minor", Minor ? 1 : 0),
        new("at", At.ToUnixTimeMilliseconds()),
    ];

    public static MessageEvent? FromFields(NameValueEntry[] fields)
    {
        var map = fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString());
        if (!map.TryGetValue("type", out var type) || type != "message") return null;
        if (!map.TryGetValue("conversationId", out var conversationId) || string.IsNullOrEmpty(conversationId)) return null;
        if (!WireNames.TryParseChannel(map.GetValueOrDefault("channel"), out var channel)) return null;
        if (!WireNames.TryParseSeverity(map.GetValueOrDefault("severity"), out var severity)) return null;
        if (!WireNames.TryParseSeverity(map.GetValueOrDefault("conversationSeverity"), out var conversationSeverity)) return null;
        var categories = map.GetValueOrDefault("categories") is { Length: > 0 } c ? c.Split(',') : [];
        return new MessageEvent(
            conversationId,
            long.TryParse(map.GetValueOrDefault("seq"), out var seq) ? seq : 0,
            channel,
            WireNames.ParseLanguage(map.GetValueOrDefault("language")),
            severity,
            conversationSeverity,
            categories,
            map.GetValueOrDefault("minor") == "1",
            DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(map.GetValueOrDefault("at"), out var at) ? at : 0));
    }
}
