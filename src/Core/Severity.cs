namespace Hotline.Core;

/// <summary>How urgent a message or a case is. Ordered: a higher value is more urgent.</summary>
public enum Severity
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
