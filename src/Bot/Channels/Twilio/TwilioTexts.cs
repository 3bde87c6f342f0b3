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

    public static string Wiped(Language language) => In(language,
        "U krye: biseda u mbyll dhe mesazhet po fshihen nga shërbimi ynë i mesazheve. Fshijeni këtë bisedë edhe në telefon. " +
        "Për të na shkruar përsëri, dërgoni START në këtë numër.",
        "Done: the conversation is closed and the messages are being deleted from our messaging service. Please delete this thread on your phone too. " +
        "To write to us again, send START to this number.");

    private static string In(Language language, string sq, string en) => language switch
    {
        Language.Sq => sq,
        Language.En => en,
        _ => sq + "\n" + en,
    };
}
