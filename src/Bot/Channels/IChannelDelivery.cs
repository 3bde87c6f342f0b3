using Hotline.Core;

namespace Hotline.Bot.Channels;

/// <summary>Who says an outgoing message to the person.</summary>
public enum Speaker
{
    Bot = 0,
    Operator = 1,
}

/// <summary>Sends what the hotline says to the person on one channel.</summary>
public interface IChannelDelivery
{
    Channel Channel { get; }

    Task DeliverAsync(string conversationId, Speaker speaker, string text, CancellationToken cancellationToken);

    /// <summary>Shows that the operator is typing, where the channel can; nothing is stored.</summary>
    Task SignalTypingAsync(string conversationId, CancellationToken cancellationToken) => Task.CompletedTask;
}
