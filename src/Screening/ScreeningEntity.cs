namespace Hotline.Screening;

/// <summary>
/// An entity in the message. <see cref="Value"/> is normalised: an age in years ("15"), a place's canonical name
/// ("Shkodër", "Italy"), a time's class ("now", "tonight", "recent-past", ...), or a phone number fully masked.
/// </summary>
public readonly record struct ScreeningEntity(EntityKind Kind, string Value, int Start, int Length);
