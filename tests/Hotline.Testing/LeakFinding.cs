namespace Hotline.Testing;

/// <summary>A secret found: which one, in which form (e.g. "utf-8", "base64", "utf-16le"), where, and at which byte offset.</summary>
public sealed record LeakFinding(string Secret, string Form, string Where, long Offset)
{
    public override string ToString() => $"'{Secret}' as {Form} in {Where} at byte {Offset}";
}
