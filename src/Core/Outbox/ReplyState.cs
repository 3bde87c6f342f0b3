namespace Hotline.Core.Outbox;

/// <summary>
/// How far an operator's reply went, in the order it can only move: the console shows it beside the reply. Failed ranks
/// above delivered because one part of a split SMS that fails means the person did not get the whole reply.
/// </summary>
public enum ReplyState
{
    /// <summary>Stored and queued; the person's channel does not have it yet.</summary>
    Sending = 0,

    /// <summary>WhatsApp's 24-hour window is closed: the reply waits until the person writes again.</summary>
    Held = 1,

    /// <summary>Handed to the person's channel (the web chat's delivery buffer, Twilio, the Bot Framework connector).</summary>
    Sent = 2,

    /// <summary>The person's page received it, or Twilio reported it delivered.</summary>
    Delivered = 3,

    /// <summary>It could not reach the person (no address any more, refused or undelivered at Twilio, conversation ended).</summary>
    Failed = 4,

    /// <summary>The person's page showed it while visible, or WhatsApp reported it read.</summary>
    Read = 5,
}
