using Hotline.Core;
using Hotline.Screening;

namespace Hotline.Bot.Flow;

/// <summary>What the bot says, in Albanian and English. Short, plain, and neutral enough for a watched screen.</summary>
public static class BotTexts
{
    public const string Greeting =
        "Përshëndetje. Kjo bisedë është konfidenciale dhe nuk ju kërkojmë emrin. Shkruani shqip ose anglisht.\n" +
        "Hello. This chat is confidential and we will not ask your name. Write in Albanian or English.\n" +
        "Rrezik i menjëhershëm / Immediate danger: 112";

    // Every text says only what is true when it is sent: a case is queued (every message but a greeting opens one), an
    // operator has claimed it, a figure comes from live data. Nothing promises that someone is joining before they have.

    public static string Urgent(Language language) => language == Language.En
        ? "Thank you for telling us. We have passed your conversation to our counsellors as urgent: urgent conversations are answered first. If you are in immediate danger, call 112 (or police 129). Is it safe for you to write right now?"
        : "Faleminderit që na shkruat. Biseda juaj u kalua te këshilltarët tanë si urgjente: bisedat urgjente marrin përgjigje të parat. Nëse jeni në rrezik të menjëhershëm, telefononi 112 (ose policinë 129). A është e sigurt për ju të shkruani tani?";

    /// <summary>Follow-up while an urgent case waits: never silent, never the whole urgent text again.</summary>
    public static string StillComing(Language language) => language == Language.En
        ? "Your conversation is still in the queue as urgent; you have not been forgotten. In immediate danger, call 112."
        : "Biseda juaj është ende në radhë si urgjente; nuk ju kemi harruar. Në rrezik të menjëhershëm, telefononi 112.";

    /// <summary>A worrying first message: the case has just been queued.</summary>
    public static string Concern(Language language) => language == Language.En
        ? "Thank you for telling us. Your conversation is now in the queue for a counsellor. Can you tell us a little more while you wait?"
        : "Faleminderit që na tregoni. Biseda juaj tani është në radhë për një këshilltar. A mund të na tregoni pak më shumë ndërsa prisni?";

    /// <summary>Any other first message: the case has just been queued.</summary>
    public static string Queued(Language language) => language == Language.En
        ? "Thank you for writing. Your conversation is now in the queue for a counsellor; the most urgent are answered first. Meanwhile, tell us what is happening, as much or as little as you want."
        : "Faleminderit që na shkruat. Biseda juaj tani është në radhë për një këshilltar; më të ngutshmet marrin përgjigje të parat. Ndërkohë, na tregoni çfarë po ndodh, aq sa doni.";

    /// <summary>A later message while the case waits: short, and true.</summary>
    public static string Noted(Language language) => language == Language.En
        ? "Thank you, we have it. It is part of your conversation waiting in the queue for a counsellor."
        : "Faleminderit, e morëm. Është pjesë e bisedës suaj që pret në radhë për një këshilltar.";

    /// <summary>A greeting alone: no case yet, so no word of a queue.</summary>
    public static string Listening(Language language) => language == Language.En
        ? "Hello. We are here to help. Tell us what is happening, as much or as little as you want."
        : "Përshëndetje. Jemi këtu për t'ju ndihmuar. Na tregoni çfarë po ndodh, aq sa doni.";

    /// <summary>Thanks alone, with no case waiting.</summary>
    public static string Welcome(Language language) => language == Language.En
        ? "You are welcome. You can write to us here at any time."
        : "S'ka përse. Mund të na shkruani këtu në çdo kohë.";

    /// <summary>
    /// The person asked for a person: their place in the live queue and, only if there are enough recent claims, how long
    /// people waited lately (null: say there is no figure rather than invent one).
    /// </summary>
    public static string HumanRequested(Language language, int place, TimeSpan? typicalWait) => language == Language.En
        ? $"This is the hotline's automatic assistant. You asked to talk to a person: your conversation is in the queue for a counsellor, and you are number {place} in line. {WaitEn(typicalWait)} If you are in immediate danger, call 112."
        : $"Ky është asistenti automatik i linjës. Kërkuat të flisni me një njeri: biseda juaj është në radhë për një këshilltar dhe jeni numri {place} në radhë. {WaitSq(typicalWait)} Nëse jeni në rrezik të menjëhershëm, telefononi 112.";

    private static string WaitEn(TimeSpan? wait) => wait switch
    {
        null => "We have no recent figure for how long the wait is.",
        { TotalMinutes: < 1 } => "Lately people have waited less than a minute.",
        { } w => $"Lately people have waited about {Minutes(w)} {(Minutes(w) == 1 ? "minute" : "minutes")}.",
    };

    private static string WaitSq(TimeSpan? wait) => wait switch
    {
        null => "Nuk kemi të dhëna të fundit sa zgjat pritja.",
        { TotalMinutes: < 1 } => "Kohët e fundit pritja ka qenë më pak se një minutë.",
        { } w => $"Kohët e fundit pritja ka qenë rreth {Minutes(w)} {(Minutes(w) == 1 ? "minutë" : "minuta")}.",
    };

