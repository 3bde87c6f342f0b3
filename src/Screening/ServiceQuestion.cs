using System.Collections.Frozen;

namespace Hotline.Screening;

/// <summary>
/// Recognises a question about the service (hours, cost, anonymity, who reads it), in Albanian (standard, Gheg, without
/// diacritics) or English, so the bot can answer it briefly and truthfully. "Is this a robot" is a request for a
/// person: <see cref="HumanRequest"/>.
/// </summary>
public static class ServiceQuestion
{
    private static readonly FrozenSet<string> HoursWords = Phrases.Set(
        "hours", "opening", "orari", "orar", "oraret", "orarin", "24/7", "nonstop", "weekend", "weekends", "fundjavë", "fundjave");

    private static readonly FrozenSet<string> OpenWords = Phrases.Set("open", "available", "working", "work", "hapur", "punoni", "punon", "hapni", "disponueshëm");

    private static readonly FrozenSet<string> ToYou = Phrases.Set(
        "you", "your", "service", "line", "hotline", "chat", "when", "time", "night", "day", "always", "today", "sunday",
        "ju", "jeni", "juve", "kur", "natën", "naten", "ditën", "gjithmonë", "sot", "linja", "shërbimi", "sherbimi", "e", "diel");

    private static readonly FrozenSet<string> CostWords = Phrases.Set(
        "cost", "costs", "charge", "charged", "charges", "price", "fee", "fees",
        "paguaj", "paguhet", "paguaje", "pagese", "pagesë", "kushton", "kushtojnë", "falas", "tarifë", "tarifa", "lekë");

    private static readonly string[][] CostPhrases = Phrases.Sequences(
        "is it free", "is this free", "is the service free", "for free", "free of charge", "free to use", "do i have to pay", "do i pay",
        "have to pay", "need to pay", "how much", "a duhet të paguaj", "sa para");

    private static readonly FrozenSet<string> AnonymityWords = Phrases.Set(
        "anonymous", "anonymously", "anonim", "anonime", "anonimisht", "anonimat", "confidential", "confidentially", "privacy", "private",
        "konfidencial", "konfidenciale", "konfidencialitet", "privatësi", "privat", "sekret", "identity", "identitet", "identiteti");

    private static readonly string[][] AnonymityPhrases = Phrases.Sequences(
        "my name", "my number", "my phone", "see my", "know who i am", "trace", "track me", "emrin tim", "numrin tim", "e shihni numrin",
        "do ta dini", "kush jam", "do mësojnë", "do marrin vesh", "will anyone know", "will they know", "will he know", "will he find out");

    private static readonly FrozenSet<string> AnonymityVerbs = Phrases.Set(
        "see", "know", "find", "tell", "share", "store", "keep", "record", "save", "shihni", "shikoni", "dini", "ruani", "regjistroni", "tregoni", "ndani",
        "shohin", "dinë", "mësojnë", "gjejnë", "ruhet", "ruhen", "shihet");

    private static readonly string[][] WhoPhrases = Phrases.Sequences(
        "who reads", "who is reading", "who will read", "who can read", "who sees", "who can see", "who will see", "who are you",
        "who is this", "who am i writing to", "who am i talking to", "who is on the other side", "who gets",
        "kush i lexon", "kush e lexon", "kush lexon", "kush do ta lexojë", "kush do i lexojë", "kush i sheh", "kush e sheh", "kush jeni", "kush je",
        "kush është", "kujt i shkruaj", "me kë po flas", "kush i merr");

    /// <summary>The topic the message asks about, or None. A message that also tells of a harm is answered as such by the caller.</summary>
    public static ServiceTopic Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Phrases.Words(text);
        if (words.Length is 0 or > 25) return ServiceTopic.None;
        if (Phrases.ContainsAny(words, WhoPhrases)) return ServiceTopic.WhoReads;
        if (Phrases.Any(words, AnonymityWords) || (Phrases.ContainsAny(words, AnonymityPhrases) && Phrases.Any(words, AnonymityVerbs))) return ServiceTopic.Anonymity;
        if (Phrases.Any(words, CostWords) || Phrases.ContainsAny(words, CostPhrases)) return ServiceTopic.Cost;
        if (Phrases.Any(words, HoursWords) || (Phrases.Any(words, OpenWords) && Phrases.Any(words, ToYou) && words.Length <= 12)) return ServiceTopic.Hours;
        return ServiceTopic.None;
    }
}
