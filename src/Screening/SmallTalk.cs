using System.Collections.Frozen;

namespace Hotline.Screening;

/// <summary>
/// Recognises a message that is only a greeting or only thanks, in Albanian (standard, Gheg, without diacritics) or
/// English. Such a message does not open a case; anything else the person writes does. Deliberately narrow: a word
/// beyond the greeting makes it a message.
/// </summary>
public static class SmallTalk
{
    private static readonly FrozenSet<string> Greetings = Phrases.Set(
        "hi", "hello", "hey", "hallo", "helo", "hiya", "yo", "greetings", "morning", "evening", "afternoon", "good", "there", "everyone", "all",
        "përshëndetje", "pershendetje", "pershnetje", "tung", "tungjatjeta", "ckemi", "çkemi", "ç'kemi", "si", "jeni", "je", "mirëdita", "mirëmëngjes",
        "mirëmbrëma", "mirëmbrema", "mirëdita", "mire", "dita", "mbrëma", "mëngjes", "salut", "ciao", "hej", "alo", "ju");

    private static readonly FrozenSet<string> Thanks = Phrases.Set(
        "thanks", "thank", "thx", "ty", "you", "very", "much", "so", "ok", "okay", "k", "kk", "alright", "fine", "great", "cool", "sure", "got", "it",
        "faleminderit", "flm", "falemnderit", "rrofsh", "rrofshi", "shumë", "mirë", "mire", "në", "rregull", "dakord", "okej", "oke", "mirë pra",
        "pra", "ju", "lol", "bye", "goodbye", "mirupafshim", "natën", "naten", "e", "mirë");

    private static readonly FrozenSet<string> ThanksCore = Phrases.Set(
        "thanks", "thank", "thx", "ty", "ok", "okay", "k", "kk", "alright", "fine", "cool", "sure", "faleminderit", "flm", "falemnderit", "rrofsh",
        "rrofshi", "dakord", "okej", "oke", "rregull", "bye", "goodbye", "mirupafshim");

    public static SmallTalkKind Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Phrases.Words(text);
        if (words.Length is 0 or > 5) return SmallTalkKind.None;
        if (words.All(Greetings.Contains) && !words.All(w => w is "si" or "jeni" or "je" or "ju" or "good" or "there" or "all" or "everyone")) return SmallTalkKind.Greeting;
        if (words.All(w => Thanks.Contains(w) || Greetings.Contains(w)) && words.Any(ThanksCore.Contains)) return SmallTalkKind.Thanks;
        return SmallTalkKind.None;
    }
}
