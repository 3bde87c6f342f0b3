namespace Hotline.Operator.Audit;

/// <summary>Audit settings (section HOTLINE_AUDIT): how often the chain's head is signed (when it moved), and how often the whole chain is checked.</summary>
public sealed class AuditOptions
{
    public const string Section = "HOTLINE_AUDIT";
    public int SignHeadSeconds { get; set; } = 60;

    /// <summary>Each check reads the whole log: every few minutes, not at every signature.</summary>
    public int CheckSeconds { get; set; } = 300;
}
