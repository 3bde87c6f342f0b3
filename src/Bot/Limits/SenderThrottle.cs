using Microsoft.Extensions.Options;

namespace Hotline.Bot.Limits;

/// <summary>
/// Whether the bot answers an SMS or WhatsApp message: per pseudonymous sender and over all senders, counted in Redis so
/// that every Bot takes from the same allowance. Twilio does not retry an SMS webhook answered 429, so a message over
/// the limit is never refused: it is stored, joins the sender's one conversation and case like any other, and only the
/// bot's reply (an outgoing SMS, which a flood makes the hotline pay for) is left out. Without Redis the bot answers.
/// </summary>
public sealed class SenderThrottle(SharedWindow window, IOptions<LimitOptions> options)
{
    public const string PerSender = "sms";
    public const string Overall = "sms-all";

    /// <summary>True when the bot may answer this sender now; false: store the message, say nothing.</summary>
    public async Task<bool> MayAnswerAsync(string pseudonym)
    {
        var l = options.Value;
        // Both counts in one round trip; a sender over its own limit does not need the overall one, but taking it costs nothing that matters.
        var sender = window.TryTakeAsync(PerSender, pseudonym, l.SmsPerSender, l.SmsWindow);
        var all = window.TryTakeAsync(Overall, "all", l.SmsPerSecond, TimeSpan.FromSeconds(1));
        var senderWait = await sender.ConfigureAwait(false);
        var allWait = await all.ConfigureAwait(false);
        return senderWait is null && allWait is null;
    }
}
