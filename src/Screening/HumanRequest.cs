using System.Collections.Frozen;

namespace Hotline.Screening;

/// <summary>
/// Recognises a request to talk to a person, in Albanian (standard and Gheg, with or without diacritics) and English:
/// "dua të flas me dikë", "du me fol me dikon", "a ka njeri aty", "a je robot", "operator", "a real person",
/// "can I talk to someone", "is anyone there". Such a request always reaches the queue; the rules lean towards
/// recognising one, since a wrong "yes" costs only a place in the queue.
/// </summary>
public static class HumanRequest
{
    // Verbs of talking and listening (flas/fol/folur: standard and Gheg).
    private static readonly FrozenSet<string> Talk = Phrases.Set(
        "talk", "talking", "speak", "speaking", "chat", "chatting",
        "flas", "flasim", "flasë", "flet", "flisni", "fol", "folë", "folur", "foli", "folni", "folim", "bisedoj", "bisedojmë", "komunikoj",
        "listen", "listening", "hear", "dëgjon", "dëgjoni", "ndigjon", "ndëgjon", "ndigjoni");

    // Who one could talk to: a person, or "whom" ("nuk di me kë të flas", "who can I talk to").
    private static readonly FrozenSet<string> Someone = Phrases.Set(
        "someone", "somebody", "anyone", "anybody", "person", "human", "people", "operator", "counsellor", "counselor", "agent", "staff",
        "psychologist", "volunteer", "who", "whom",
        "dikë", "dikush", "dikend", "dikon", "dikujt", "kush", "kë", "kënd", "njeri", "njeriu", "njerëz", "person", "personi", "operator",
        "operatori", "operatore", "këshilltar", "këshilltari", "këshilltare", "psikolog", "psikologe", "punonjës", "kerkush", "askush");

    // Wanting or being able to: "I need to talk", "dua të flas", "mund të flasim".
    private static readonly FrozenSet<string> Wish = Phrases.Set(
        "want", "wanna", "need", "can", "could", "may", "would", "please",
        "dua", "du", "duam", "dëshiroj", "duhet", "mund", "mundem", "mujm", "muj", "nevojë", "lutem");

    // "he won't let me talk to anyone" describes a harm, it does not ask for a person.
    private static readonly FrozenSet<string> Not = Phrases.Set(
        "not", "t", "cant", "cannot", "dont", "don", "wont", "won", "doesn", "didn", "never", "nuk", "s", "mos", "ska", "nk");

    // A message that is only this asks for a person: "operator", "a real person", "njeri ju lutem".
    private static readonly FrozenSet<string> PersonNoun = Phrases.Set(
        "person", "human", "operator", "counsellor", "counselor", "agent", "someone", "somebody", "human being",
        "njeri", "njeriu", "person", "personi", "operator", "operatori", "këshilltar", "këshilltari", "dikë", "dikush", "psikolog");

    private static readonly FrozenSet<string> Filler = Phrases.Set(
        "a", "an", "the", "real", "actual", "live", "please", "pls", "plz", "now", "i", "want", "need", "me", "to", "with", "talk",
        "një", "ju", "lutem", "të", "vërtetë", "real", "tani", "dua", "me", "flas", "hello", "hi", "përshëndetje", "tung");

    // "are you a robot", "a je robot", "is this a bot", "am I talking to a machine".
    // Not "ai": in Albanian it means "he".
    private static readonly FrozenSet<string> Machine = Phrases.Set("robot", "bot", "chatbot", "machine", "automatic", "automated", "makinë", "automatik");

    private static readonly FrozenSet<string> AddressedToYou = Phrases.Set(
        "you", "u", "this", "it", "talking", "am", "je", "jeni", "është", "eshte", "kjo", "ky", "flas", "po", "asht");

    private static readonly string[][] Presence = Phrases.Sequences(
        "anyone there", "anybody there", "someone there", "somebody there", "anyone here", "anybody here", "is there anyone",
        "is there anybody", "is there someone", "is there a person", "is there a human", "are you there", "are you real", "are you human",
        "are you a person", "are you a human", "real person", "real human", "human being", "actual person", "live person",
        "a ka njeri", "ka njeri", "a ka dikë", "a ka dikush", "ka dikush", "a asht dikush", "është dikush", "a je aty", "a jeni aty", "je aty",
        "jeni aty", "a je njeri", "a jeni njeri", "je njeri", "jeni njeri", "a je i vërtetë", "a jeni të vërtetë", "njeri i vërtetë", "person real",
        "njeri real", "me një njeri", "me nje person", "me një person");

    /// <summary>Whether the message asks to talk to a person (or whether the person is talking to a machine).</summary>
    public static bool IsRequest(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Phrases.Words(text);
        if (words.Length == 0) return false;
        if (Phrases.ContainsAny(words, Presence)) return true;
        var talk = Enumerable.Range(0, words.Length).Any(i => Talk.Contains(words[i]) && !words[Math.Max(0, i - 3)..i].Any(Not.Contains));
        if (talk && (Phrases.Any(words, Someone) || Phrases.Any(words, Wish))) return true;
        if (words.Length <= 12 && Phrases.Any(words, Machine) && Phrases.Any(words, AddressedToYou)) return true;
        return words.Length <= 6 && words.All(w => Filler.Contains(w) || PersonNoun.Contains(w)) && Phrases.Any(words, PersonNoun);
    }
}
