using Hotline.Core.Transcripts;

namespace Hotline.Operator.Cases;

/// <summary>
/// Private notes between operators (a transfer's handover note): sealed to the team key exactly like transcript entries
/// and chained, as a transcript of their own whose conversation id is "note-CASEID" (the browser opens them with that
/// id). Never sent to the person; the Operator service, like the Bot, can write them but not read them back.
/// </summary>
public sealed class CaseNotes(TranscriptStore store)
{
    public static string Context(string caseId) => TranscriptStore.NotesId(caseId);

    public Task<TranscriptEntry> AddAsync(string caseId, string by, string text, CancellationToken cancellationToken, OperatorSignature? words = null) =>
        store.AppendAsync(Context(caseId), Author.Operator, by, text, cancellationToken, words: words);

    public Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string caseId, CancellationToken cancellationToken) =>
        store.ReadAsync(Context(caseId), cancellationToken);
}
