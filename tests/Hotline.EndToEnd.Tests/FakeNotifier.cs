using System.Collections.Concurrent;
using Hotline.Core.Notices;

namespace Hotline.EndToEnd.Tests;

/// <summary>The SMS/WhatsApp notifier, faked locally: what would have been sent to staff.</summary>
public sealed class FakeNotifier : IOutboundNotifier
{
    public ConcurrentQueue<OutboundNotice> Sent { get; } = new();

    public Task SendAsync(OutboundNotice notice, CancellationToken cancellationToken)
    {
        Sent.Enqueue(notice);
        return Task.CompletedTask;
    }

    public async Task<OutboundNotice> WaitForAsync(Func<OutboundNotice, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Sent.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("No matching notice was sent in time");
    }
}
