using Hotline.Core.Transcripts;

namespace Hotline.Core.Conversations;

/// <summary>What storing one inbound message did: its entry, the conversation's severity after it, whether duress is on.</summary>
public sealed record RecordedMessage(TranscriptEntry Entry, Severity ConversationSeverity, bool UnderDuress)
{
    /// <summary>The team key the entry was sealed to (read and verified for this message): the bot's answer right after it is sealed to the same.</summary>
    public byte[]? TeamPublicKey { get; init; }
}
