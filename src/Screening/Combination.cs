using Hotline.Core;

namespace Hotline.Screening;

/// <summary>A rule that fires when several cues (or a minor) appear together.</summary>
internal sealed record Combination(string Id, int CategoryBits, Severity Level, Cue[] All, bool NeedsMinor, bool SameSentence, bool Acute, IndicatorLabel Label);
