namespace Hotline.Core.Conversations;

/// <summary>
/// The conversation's sealed risk state (the <see cref="ConversationStore.RiskField"/> of its hash, opaque here) as one inbound step replaces it: <see cref="Before"/>
/// is the value the step read (null when there was none), <see cref="After"/> the value it writes. Only that step writes
/// the state, always with a transcript entry, and it writes only while the transcript still has the length the message
/// was judged at; so of two messages at the same instant neither loses the other's update: the later one is read and
/// judged again against the state the first one left.
/// </summary>
public sealed record ConversationRiskWrite(string? Before, string After);
