using Hotline.Bot.Flow;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// An SMS of a sender over its limit, waiting at its sender's gate to be stored with the others that wait with it
/// (<see cref="Limits.SenderGates{T}"/>): whoever stores it tells its webhook the outcome here.
/// </summary>
public sealed class QueuedSms(TwilioInboundMessage message, string body)
{
    public TwilioInboundMessage Message => message;

    /// <summary>The message's text, trimmed.</summary>
    public string Body => body;

    /// <summary>The message as screened, once, however often its batch is stored again.</summary>
    public QuietBatch.Judged? Judged { get; set; }

    /// <summary>Set only once the message is stored (or found a redelivery), or with the error that kept it from being stored.</summary>
    public TaskCompletionSource<InboundOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
