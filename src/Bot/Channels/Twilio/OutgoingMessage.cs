using Hotline.Core;
using Hotline.Core.Outbox;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>A queued reply as the sender reads it back.</summary>
/// <remarks>
/// <paramref name="Reply"/>: the operator reply it carries, whose delivery state Twilio's answers move.
/// <paramref name="Turn"/>: its place in its conversation's send order (<see cref="Twilio.SendOrder"/>), if it has one.
/// </remarks>
internal sealed record OutgoingMessage(string Id, string? ConversationId, Channel Channel, string Via, bool Wipe, DateTimeOffset QueuedAt, string? StatusCallback, OutgoingPayload Payload,
    ReplyRef? Reply = null, long? Turn = null);