    private static int Minutes(TimeSpan wait) => (int)Math.Round(wait.TotalMinutes, MidpointRounding.AwayFromZero);

    /// <summary>A short, true answer to a question about the service, and how to reach a person.</summary>
    /// <param name="online">Counsellors online now (for the hours answer).</param>
    public static string AboutService(ServiceTopic topic, Language language, int online)
    {
        var en = language == Language.En;
        var answer = topic switch
        {
            ServiceTopic.Hours when en => "You can write here at any time, day or night: this assistant answers at once, and counsellors read the conversations in the queue, the most urgent first. " +
                (online > 0 ? $"Counsellors online right now: {online}." : "No counsellor is online right now; your conversation waits in the queue until one is."),
            ServiceTopic.Hours => "Mund të shkruani këtu në çdo kohë, ditë e natë: ky asistent përgjigjet menjëherë dhe këshilltarët lexojnë bisedat në radhë, më të ngutshmet të parat. " +
                (online > 0 ? $"Këshilltarë në linjë tani: {online}." : "Tani nuk ka asnjë këshilltar në linjë; biseda juaj pret në radhë derisa të vijë njëri."),
            ServiceTopic.Cost when en => "The hotline is free: we never ask you for money. By SMS, your phone company may charge its usual price for a text.",
            ServiceTopic.Cost => "Linja është falas: nuk ju kërkojmë kurrë para. Me SMS, kompania juaj telefonike mund të marrë tarifën e zakonshme të një mesazhi.",
            ServiceTopic.Anonymity when en => "We do not ask your name. Counsellors do not see your phone number, and your messages are stored encrypted: only the hotline's counsellors can read them.",
            ServiceTopic.Anonymity => "Nuk ju kërkojmë emrin. Këshilltarët nuk e shohin numrin tuaj të telefonit dhe mesazhet ruhen të koduara: vetëm këshilltarët e linjës mund t'i lexojnë.",
            ServiceTopic.WhoReads when en => "You are writing to the hotline. This automatic assistant answers first; the hotline's counsellors, who are people, read this conversation. Nobody else can.",
            ServiceTopic.WhoReads => "Po i shkruani linjës. Ky asistent automatik përgjigjet i pari; bisedën e lexojnë këshilltarët e linjës, që janë njerëz. Askush tjetër nuk mund ta lexojë.",
            _ => throw new ArgumentOutOfRangeException(nameof(topic)),
        };
        return answer + "\n" + (en ? "To ask for a person, write: person" : "Për të kërkuar një njeri, shkruani: njeri");
    }

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

    /// <summary>To the channel the conversation is on now, when someone gives its case code elsewhere.</summary>
    public static string MoveRequested(Language language) => language == Language.En
        ? "Someone gave the code of this conversation in another chat. Nothing moves until your counsellor has checked it was you. If it was not you, write here."
        : "Dikush dha kodin e kësaj bisede në një bisedë tjetër. Asgjë nuk zhvendoset pa e kontrolluar këshilltari juaj që ishit ju. Nëse nuk ishit ju, shkruani këtu.";

    /// <summary>To the chat that gave a good case code: it waits for the operator's confirmation.</summary>
    public static string MoveOnHold(Language language) => language == Language.En
        ? "Thank you. A counsellor will check that it is you before the conversation continues here. You can keep writing here meanwhile."
        : "Faleminderit. Një këshilltar do të kontrollojë që jeni ju përpara se biseda të vazhdojë këtu. Ndërkohë mund të vazhdoni të shkruani këtu.";

    public static string MoveRequestedNote(Channel channel) =>
        $"[Someone gave this conversation's case code on {channel.ToWire()}. Nothing moved: confirm in the case that it is the same person (or refuse) before replies go there.]";

    public static string ContinuedNote(Channel channel) =>
        $"[The person continued this conversation on {channel.ToWire()} with the case code. Check gently that it is still the same person.]";

    public static string CodeNotRecognised(Language language) => language == Language.En
        ? "That code was not recognised. You can simply write here; your message reaches the hotline."
        : "Ky kod nuk u njoh. Mund të shkruani thjesht këtu; mesazhi juaj i arrin linjës.";

    /// <summary>The answer to the message that has just opened a case.</summary>
    public static string ForNewCase(Severity severity, Language language) => severity switch
    {
        >= Severity.High => Urgent(language),
        Severity.Medium => Concern(language),
        _ => Queued(language),
    };

    /// <summary>During a surge (more urgent cases waiting than counsellors free): the person's place, and that nobody is dropped.</summary>
    public static string QueuePlace(Language language, int place) => language == Language.En
        ? $"Many people are writing to us right now. You are number {place} in line; nobody is dropped from the line. If you are in immediate danger, call 112."
        : $"Shumë njerëz po na shkruajnë tani. Jeni numri {place} në radhë; askush nuk hiqet nga radha. Nëse jeni në rrezik të menjëhershëm, telefononi 112.";
}
