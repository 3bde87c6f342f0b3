using Hotline.Core.Text;

namespace Hotline.Screening;

/// <summary>
/// Recognises a person signalling that they are not safe without saying so: the deployment's duress phrase (set in
/// HOTLINE_DURESS_PHRASES, comma-separated, agreed with the person beforehand), or a bare "no" to the bot's safety
/// question ("Is it safe for you to write right now?"). The Bot calls it in-process; the text never leaves the Bot.
/// </summary>
public sealed class DuressDetector(IEnumerable<string> phrases)
{
    private static readonly HashSet<string> No = ["no", "jo", "nope", "not safe", "jo nuk eshte", "nuk eshte", "jo, nuk eshte", "no it isn't", "no it is not", "no its not", "no it's not", "nuk jam", "jo jo", "no no"];

    private readonly string[] phrases = phrases.Select(Fold).Where(p => p.Length >= 3).ToArray();

    public static DuressDetector FromSetting(string? setting) =>
        new((setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <param name="safetyQuestionAsked">The bot's last answer asked whether it is safe to write (the conversation is urgent).</param>
    public bool IsDuress(string text, bool safetyQuestionAsked)
    {
        var folded = Fold(text);
        if (phrases.Any(p => folded.Contains(p, StringComparison.Ordinal))) return true;
        return safetyQuestionAsked && No.Contains(folded.Trim(' ', '.', '!', '?'));
    }

    /// <summary>What the bot says instead: innocent to anyone reading over the person's shoulder.</summary>
    public static string InnocentReply(Hotline.Core.Language language) => language == Hotline.Core.Language.En
        ? "Thanks, noted. Have a nice day!"
        : "Faleminderit, u shënua. Ditë të mbarë!";

    /// <summary>Folded as Municipalities folds, with runs of white space made one space.</summary>
    private static string Fold(string text) =>
        string.Join(' ', AccentFolding.Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
