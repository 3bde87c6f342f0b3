namespace Hotline.Core.Notices;

/// <summary>Sends notices to staff outside the console (SMS/WhatsApp). Tests replace it with a local fake.</summary>
public interface IOutboundNotifier
{
    Task SendAsync(OutboundNotice notice, CancellationToken cancellationToken);
}
