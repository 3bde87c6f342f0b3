using Hotline.Core.Transcripts;
using Hotline.Core;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// What the SMS and WhatsApp channel itself says, in Albanian and English (both when the language is not known yet).
/// Neutral: the phone may be read by the person the message is about, so nothing names the hotline or its purpose.
/// </summary>
public static class TwilioTexts
{
    /// <summary>The default first SMS (HOTLINE_SMS_FIRST_REPLY replaces it): neutral, and it says how to delete the thread.</summary>
    public const string NeutralFirstReply =
        "Përshëndetje, mesazhi juaj arriti. Mund të shkruani këtu kur të doni. Për privatësi, fshijeni këtë bisedë në telefon pasi ta lexoni. " +
        "Shkruani FSHI që t'i fshijmë edhe ne mesazhet, NDALO që të mos merrni më mesazhe.\n" +
        "Hello, your message arrived. You can write here whenever you want. For privacy, delete this thread on your phone after reading. " +
        "Reply WIPE to have us delete the messages too, STOP to get no more messages.";

    public static string MediaNotRead(Language language) => In(language,
        "Ne lexojmë vetëm tekst: fotot, zërin dhe skedarët nuk i hapim. Ju lutemi na shkruani me fjalë.",
        "We only read text: we do not open photos, voice notes or files. Please write to us in words.");

    public static string Stopped(Language language) => In(language,
        "Nuk do t'ju shkruajmë më dhe e harruam numrin tuaj. Për të na shkruar përsëri, dërgoni START në këtë numër kur të doni.",
        "We will not write to you again and have forgotten your number. To write to us again, send START to this number whenever you want.");

    /// <summary>After the wipe word: only what <paramref name="deleted"/> says was done (Twilio's copies are being deleted, not yet gone).</summary>
    public static string Wiped(Language language, ConversationDeletionResult deleted) => In(language,
        "U krye: mesazhet e kësaj bisede u fshinë nga linja" + (deleted.CodeRevoked ? " dhe kodi nuk funksionon më." : ".") +
        (deleted.CaseId is not null ? " Rasti po mbyllet." : "") +
        " Twilio po fshin kopjet e mesazheve. Fshijeni bisedën edhe në telefon. Për të shkruar sërish, dërgoni START.",
        "Done: this conversation's messages are deleted from the hotline" + (deleted.CodeRevoked ? " and its code no longer works." : ".") +
        (deleted.CaseId is not null ? " The counsellors' case about it is being closed." : "") +
        " Our messaging service (Twilio) is deleting its copies. Please delete this thread on your phone too. To write to us again, send START to this number.");

    /// <summary>
    /// The wipe word from a number the hotline cannot link to a conversation (never wrote, stopped, or its pseudonym has
    /// rotated since): nothing was deleted. It does not say that nothing is held: a stopped conversation still is, until
    /// its retention ends, and the number no longer finds it.
    /// </summary>
    public static string NothingToWipe(Language language) => In(language,
        "Nuk mund ta lidhim këtë numër me asnjë bisedë, ndaj nuk u fshi asgjë. Twilio po fshin këtë mesazh. Për të na shkruar, dërgoni START.",
        "We cannot link this number to any conversation, so nothing was deleted. Our messaging service (Twilio) is deleting this message. To write to us, send START to this number.");

    private static string In(Language language, string sq, string en) => language switch
    {
        Language.Sq => sq,
        Language.En => en,
        _ => sq + "\n" + en,
    };
}
