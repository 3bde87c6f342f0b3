using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Events;

/// <summary>
/// What the Triage worker learns of a message: never its text, and nothing that could name the person in clear. What
/// screening found that could (age, area, minor, indicator positions) travels sealed to the team key
/// (<see cref="SealedFacts"/>); routing sees only severity, categories, language, channel, time, and which mobile units
/// cover the area (<see cref="CoveredBy"/>), never the area itself.
/// </summary>
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
    DateTimeOffset At,
    bool Duress = false,
    bool SmallTalk = false,
    bool RequestedHuman = false)
{
    /// <summary>The earlier messages raised the conversation above what this one says alone (conversation-level risk).</summary>
    public bool RaisedByContext { get; init; }

    /// <summary>The message's <see cref="Cases.MessageFacts"/>, sealed to the team key; null when screening found none.</summary>
    public string? SealedFacts { get; init; }

    /// <summary>Screening recognised an area in the message (which one is sealed).</summary>
    public bool NamesArea { get; init; }

    /// <summary>The mobile units that cover the area the message named: what dispatch needs, without the area.</summary>
    public IReadOnlyList<string> CoveredBy { get; init; } = [];

    /// <summary>
    /// The web chat address it came from has opened many new conversations lately (over its case budget): a case it opens
    /// is marked so and ranks after the others of its severity. Often a carrier's shared address, so never grounds to merge.
    /// </summary>
    public bool SharedNetwork { get; init; }

    /// <summary>
    /// The case the conversation was linked to when the message was stored, as its writer read the conversation; null when
    /// none. Possibly stale by the time the event is read: a reader takes it only while the case is not closed (a case is
    /// unlinked from its conversation only after it closes).
    /// </summary>
    public string? CaseId { get; init; }

    public NameValueEntry[] ToFields()
    {
        // Room for every field at once: grown list by list, its copies were a share of each message's bytes.
        var fields = new List<NameValueEntry>(18)
        {
            new("type", "message"),
            new("conversationId", ConversationId),
            new("seq", Sequence),
            new("channel", Channel.ToWire()),
            new("language", Language.ToWire()),
            new("severity", MessageSeverity.ToWire()),
            new("conversationSeverity", ConversationSeverity.ToWire()),
            new("categories", string.Join(',', Categories)),
            new("at", At.ToUnixTimeMilliseconds()),
        };
        if (!string.IsNullOrEmpty(SealedFacts)) fields.Add(new("facts", SealedFacts));
        if (NamesArea) fields.Add(new("area", 1));
        if (CoveredBy.Count > 0) fields.Add(new("coveredBy", string.Join(',', CoveredBy)));
        if (Duress) fields.Add(new("duress", 1));
        if (RaisedByContext) fields.Add(new("context", 1));
        if (SmallTalk) fields.Add(new("smallTalk", 1));
        if (RequestedHuman) fields.Add(new("requestedHuman", 1));
        if (SharedNetwork) fields.Add(new("sharedNetwork", 1));
        if (!string.IsNullOrEmpty(CaseId)) fields.Add(new("caseId", CaseId));
        return [.. fields];
    }

    public static MessageEvent? FromFields(NameValueEntry[] fields)
    {
        var map = RedisFields.ToMap(fields);
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
            DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(map.GetValueOrDefault("at"), out var at) ? at : 0),
            map.GetValueOrDefault("duress") == "1",
            map.GetValueOrDefault("smallTalk") == "1",
            map.GetValueOrDefault("requestedHuman") == "1")
        {
            RaisedByContext = map.GetValueOrDefault("context") == "1",
            SealedFacts = map.GetValueOrDefault("facts") is { Length: > 0 } facts ? facts : null,
            NamesArea = map.GetValueOrDefault("area") == "1",
            CoveredBy = map.GetValueOrDefault("coveredBy") is { Length: > 0 } units ? units.Split(',') : [],
            SharedNetwork = map.GetValueOrDefault("sharedNetwork") == "1",
            CaseId = map.GetValueOrDefault("caseId") is { Length: > 0 } caseId ? caseId : null,
        };
    }
}
