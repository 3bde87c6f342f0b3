using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// The risk of a whole conversation, folded message by message: it never drops below its worst message, and after a
/// disclosure a message that someone is back, here or coming ("he's back", "erdhi prap", "po vjen") raises it even
/// if that message alone would be mild. Immutable; store <see cref="Severity"/>, <see cref="Categories"/> and
/// <see cref="Disclosed"/> with the conversation and call <see cref="Add"/> for each new message.
/// </summary>
public sealed record ConversationRisk(Severity Severity, IReadOnlyList<string> Categories, bool Minor, int? Age, bool Disclosed)
{
    public static ConversationRisk None { get; } = new(Severity.None, [], false, null, false);

    /// <summary>What the last message changed: true when it raised the conversation above its own severity.</summary>
    public bool RaisedByContext { get; init; }

    private const Immediacy Someone = Immediacy.Presence | Immediacy.Returned | Immediacy.Arrived | Immediacy.InProgress | Immediacy.Disguised;

    /// <summary>The conversation after one more screened message.</summary>
    public ConversationRisk Add(ScreeningResult message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var severity = message.Severity > Severity ? message.Severity : Severity;
        var raised = false;
        if (Disclosed && (message.Immediacy & Someone) != 0)
        {
            // He is back after she told us what he does: as urgent as what she told us, and critical if that was violence.
            var violent = Severity >= Severity.High || Categories.Any(IsViolence);
            var floor = violent ? Severity.Critical : Severity.High;
            if (floor > severity) { severity = floor; raised = true; }
        }
        else if (Disclosed && (message.Immediacy & Immediacy.Plea) != 0 && severity < Severity.High)
        {
            severity = Severity.High;
            raised = true;
        }
        var categories = Categories.Count == 0 ? message.Categories : message.Categories.Count == 0 ? Categories : [.. Categories.Union(message.Categories)];
        var disclosed = Disclosed || message.Severity >= Severity.Medium && message.Categories.Count > 0;
        return new ConversationRisk(severity, categories, Minor || message.Minor, Age ?? message.Age, disclosed) { RaisedByContext = raised };
    }

    /// <summary>The risk of a conversation from its messages' screenings, in order.</summary>
    public static ConversationRisk Of(IEnumerable<ScreeningResult> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var risk = None;
        foreach (var message in messages) risk = risk.Add(message);
        return risk;
    }

    /// <summary>Screens and folds a conversation's texts in order.</summary>
    public static ConversationRisk Of(Screener screener, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(screener);
        ArgumentNullException.ThrowIfNull(texts);
        return Of(texts.Select(screener.Screen));
    }

    private static bool IsViolence(string category) =>
        category is "domestic_violence" or "sexual_violence" or "trafficking" or "hate_violence" or "child_at_risk";
}
