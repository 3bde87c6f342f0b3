using System.Text;

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

    private static string Fold(string text)
    {
        // An explicit table: with invariant globalization, Unicode decomposition is not something to rely on.
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = char.ToLowerInvariant(ch);
            builder.Append(c switch
            {
                '\u00EB' or '\u00E9' or '\u00E8' or '\u00EA' => 'e',
                '\u00E7' or '\u0107' or '\u010D' => 'c',
                '\u00E0' or '\u00E1' or '\u00E2' or '\u00E4' or '\u00E3' => 'a',
                '\u00EC' or '\u00ED' or '\u00EE' or '\u00EF' => 'i',
                '\u00F2' or '\u00F3' or '\u00F4' or '\u00F6' => 'o',
                '\u00F9' or '\u00FA' or '\u00FB' or '\u00FC' => 'u',
                '\u0161' => 's',
                '\u017E' => 'z',
                _ => c,
            });
        }
        return string.Join(' ', builder.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
