namespace Hotline.EndToEnd.Tests.Faults;

/// <summary>A message the Bot answered 200.</summary>
public sealed record AnsweredMessage(string ConversationId, string Text, bool Urgent);
