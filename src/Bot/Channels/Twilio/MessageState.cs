namespace Hotline.Bot.Channels.Twilio;

/// <summary>A message's delivery state as Twilio last reported it; no text, no number.</summary>
public sealed record MessageState(string Sid, string Status, string? ErrorCode, DateTimeOffset At, string? ConversationId);
