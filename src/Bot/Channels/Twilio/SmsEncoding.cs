namespace Hotline.Bot.Channels.Twilio;

/// <summary>How an SMS is encoded on the air: GSM-7 when every character is in the GSM 03.38 alphabet, UCS-2 otherwise.</summary>
public enum SmsEncoding
{
    Gsm7 = 0,
    Ucs2 = 1,
}
