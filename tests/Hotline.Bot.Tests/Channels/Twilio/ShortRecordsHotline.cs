namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// The Twilio hotline with messages' delivery records kept for <see cref="RecordLifetime"/> instead of 30 days, so that a
/// conversation idle for longer than that lifetime is one a test can wait for on a real redis-server's own clock.
/// </summary>
public sealed class ShortRecordsHotline() : TwilioHotline(bot: true, twilio: o => o.MessageRecordLifetime = RecordLifetime)
{
    public static readonly TimeSpan RecordLifetime = TimeSpan.FromSeconds(2);
}
