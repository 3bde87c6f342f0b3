using Hotline.Core.Transcripts;

namespace Hotline.Core.Conversations;

/// <summary>What storing one inbound message did: its entry, the conversation's severity after it, whether duress is on.</summary>
public sealed record RecordedMessage(TranscriptEntry Entry, Severity ConversationSeverity, bool UnderDuress)
{
    /// <summary>The team key the entry was sealed to (read and verified for this message): the bot's answer right after it is sealed to the same.</summary>
    public byte[]? TeamPublicKey { get; init; }

    /// <summary>
    /// The message's event, already on hl:events but still in the conversation's outbox, when the caller asked to remove
    /// it in its own next step (<see cref="Hotline.Core.Events.EventOutbox.RemoveInScript"/>); null when it is removed.
    /// </summary>
    public string? Relayed { get; init; }

    /// <summary>The send turn of the bot's answer the same step kept (<see cref="AnswerInStep"/>); null when it kept none.</summary>
    public long? AnswerTurn { get; init; }

    /// <summary>The bot's answer's entry, when the same step kept it: the transcript's tail after this message.</summary>
    public TranscriptEntry? Answer { get; init; }

    /// <summary>Whether the kept answer is on its channel's queue (<see cref="AnswerInStep.QueueAsync"/>); false when none was kept or Redis did not take it.</summary>
    public bool AnswerQueued { get; init; }
}
