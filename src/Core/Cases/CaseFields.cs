namespace Hotline.Core.Cases;

/// <summary>
/// Names of the case hash's fields (hl:{k:ID}:case) that scripts outside <see cref="CaseStore"/> touch atomically with
/// other keys; everything else reads and writes them through <see cref="CaseStore"/>.
/// </summary>
public static class CaseFields
{
    public const string Status = "status";
    public const string Holder = "holder";
    public const string Age = "age";
    public const string Place = "place";
    public const string Duress = "duress";
    public const string Escalation = "escalation";
    public const string OfferedTo = "offeredTo";
    public const string Offered = "offered";

    /// <summary>The area for which no unit was available (its timeline entry is written once).</summary>
    public const string NoUnit = "noUnit";
}
