using Microsoft.Extensions.Options;

namespace Hotline.Bot.Limits;

/// <summary>
/// Whether the bot answers an SMS or WhatsApp message: per pseudonymous sender and over all senders, counted in Redis so
/// that every Bot takes from the same allowance. Twilio does not retry an SMS webhook answered 429, so a message over
/// the limit is never refused: it is stored, joins the sender's one conversation and case like any other, and only the
/// bot's reply (an outgoing SMS, which a flood makes the hotline pay for) is left out. Without Redis the bot answers.
/// </summary>
public sealed class SenderThrottle(SharedWindow window, IOptions<LimitOptions> options, TimeProvider time)
{
    // The ceiling over all senders is taken in blocks (see SharedCeiling); each sender's own limit one message at a time.
    private readonly SharedCeiling all = new(window, Overall, options.Value.SmsPerSecond, TimeSpan.FromSeconds(1), time);

    public const string PerSender = "sms";
    public const string Overall = "sms-all";

    /// <summary>True when the bot may answer this sender now; false: store the message, say nothing.</summary>
    public async Task<bool> MayAnswerAsync(string pseudonym)
    {
        var l = options.Value;
        // Both counts at once; a sender over its own limit does not need the overall one, but taking it costs nothing that matters.
        var sender = window.TryTakeAsync(PerSender, pseudonym, l.SmsPerSender, l.SmsWindow);
        var overall = all.TryTakeAsync();
        var senderWait = await sender.ConfigureAwait(false);
        return await overall.ConfigureAwait(false) && senderWait is null;
    }
}
