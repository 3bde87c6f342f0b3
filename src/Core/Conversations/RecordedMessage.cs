using Hotline.Core.Transcripts;

namespace Hotline.Core.Conversations;

/// <summary>What storing one inbound message did: its entry, the conversation's severity after it, whether duress is on.</summary>
public sealed record RecordedMessage(TranscriptEntry Entry, Severity ConversationSeverity, bool UnderDuress);
