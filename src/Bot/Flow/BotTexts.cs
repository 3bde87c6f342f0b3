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

    public static string WithCaseCode(string text, string code, Language language) => text + "\n" + (language == Language.En
        ? $"To continue later or from another phone, write this code: {code}"
        : $"Për të vazhduar më vonë ose nga një telefon tjetër, shkruani këtë kod: {code}");

    public static string Continued(Language language, bool operatorHolds) => (language, operatorHolds) switch
    {
        (Language.En, true) => "Welcome back. This chat now continues your earlier conversation; your counsellor is here.",
        (Language.En, false) => "Welcome back. This chat now continues your earlier conversation. Write whenever you are ready.",
        (_, true) => "Mirë se u kthyet. Kjo bisedë vazhdon bisedën tuaj të mëparshme; këshilltari juaj është këtu.",
        _ => "Mirë se u kthyet. Kjo bisedë vazhdon bisedën tuaj të mëparshme. Shkruani kur të jeni gati.",
    };

    public static string ContinuedNote(Channel channel) =>
        $"[The person continued this conversation on {channel.ToWire()} with the case code. Check gently that it is still the same person.]";

    public static string CodeNotRecognised(Language language) => language == Language.En
        ? "That code was not recognised. You can simply write here and we will help you."
        : "Ky kod nuk u njoh. Mund të shkruani thjesht këtu dhe do t'ju ndihmojmë.";

    public static string ForSeverity(Severity severity, Language language) => severity switch
    {
        >= Severity.High => Urgent(language),
        Severity.Medium => Concern(language),
        _ => Listening(language),
    };

    /// <summary>During a surge: the person's place in the queue, and that nobody is dropped.</summary>
    public static string QueuePlace(Language language, int place) => language == Language.En
        ? $"All our counsellors are busy right now. You are number {place} in line and you will not lose your place. If you are in immediate danger, call 112."
        : $"Të gjithë këshilltarët tanë janë të zënë tani. Jeni i/e {place}-ti në radhë dhe nuk e humbni vendin. Nëse jeni në rrezik të menjëhershëm, telefononi 112.";
}
