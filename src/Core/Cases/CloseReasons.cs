namespace Hotline.Core.Cases;

/// <summary>Why a case was closed without being worked: each counts as such in the statistics.</summary>
public static class CloseReasons
{
    public const string Test = "test";
    public const string Prank = "prank";
    public const string NoContact = "no-contact";

    /// <summary>Nobody held it and the person wrote nothing for the configured time.</summary>
    public const string Idle = "idle";

    /// <summary>The person (or a supervisor) deleted the conversation: the case keeps no identifying fact.</summary>
    public const string Deleted = "deleted";

    /// <summary>What an operator may choose.</summary>
    public static readonly IReadOnlyList<string> ByOperator = [Test, Prank, NoContact];
}
