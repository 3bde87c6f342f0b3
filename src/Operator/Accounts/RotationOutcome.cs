namespace Hotline.Operator.Accounts;

public enum RotationOutcome
{
    Done,
    /// <summary>The team key, the operators or their keys changed since the browser prepared it: prepare again.</summary>
    Stale,
}
