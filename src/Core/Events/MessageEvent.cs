using System.Globalization;
using StackExchange.Redis;

namespace Hotline.Core.Events;

/// <summary>
/// Where an indicator fired in a message: its id, category and position (UTF-16 offsets into the message text), never the
/// matched text. The operator's browser highlights these positions over the transcript entry it decrypts.
/// </summary>
public sealed record IndicatorRef(string Id, string Category, int Start, int Length)
{
    public static string Join(IEnumerable<IndicatorRef> indicators) =>
        string.Join(';', indicators.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Id}:{i.Category}:{i.Start}:{i.Length}")));

    public static IReadOnlyList<IndicatorRef> Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return [];
        var list = new List<IndicatorRef>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = part.Split(':');
            if (f.Length == 4 && int.TryParse(f[2], CultureInfo.InvariantCulture, out var start) && int.TryParse(f[3], CultureInfo.InvariantCulture, out var length))
            {
                list.Add(new IndicatorRef(f[0], f[1], start, length));
            }
        }
        return list;
    }
}

/// <summary>What the Triage worker learns of a message: never its text, only what screening concluded.</summary>
/// <param name="Indicators">Which indicators fired and where (positions only).</param>
/// <param name="Age">An age the person gave, if screening found one.</param>
/// <param name="Place">A municipality screening recognised (a coarse area, never an address).</param>
/// <param name="Duress">The person wrote the duress phrase or answered the safety question with "no".</param>
/// <param name="SmallTalk">Only a greeting, thanks, a stop word or a case code: it does not open a case (everything else does).</param>
/// <param name="RequestedHuman">The person asked to talk to a person: the case is at least medium and marked.</param>
public sealed record MessageEvent(
    string ConversationId,
    long Sequence,
    Channel Channel,
    Language Language,
    Severity MessageSeverity,
    Severity ConversationSeverity,
    IReadOnlyList<string> Categories,
    bool Minor,
    DateTimeOffset At,
    IReadOnlyList<IndicatorRef>? Indicators = null,
    int? Age = null,
    string? Place = null,
    bool Duress = false,
    bool SmallTalk = false,
    bool RequestedHuman = false)
{
    /// <summary>The earlier messages raised the conversation above what this one says alone (conversation-level risk).</summary>
    public bool RaisedByContext { get; init; }

    public NameValueEntry[] ToFields()
    {
        var fields = new List<NameValueEntry>
        {
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
        };
        if (Indicators is { Count: > 0 }) fields.Add(new("indicators", IndicatorRef.Join(Indicators)));
        if (Age is { } age) fields.Add(new("age", age));
        if (!string.IsNullOrEmpty(Place)) fields.Add(new("place", Place));
        if (Duress) fields.Add(new("duress", 1));
        if (RaisedByContext) fields.Add(new("context", 1));
        if (SmallTalk) fields.Add(new("smallTalk", 1));
        if (RequestedHuman) fields.Add(new("requestedHuman", 1));
        return [.. fields];
    }

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
            DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(map.GetValueOrDefault("at"), out var at) ? at : 0),
            IndicatorRef.Parse(map.GetValueOrDefault("indicators")),
            int.TryParse(map.GetValueOrDefault("age"), CultureInfo.InvariantCulture, out var age) ? age : null,
            map.GetValueOrDefault("place") is { Length: > 0 } place ? place : null,
            map.GetValueOrDefault("duress") == "1",
            map.GetValueOrDefault("smallTalk") == "1",
            map.GetValueOrDefault("requestedHuman") == "1") { RaisedByContext = map.GetValueOrDefault("context") == "1" };
    }
}
