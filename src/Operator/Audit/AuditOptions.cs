namespace Hotline.Operator.Audit;

/// <summary>Audit settings (section HOTLINE_AUDIT): how often the chain's head is signed, when it moved.</summary>
public sealed class AuditOptions
{
    public const string Section = "HOTLINE_AUDIT";
    public int SignHeadSeconds { get; set; } = 60;
}
