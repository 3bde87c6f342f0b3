namespace Hotline.Operator.Team;

/// <summary>Wellbeing settings (section HOTLINE_CONSOLE): when the console suggests a pause.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "HOTLINE_CONSOLE";
    public int PauseAfterCriticalCases { get; set; } = 3;
    public int PauseAfterMinutesWithoutBreak { get; set; } = 120;
}
