namespace Hotline.Operator.Team;

public sealed record Wellbeing(int CriticalThisShift, int CriticalSinceBreak, int MinutesSinceBreak, int MinutesOnShift, bool PauseSuggested);
