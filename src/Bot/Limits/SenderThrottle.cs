using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Limits;

/// <summary>
/// Whether the bot answers an SMS or WhatsApp message: per pseudonymous sender and over all senders. Twilio does not
/// retry an SMS webhook answered 429, so a message over the limit is never refused: it is stored, joins the sender's
/// one conversation and case like any other, and only the bot's reply (an outgoing SMS, which a flood makes the hotline
/// pay for) is left out.
/// </summary>
public sealed class SenderThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> perSender;
    private readonly RateLimiter overall;

    public SenderThrottle(IOptions<LimitOptions> options)
    {
        var l = options.Value;
        perSender = PartitionedRateLimiter.Create<string, string>(pseudonym => RateLimitPartition.GetFixedWindowLimiter(pseudonym,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = l.SmsPerSender, Window = l.SmsWindow, QueueLimit = 0 }));
        overall = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = l.SmsPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 });
    }

    /// <summary>True when the bot may answer this sender now; false: store the message, say nothing.</summary>
    public bool MayAnswer(string pseudonym)
    {
        using var sender = perSender.AttemptAcquire(pseudonym);
        if (!sender.IsAcquired) return false;
        using var all = overall.AttemptAcquire();
        return all.IsAcquired;
    }

    public void Dispose()
    {
        perSender.Dispose();
        overall.Dispose();
    }
}
