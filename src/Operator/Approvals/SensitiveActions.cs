namespace Hotline.Operator.Approvals;

/// <summary>The actions that need a second person: exporting a transcript, revealing a reply address to a mobile unit.</summary>
public static class SensitiveActions
{
    public const string Export = "export-transcript";
    public const string RevealContact = "reveal-contact";
}
