using Hotline.Core;

namespace Hotline.Screening;

/// <summary>A rule that fires when several cues (or a minor) appear together.</summary>
internal sealed record Combination(string Id, int CategoryBits, Severity Level, Cue[] All, bool NeedsMinor, bool SameSentence, bool Acute, IndicatorLabel Label)
{
    /// <summary>A bit per cue of <see cref="All"/>: all are in the message when the message's cues hold every bit.</summary>
    public ulong AllBits { get; } = All.Aggregate(0UL, (bits, cue) => bits | 1UL << (int)cue);
}
