namespace Hotline.Core.Crypto;

/// <summary>Who may sign what: the names of the services' signing keys in the team key record.</summary>
public static class Signers
{
    public const string Bot = "bot";
    public const string Operator = "operator";
    public const string Triage = "triage";

    public static readonly string[] Services = [Bot, Operator, Triage];
}
