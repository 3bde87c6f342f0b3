using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Notices;

/// <summary>
/// The default notifier: queues each notice on the hl:notices stream for the channel sender (Twilio) to deliver; alerts
/// that come in a burst are merged (<see cref="NoticeMerging"/>).
/// </summary>
public sealed class StreamOutboundNotifier(HotlineRedis redis, NoticeMerging? merging = null) : IOutboundNotifier
{
    public async Task SendAsync(OutboundNotice notice, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (merging is not null && NoticeMerging.Merges(notice) && !await merging.TakeAsync(notice).ConfigureAwait(false)) return;
        await QueueAsync(notice).ConfigureAwait(false);
    }

    /// <summary>Queues a notice as it is, never merged (a summary of merged ones).</summary>
    public async Task QueueAsync(OutboundNotice notice)
    {
        await redis.PublishAsync(RedisKeys.Notices,
        [
            new NameValueEntry("recipient", notice.Recipient),
            new NameValueEntry("purpose", notice.Purpose),
            new NameValueEntry("text", notice.Text),
            new NameValueEntry("caseId", notice.CaseId ?? ""),
            new NameValueEntry("areaSealed", notice.SealedArea ?? ""),
        ]).ConfigureAwait(false);
    }
}
