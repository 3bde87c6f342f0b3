using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// The risk of a whole conversation, folded message by message. It never drops below its worst message, and each
/// message is read in the light of the earlier ones: after a disclosure, a message that someone is back, here or coming,
/// that the person is being moved or locked in, that has a weapon, blood or means, or that says it is happening now or
/// tonight raises it even if that message alone would be mild; an age under 18 makes everything after it (and the
/// categories before it) about a minor. Immutable and text-free: it keeps severities, categories, indicator ids, the
/// age, immediacy kinds and times, never words. Whoever stores it between messages (the Bot) seals it.
/// </summary>
public sealed record ConversationRisk(Severity Severity, IReadOnlyList<string> Categories, bool Minor, int? Age, bool Disclosed)
{
    public static ConversationRisk None { get; } = new(Severity.None, [], false, null, false);

    /// <summary>How long after the last disclosure a mild cue still raises the conversation to critical (then only to high).</summary>
    public static readonly TimeSpan ContextWindow = TimeSpan.FromDays(3);

    /// <summary>What the last message changed: true when it raised the conversation above its own severity.</summary>
    public bool RaisedByContext { get; init; }

    /// <summary>The highest severity a message carrying a category reached on its own: what later cues are read against.</summary>
    public Severity Disclosure { get; init; }

    /// <summary>When the last disclosure was made (null when no time was given).</summary>
    public DateTimeOffset? DisclosedAt { get; init; }

    /// <summary>When the last message came (null when no time was given).</summary>
    public DateTimeOffset? LastAt { get; init; }

    /// <summary>Lexicon ids of the category indicators met so far, in order of first appearance (no text).</summary>
    public IReadOnlyList<string> Indicators { get; init; } = [];

    /// <summary>The kinds of immediacy met so far.</summary>
    public Immediacy Cues { get; init; }

    // Someone is back, here or coming; or the person is being moved, locked in, hurt, or holds the means.
    private const Immediacy Acute = ImmediacyCombinations.Acute;

    // "Now", "tonight": urgent only against a disclosure that was already high.
    private const Immediacy Present = ImmediacyCombinations.Present;

    // A message that says the danger is not here now does not raise anything.
    private const ScreeningContext Calming = ScreeningContext.Negated | ScreeningContext.SafeNow | ScreeningContext.AbuserAway
        | ScreeningContext.Hypothetical | ScreeningContext.Joking | ScreeningContext.DistantPast | ScreeningContext.InformationRequest;

    /// <summary>The conversation after one more screened message.</summary>
    public ConversationRisk Add(ScreeningResult message) => Add(message, at: null);

    /// <summary>The conversation after one more screened message, received at <paramref name="at"/>.</summary>
    public ConversationRisk Add(ScreeningResult message, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(message);
        var own = message.Severity;
        var age = Age ?? message.Age;
        var minor = Minor || message.Minor || age is < 18;

        // A minor's disclosure weighs a step more: what is medium for an adult is high for a child.
        if (minor && !message.Minor && own == Severity.Medium && message.Categories.Count > 0) own = Severity.High;
        var severity = own > Severity ? own : Severity;

        var calm = (message.Context & Calming) != 0;
        var recent = at is null || DisclosedAt is null || at.Value - DisclosedAt.Value <= ContextWindow;
        var floor = Severity.None;
        if (Disclosed && !calm)
        {
            var violent = Severity >= Severity.High || Categories.Any(IsViolence);
            if ((message.Immediacy & Acute) != 0)
            {
                // He is back after she told us what he does: as urgent as what she told us, and critical if that was violence.
                floor = violent && recent ? Severity.Critical : Severity.High;
            }
            else if ((message.Immediacy & Present) != 0 && Disclosure >= Severity.High && !Discloses(message))
            {
                // "Now" or "tonight" after a high disclosure (means gathered, passport taken): it is happening. A message
                // that discloses something itself ("now he says I owe him") was already weighed with its "now" alone; a
                // subject only named at low ("now. is this what they call trafficking?") discloses nothing.
                floor = recent ? Severity.Critical : Severity.High;
            }
            else if ((message.Immediacy & Immediacy.Plea) != 0)
            {
                floor = Severity.High;
            }
        }
        var raised = own > message.Severity && own > Severity;
        if (floor > severity)
        {
            severity = floor;
            raised = true;
        }

        var categories = Categories.Count == 0 ? message.Categories : message.Categories.Count == 0 ? Categories : [.. Categories.Union(message.Categories)];
        if (minor && categories.Any(c => c != ChildAtRisk && c != SelfHarm) && !categories.Contains(ChildAtRisk)) categories = [.. categories, ChildAtRisk];
        var discloses = Discloses(message);
        var indicators = Indicators;
        foreach (var indicator in message.Indicators)
        {
            if (Screening.Categories.Names.Contains(indicator.Category) && !indicators.Contains(indicator.Id)) indicators = [.. indicators, indicator.Id];
        }
        return new ConversationRisk(severity, categories, minor, age, Disclosed || discloses)
        {
            RaisedByContext = raised,
            Disclosure = discloses && own > Disclosure ? own : Disclosure,
            DisclosedAt = discloses ? at ?? DisclosedAt : DisclosedAt,
            LastAt = at ?? LastAt,
            Indicators = indicators,
            Cues = Cues | message.Immediacy,
        };
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

    /// <summary>A message with a category at medium or above: a disclosure.</summary>
    private static bool Discloses(ScreeningResult message) => message.Severity >= Severity.Medium && message.Categories.Count > 0;

    private const string ChildAtRisk = "child_at_risk";
    private const string SelfHarm = "self_harm";

    private static bool IsViolence(string category) =>
        category is "domestic_violence" or "sexual_violence" or "trafficking" or "hate_violence" or ChildAtRisk;
}
