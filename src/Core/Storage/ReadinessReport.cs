namespace Hotline.Core.Storage;

/// <summary>The answer to a readiness check: when ready, the text to serve ("ready", maybe with a memory warning); when not, why.</summary>
public sealed record ReadinessReport(bool Ready, string Detail)
{
    public const string NotReadyTitle = "Not ready";

    public static ReadinessReport NotReady(string detail) => new(false, detail);
}
