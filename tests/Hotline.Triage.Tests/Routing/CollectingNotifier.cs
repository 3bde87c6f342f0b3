using System.Collections.Concurrent;
using Hotline.Core.Notices;

namespace Hotline.Triage.Tests.Routing;

public sealed class CollectingNotifier : IOutboundNotifier
{
    public ConcurrentQueue<OutboundNotice> Sent { get; } = new();

    public Task SendAsync(OutboundNotice notice, CancellationToken cancellationToken)
    {
        Sent.Enqueue(notice);
        return Task.CompletedTask;
    }
}
