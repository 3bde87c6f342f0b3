using Hotline.Core.Transcripts;

namespace Hotline.Bot.Channels;

/// <summary>
/// What the bot's answer to a message just stored already knows: the transcript's tail (the person's entry), the team key
/// that entry was sealed to, and the message's event, relayed to hl:events but still in the conversation's outbox (null
/// when it is not there).
/// </summary>
public sealed record AnswerStep(TranscriptEntry KnownTail, byte[]? TeamPublicKey, string? Relayed);
