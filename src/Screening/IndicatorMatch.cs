namespace Hotline.Screening;

/// <summary>
/// One indicator that fired: its lexicon id, category (the first of its categories, or "immediacy"/"plea" for cues that
/// carry no category), the matched text and its position in the original message. Each span is listed once, with all
/// its categories.
/// </summary>
public sealed record IndicatorMatch(string Id, string Category, string Text, int Start, int Length)
{
    /// <summary>How the message's context qualified this indicator (past, third person, ...).</summary>
    public ScreeningContext Context { get; init; }

    /// <summary>Every category this span stands for (one of the seven each); empty for immediacy cues and pleas.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The indicator's short name in Albanian and English, for operators.</summary>
    public IndicatorLabel? Label { get; init; }
}
