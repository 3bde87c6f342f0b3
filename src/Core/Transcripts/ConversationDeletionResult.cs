namespace Hotline.Core.Transcripts;

/// <summary>What one deletion removed, so that the person is told only that.</summary>
/// <param name="Found">The conversation existed and its data is now deleted.</param>
/// <param name="CaseId">The case about it, which is being closed and stripped of identifying facts (by the Triage worker), or null.</param>
/// <param name="CodeRevoked">The conversation had a case code, and it no longer works.</param>
public sealed record ConversationDeletionResult(bool Found, string? CaseId, bool CodeRevoked)
{
    /// <summary>
    /// The channel's own ids of the deleted conversations' messages (Twilio's message SIDs, of the conversation and of the one
    /// it continued), read in the step that deleted them: the channel is to delete its copies of each.
    /// </summary>
    public IReadOnlyList<string> ChannelMessageIds { get; init; } = [];
}
