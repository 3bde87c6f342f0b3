namespace Hotline.Core.Conversations;

/// <summary>A conversation's state, without any text or address.</summary>
public sealed record ConversationRecord(
    string Id,
    Channel Channel,
    Language Language,
    Severity Severity,
    DateTimeOffset CreatedAt,
    string? CaseId,
    string? Operator,
    bool Ended)
{
    /// <summary>The case an operator last released back to the bot, if any.</summary>
    public string? PreviousCaseId { get; init; }

    /// <summary>Where the person is now, when they continued on another channel with the case code.</summary>
    public ConversationRoute? Route { get; init; }

    /// <summary>
    /// The keyed hash of the code the bot gave the person to continue this conversation elsewhere or later
    /// (<see cref="CaseCodeKey.LookupOf"/>); the code itself is kept nowhere but in the sealed reply that carried it.
    /// </summary>
    public string? CaseCodeLookup { get; init; }

    /// <summary>Every field of the conversation hash as read (a channel's own fields among them); never text or an address.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
}
