using Hotline.Core;

namespace Hotline.Bot.Flow;

/// <summary>What the bot says, in Albanian and English. Short, plain, and neutral enough for a watched screen.</summary>
public static class BotTexts
{
    public const string Greeting =
        "Përshëndetje. Kjo bisedë është konfidenciale dhe nuk ju kërkojmë emrin. Shkruani shqip ose anglisht.\n" +
        "Hello. This chat is confidential and we will not ask your name. Write in Albanian or English.\n" +
        "Rrezik i menjëhershëm / Immediate danger: 112";

    public static string Urgent(Language language) => language == Language.En
        ? "Thank you for telling us. A counsellor is joining this chat now. If you are in immediate danger, call 112 (or police 129). Is it safe for you to write right now?"
        : "Faleminderit që na shkruat. Një këshilltar po vjen tani në këtë bisedë. Nëse jeni në rrezik të menjëhershëm, telefononi 112 (ose policinë 129). A është e sigurt për ju të shkruani tani?";

    /// <summary>Follow-up while an urgent case waits: never silent, never the whole urgent text again.</summary>
    public static string StillComing(Language language) => language == Language.En
        ? "A counsellor will be with you as soon as possible; you have not been forgotten. In immediate danger, call 112."
        : "Një këshilltar do të jetë me ju sa më shpejt; nuk ju kemi harruar. Në rrezik të menjëhershëm, telefononi 112.";

    public static string Concern(Language language) => language == Language.En
        ? "Thank you for telling us. We are here to listen. Can you tell us a little more? A counsellor reads every conversation like this one."
        : "Faleminderit që na tregoni. Jemi këtu t'ju dëgjojmë. A mund të na tregoni pak më shumë? Një këshilltar i lexon bisedat si kjo.";

    public static string Listening(Language language) => language == Language.En
        ? "We are here to help. Tell us what is happening, as much or as little as you want."
        : "Jemi këtu për t'ju ndihmuar. Na tregoni çfarë po ndodh, aq sa doni.";

    public static string OperatorJoined(Language language) => language == Language.En
        ? "A counsellor has joined the conversation."
        : "Një këshilltar u bashkua me bisedën.";

    public static string OperatorLeft(Language language) => language == Language.En
        ? "The counsellor has left the conversation. You can write to us again at any time."
        : "Këshilltari doli nga biseda. Mund të na shkruani përsëri në çdo kohë.";

    public static string ForSeverity(Severity severity, Language language) => severity switch
    {
        >= Severity.High => Urgent(language),
        Severity.Medium => Concern(language),
        _ => Listening(language),
    };
}
