using Hotline.Core;

namespace Hotline.Bot.Flow;

/// <summary>
/// A message that arrived on any channel, already stripped of the sender's address. Source: the keyed hash of a web chat
/// client's network address, for its case budget and the limits on guessing case codes. Quiet: stored as any other, but the bot does not answer (a sender over
/// its limit).
/// </summary>
public sealed record InboundMessage(string ConversationId, Channel Channel, string Text, string? Source = null, bool Quiet = false);
