using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Limits;

/// <summary>
/// Whether the bot answers an SMS or WhatsApp message: per pseudonymous sender and over all senders, counted in Redis so
/// that every Bot takes from the same allowance. Twilio does not retry an SMS webhook answered 429, so a message over
/// the limit is never refused: it is stored, joins the sender's one conversation and case like any other, and only the
/// bot's reply (an outgoing SMS, which a flood makes the hotline pay for) is left out. Without Redis the bot answers.
/// Both counts are taken in blocks (<see cref="SharedCeiling"/>): a sender's allowance a fifth at a time, so a usual
/// sender costs Redis one call per block rather than one per message, and a sender over its limit costs Redis nothing
/// more until its window ends (this Bot remembers the window is spent). Redis still never grants more than the limit
/// across Bots; a Bot may hold a block the sender then writes past at another Bot, so the limit may bite a little early,
/// never late. A sender over its own limit takes nothing from the ceiling over all senders: a flood from one number
/// cannot use up the answers everybody else is owed.
/// </summary>
public sealed class SenderThrottle(SharedWindow window, IOptions<LimitOptions> options, TimeProvider time)
{
    /// <summary>Above this many senders held, those whose window has ended are let go.</summary>
    private const int Held = 10_000;

    private readonly SharedCeiling all = new(window, Overall, options.Value.SmsPerSecond, TimeSpan.FromSeconds(1), time);
    private readonly ConcurrentDictionary<string, SharedCeiling> senders = new(StringComparer.Ordinal);
    private long nextPrune;

    public const string PerSender = "sms";
    public const string Overall = "sms-all";

    /// <summary>True when the bot may answer this sender now; false: store the message, say nothing.</summary>
    public async Task<bool> MayAnswerAsync(string pseudonym)
    {
        if (senders.Count > Held) Prune();
        var sender = senders.GetOrAdd(pseudonym, static (key, self) => self.NewSender(key), this);
        return await sender.TryTakeAsync().ConfigureAwait(false) && await all.TryTakeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// True when this Bot already knows the sender is over its limit (<see cref="MayAnswerAsync"/> would say no without
    /// asking Redis): its message may be stored together with the others it sends meanwhile, unanswered.
    /// </summary>
    public bool KnownOver(string pseudonym) => senders.TryGetValue(pseudonym, out var sender) && sender.KnownSpent;

    private SharedCeiling NewSender(string pseudonym)
    {
        var l = options.Value;
        return new SharedCeiling(window, PerSender, l.SmsPerSender, l.SmsWindow, time, pseudonym, block: l.SmsPerSender / 5);
    }

    /// <summary>At most once a second, however many senders are held.</summary>
    private void Prune()
    {
        var now = time.GetTimestamp();
        var due = Interlocked.Read(ref nextPrune);
        if (now < due || Interlocked.CompareExchange(ref nextPrune, now + time.TimestampFrequency, due) != due) return;
        foreach (var (pseudonym, sender) in senders)
        {
            if (sender.Ended) senders.TryRemove(new KeyValuePair<string, SharedCeiling>(pseudonym, sender));
        }
    }
}
