namespace Hotline.Bot.Flow;

/// <summary>HOTLINE_DURESS_PHRASES: the deployment's duress phrases, comma-separated (see DuressDetector).</summary>
public sealed class DuressOptions
{
    public IReadOnlyList<string> Phrases { get; set; } = [];

    public static DuressOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) => new()
    {
        Phrases = (configuration["HOTLINE_DURESS_PHRASES"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    /// <summary>A phrase shorter than three letters would match ordinary messages, so it is refused rather than dropped.</summary>
    public string? Problem() =>
        Phrases.FirstOrDefault(p => p.Length < 3) is { } shortPhrase ? $"HOTLINE_DURESS_PHRASES: '{shortPhrase}' is too short (three characters at least)" : null;
}
